/**
 * Writes a synthetic fabu project: N realistic policy press releases over ten sections and twenty years,
 * about a quarter in Traditional Chinese, deterministic for a seed.
 *
 *   npm run corpus -- --count 4000 --seed 1 --out /tmp/corpus            (a fabu project)
 *   npm run corpus -- --count 4000 --seed 1 --out /tmp/hugo --format hugo (the same articles as a Hugo site)
 *   node lib/scripts/generate-corpus.js --count 4000 --out DIR --format all   (DIR/fabu, DIR/hugo, DIR/eleventy)
 *
 * Then `node bin/fabu.js build --root DIR` builds it. The generator lives in scripts/bench/corpus/.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeCorpus, type CorpusTargets } from "./bench/corpus/write.js";

const USAGE = `Usage: node lib/scripts/generate-corpus.js --count N [--seed S] --out DIR [--format fabu|hugo|eleventy|all]

  --count N     number of articles (e.g. 4000, 20000, 100000)
  --seed S      any text or number (default 1); the same seed and count give byte-identical files
  --out DIR     where to write; only the generated parts of DIR are replaced
  --format F    fabu (default): a fabu project (content/, templates/);
                hugo: the same articles as a minimal Hugo site; eleventy: as a plain Eleventy project
                (build it with --config scripts/bench/eleventy-peer/eleventy.config.js and a relative --input);
                all: DIR/fabu, DIR/hugo and DIR/eleventy`;

async function main(argv: readonly string[]): Promise<number> {
  let values: { count?: string; seed?: string; out?: string; format?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { count: { type: "string" }, seed: { type: "string" }, out: { type: "string" }, format: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`generate-corpus: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const count = Number(values.count);
  if (!values.count || !Number.isInteger(count) || count < 1 || !values.out) {
    console.error(`generate-corpus: --count (a positive whole number) and --out are required\n\n${USAGE}`);
    return 2;
  }
  const out = resolve(values.out);
  const format = values.format ?? "fabu";
  const targets: CorpusTargets | undefined =
    format === "fabu" ? { fabu: out }
    : format === "hugo" ? { hugo: out }
    : format === "eleventy" ? { eleventy: out }
    : format === "all" ? { fabu: join(out, "fabu"), hugo: join(out, "hugo"), eleventy: join(out, "eleventy") }
    : undefined;
  if (!targets) {
    console.error(`generate-corpus: unknown --format "${format}"\n\n${USAGE}`);
    return 2;
  }
  const stats = await writeCorpus(count, values.seed ?? "1", targets);
  const seconds = (stats.milliseconds / 1000).toFixed(2);
  console.log(
    `generate-corpus: ${stats.articles} articles (${stats.traditional} in Traditional, ${stats.drafts} drafts), ` +
      `bodies ${stats.bodyChars.min}–${stats.bodyChars.max} characters (${(stats.bodyChars.total / 1e6).toFixed(1)} M in all), ` +
      `format ${format}, into ${out} in ${seconds} s`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
