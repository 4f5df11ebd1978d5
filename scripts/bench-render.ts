/**
 * Per-article rendering benchmark: parse, convertTree (both scripts) and
 * toHtml on a ~4,000-character press release, against opencc-js and plain
 * unified on the same text.
 *
 *   npm run bench:render                       (compiles, then runs lib/scripts/bench-render.js)
 *   npm run bench:render -- --iterations 4000 --chars 8000
 *
 * On a busy machine, pin it to one core (`taskset -c 1 node lib/scripts/bench-render.js`).
 * The logic lives in src/render/bench-render.ts so that it is type-checked with the rest of src/.
 */
import { formatRenderBenchmark, parseBenchArguments, runRenderBenchmark } from "../src/render/bench-render.js";

const options = parseBenchArguments(process.argv.slice(2));
console.log(formatRenderBenchmark(runRenderBenchmark(options), options));
