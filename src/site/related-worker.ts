import { parentPort, workerData } from "node:worker_threads";
import type { RelatedConfig } from "../config/site-config.js";
import { computeRelated, type RelatedCandidate } from "./related.js";

/** The worker side of computeRelatedInBackground: articles in, related ids per article out, both as JSON. */
const { articles, config } = JSON.parse(workerData as string) as { articles: RelatedCandidate[]; config: RelatedConfig };
parentPort?.postMessage(JSON.stringify([...computeRelated(articles, config)]));
