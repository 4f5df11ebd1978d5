#!/usr/bin/env node
// The compiled CLI lives in lib/ (npm run compile); this shim keeps the bin path stable.
import { main } from "../lib/src/cli.js";

process.exitCode = await main(process.argv.slice(2));
