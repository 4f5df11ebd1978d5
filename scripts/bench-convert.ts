/**
 * Converter benchmark: fabu's converter against plain opencc-js, cn→tw and
 * tw→cn, on a few hundred KB of policy prose, with build times.
 *
 *   npm run bench:convert        (compiles, then runs lib/scripts/bench-convert.js)
 *
 * The logic lives in src/convert/bench.ts so that it is type-checked with the rest of src/.
 */
import { formatBenchmark, runConversionBenchmark } from "../src/convert/bench.js";

console.log(formatBenchmark(runConversionBenchmark()));
