/**
 * Writes a generated corpus as a fabu project, and the same articles as a Hugo site and as an Eleventy
 * project for the benchmark. The Markdown bodies are byte-identical in all three; only the front matter
 * differs (fabu's YAML; Hugo's TOML with +08:00 dates; Eleventy's YAML with a Date and its own keys).
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { BENCH_ASSETS, PROJECT_ROOT } from "../paths.js";
import { generateArticle, type GeneratedArticle } from "./article.js";
import { SECTIONS, SITE, SITE_GLOSSARY } from "./banks.js";
import { planCorpus } from "./plan.js";
import { hashString } from "./prng.js";
import { bankSets } from "./text.js";

export type CorpusFormat = "fabu" | "hugo" | "eleventy";

export interface CorpusTargets {
  readonly fabu?: string;
  readonly hugo?: string;
  readonly eleventy?: string;
}

export interface CorpusStats {
  readonly articles: number;
  readonly drafts: number;
  readonly traditional: number;
  readonly bodyChars: { readonly total: number; readonly min: number; readonly max: number };
  readonly milliseconds: number;
}

/** Turns `--seed` text into the PRNG seed; numbers and words both work. */
export const seedNumber = (seed: string): number => hashString(`fabu-corpus:${seed}`);

// ---------------------------------------------------------------------------------------------- YAML / TOML

/** A YAML scalar: plain when that is unambiguous text, otherwise double-quoted (JSON escapes are YAML). */
export function yamlText(text: string): string {
  const plain = !/[:#,[\]{}"'\\|>&*!%@`]/.test(text) && !/^[\s\-?0-9.+~=]/.test(text) && !/\s$/.test(text) && !/^(true|false|null|yes|no|on|off)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

const yamlList = (items: readonly string[]) => `[${items.map(yamlText).join(", ")}]`;
const yamlId = (id: string, isText: boolean) => (isText ? `"${id}"` : id);
const toml = (text: string) => JSON.stringify(text);
const tomlList = (items: readonly string[]) => `[${items.map(toml).join(", ")}]`;

// --------------------------------------------------------------------------------------------------- fabu

function fabuArticle(a: GeneratedArticle): string {
  const lines = ["---", `id: ${yamlId(a.id, a.idIsText)}`, `title: ${yamlText(a.title)}`];
  if (a.subtitle) lines.push(`subtitle: ${yamlText(a.subtitle)}`);
  if (a.kicker) lines.push(`kicker: ${yamlText(a.kicker)}`);
  lines.push(`date: "${a.date.local}"`);
  if (a.updated) lines.push(`updated: "${a.updated.local}"`);
  if (a.source) lines.push(`source: ${yamlText(a.source)}`);
  if (typeof a.byline === "string") lines.push(`byline: ${yamlText(a.byline)}`);
  else lines.push("byline:", ...a.byline.map((name) => `  - ${yamlText(name)}`));
  lines.push(`editor: ${yamlText(a.editor)}`);
  if (a.writeLang) lines.push(`lang: ${a.script}`);
  if (a.draft) lines.push("draft: true");
  lines.push(`tags: ${yamlList(a.tags)}`);
  if (a.related.length) lines.push(`related: [${a.related.map((r) => yamlId(r.id, r.isText)).join(", ")}]`);
  if (a.summary) lines.push(`summary: ${yamlText(a.summary)}`);
  if (a.glossary) {
    lines.push("glossary:", ...a.glossary.map((rule) => `  - {zh-Hans: ${yamlText(rule.hans)}, zh-Hant: ${yamlText(rule.hant)}}`));
  }
  lines.push("---", "", a.body);
  return lines.join("\n");
}

function copyFabuTemplates(dir: string): void {
  rmSync(join(dir, "templates"), { recursive: true, force: true });
  cpSync(join(PROJECT_ROOT, "templates"), join(dir, "templates"), { recursive: true });
}

function writeFabuFrame(dir: string): void {
  rmSync(join(dir, "content"), { recursive: true, force: true });
  copyFabuTemplates(dir);
  mkdirSync(join(dir, "content"), { recursive: true });
  const { hans } = bankSets();
  writeFileSync(
    join(dir, "content", "_site.yml"),
    [
      "# Site settings of a synthetic benchmark corpus (scripts/generate-corpus.ts).",
      `title: ${SITE.title}`,
      `title_hant: ${SITE.titleHant}`,
      `description: ${yamlText(SITE.description)}`,
      `url: ${SITE.url}`,
      "pathPrefix: /",
      "timeZone: Asia/Shanghai",
      "defaultScript: zh-Hans",
      `source: ${SITE.source}`,
      `publisher: ${SITE.publisher}`,
      "traditional: tw",
      "quotes: true",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "content", "_glossary.yml"), SITE_GLOSSARY.map((r) => `- {zh-Hans: ${r.hans}, zh-Hant: ${r.hant}}\n`).join(""));
  hans.sections.forEach((section, i) => {
    mkdirSync(join(dir, "content", section.key), { recursive: true });
    const titleHant = bankSets().hant.sections[i]!.title;
    writeFileSync(join(dir, "content", section.key, "_index.md"), `---\ntitle: ${section.title}\ntitle_hant: ${titleHant}\nweight: ${section.weight}\n---\n\n${section.intro}\n`);
  });
}

// --------------------------------------------------------------------------------------------------- Hugo

function hugoArticle(a: GeneratedArticle): string {
  const lines = ["+++", `title = ${toml(a.title)}`, `date = ${a.date.iso}`];
  if (a.updated) lines.push(`lastmod = ${a.updated.iso}`);
  if (a.draft) lines.push("draft = true");
  if (a.summary) lines.push(`summary = ${toml(a.summary)}`);
  lines.push(`aid = ${toml(a.id)}`, `script = ${toml(a.script)}`);
  if (a.subtitle) lines.push(`subtitle = ${toml(a.subtitle)}`);
  if (a.kicker) lines.push(`kicker = ${toml(a.kicker)}`);
  lines.push(`source = ${toml(a.source ?? SITE.source)}`);
  lines.push(`byline = ${tomlList(typeof a.byline === "string" ? [a.byline] : a.byline)}`);
  lines.push(`editor = ${toml(a.editor)}`, `topics = ${tomlList(a.tags)}`);
  // Related articles by content path, so a layout resolves each with one site.GetPage lookup.
  if (a.related.length) lines.push(`related_pages = ${tomlList(a.related.map((r) => `/${r.section}/${r.id}`))}`);
  lines.push("+++", "", a.body);
  return lines.join("\n");
}

function copyHugoLayouts(dir: string): void {
  rmSync(join(dir, "layouts"), { recursive: true, force: true });
  cpSync(join(BENCH_ASSETS, "hugo-layouts"), join(dir, "layouts"), { recursive: true });
}

function writeHugoFrame(dir: string): void {
  for (const name of ["content", "public", "resources"]) rmSync(join(dir, name), { recursive: true, force: true });
  copyHugoLayouts(dir);
  const { hans } = bankSets();
  const config = [
    `baseURL = ${toml(SITE.url)}`,
    'languageCode = "zh-CN"',
    `title = ${toml(SITE.title)}`,
    "hasCJKLanguage = true",
    "uglyURLs = true",
    'timeZone = "Asia/Shanghai"',
    'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]',
    "enableRobotsTXT = false",
    "",
    "[taxonomies]",
    "",
    "[permalinks]",
    ...hans.sections.map((s) => `  ${s.key} = "/:year/:month/:day/:filename"`),
    "",
  ];
  writeFileSync(join(dir, "config.toml"), config.join("\n"));
  for (const section of hans.sections) {
    mkdirSync(join(dir, "content", section.key), { recursive: true });
    writeFileSync(join(dir, "content", section.key, "_index.md"), `+++\ntitle = ${toml(section.title)}\nweight = ${section.weight}\n+++\n\n${section.intro}\n`);
  }
}

// ----------------------------------------------------------------------------------------------- Eleventy

function eleventyArticle(a: GeneratedArticle): string {
  const lines = ["---", `title: ${yamlText(a.title)}`, `date: ${a.date.iso}`, `aid: "${a.id}"`, `script: ${a.script}`];
  if (a.draft) lines.push("permalink: false", "eleventyExcludeFromCollections: true");
  if (a.subtitle) lines.push(`subtitle: ${yamlText(a.subtitle)}`);
  if (a.kicker) lines.push(`kicker: ${yamlText(a.kicker)}`);
  if (a.updated) lines.push(`updated: "${a.updated.local}"`);
  lines.push(`source: ${yamlText(a.source ?? SITE.source)}`);
  lines.push(`byline: ${yamlList(typeof a.byline === "string" ? [a.byline] : a.byline)}`);
  lines.push(`editor: ${yamlText(a.editor)}`, `topics: ${yamlList(a.tags)}`);
  if (a.related.length) lines.push(`related: [${a.related.map((r) => `"${r.id}"`).join(", ")}]`);
  if (a.summary) lines.push(`summary: ${yamlText(a.summary)}`);
  lines.push("---", "", a.body);
  return lines.join("\n");
}

function copyEleventyLayouts(dir: string): void {
  const peer = join(BENCH_ASSETS, "eleventy-peer");
  for (const name of ["_includes", "index.njk", "sections.njk"]) rmSync(join(dir, name), { recursive: true, force: true });
  cpSync(join(peer, "_includes"), join(dir, "_includes"), { recursive: true });
  cpSync(join(peer, "pages", "index.njk"), join(dir, "index.njk"));
  cpSync(join(peer, "pages", "sections.njk"), join(dir, "sections.njk"));
}

function writeEleventyFrame(dir: string): void {
  const { hans } = bankSets();
  for (const name of ["_data", ...hans.sections.map((s) => s.key)]) rmSync(join(dir, name), { recursive: true, force: true });
  copyEleventyLayouts(dir);
  mkdirSync(join(dir, "_data"), { recursive: true });
  const site = { title: SITE.title, sections: hans.sections.map((s) => ({ key: s.key, title: s.title, weight: s.weight, intro: s.intro })) };
  writeFileSync(join(dir, "_data", "site.json"), `${JSON.stringify(site, null, 2)}\n`);
  for (const section of hans.sections) {
    mkdirSync(join(dir, section.key), { recursive: true });
    const data = { tags: ["article", section.key], layout: "article.njk", section: section.key, sectionTitle: section.title };
    // Directory data: the section's collection tags and layout, and the article URL /YYYY/MM/DD/<id>.html
    // from the date in Beijing time (a computed permalink, since Markdown is not run through a template
    // engine); a draft keeps its `permalink: false`.
    const module = [
      `const data = ${JSON.stringify(data)};`,
      "const pad = (n) => String(n).padStart(2, \"0\");",
      "const urlOf = (page) => {",
      "  const d = new Date(page.date.getTime() + 8 * 3_600_000);",
      "  return `/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${page.fileSlug}.html`;",
      "};",
      "export default { ...data, eleventyComputed: { permalink: (d) => (d.permalink === false ? false : urlOf(d.page)) } };",
      "",
    ];
    writeFileSync(join(dir, section.key, `${section.key}.11tydata.mjs`), module.join("\n"));
  }
}

/** Copies the layouts again (fabu's templates/, the peers' layouts) into an existing corpus. */
export function refreshLayouts(targets: CorpusTargets): void {
  if (targets.fabu) copyFabuTemplates(targets.fabu);
  if (targets.hugo) copyHugoLayouts(targets.hugo);
  if (targets.eleventy) copyEleventyLayouts(targets.eleventy);
}

// -------------------------------------------------------------------------------------------------- all

interface RangeStats {
  drafts: number;
  traditional: number;
  total: number;
  min: number;
  max: number;
}

/** Generates and writes articles [from, to) of the plan; the frames must already be written. */
export function writeRange(count: number, seed: string, targets: CorpusTargets, from: number, to: number): RangeStats {
  const plan = planCorpus(count, seedNumber(seed));
  const stats: RangeStats = { drafts: 0, traditional: 0, total: 0, min: Infinity, max: 0 };
  for (let i = from; i < to; i++) {
    const article = generateArticle(plan, i);
    const name = `${article.id}.md`;
    if (targets.fabu) writeFileSync(join(targets.fabu, "content", article.section, name), fabuArticle(article));
    if (targets.hugo) writeFileSync(join(targets.hugo, "content", article.section, name), hugoArticle(article));
    if (targets.eleventy) writeFileSync(join(targets.eleventy, article.section, name), eleventyArticle(article));
    if (article.draft) stats.drafts++;
    if (article.script === "zh-Hant") stats.traditional++;
    const length = article.body.length;
    stats.total += length;
    if (length < stats.min) stats.min = length;
    if (length > stats.max) stats.max = length;
  }
  return stats;
}

/** Below this many articles a worker thread costs more to start than it saves. */
const MIN_ARTICLES_PER_WORKER = 4000;

/**
 * Generates `count` articles for `seed` and writes them in every requested format. Each target folder's
 * generated parts are replaced (content/ and templates/ for fabu, etc.), nothing else in it is touched.
 * Large corpora are split over the cores (worker threads, each with its own slice of the articles); the
 * files are the same whatever the split, since every article depends only on the seed and its index.
 */
export async function writeCorpus(count: number, seed: string, targets: CorpusTargets): Promise<CorpusStats> {
  const started = performance.now();
  planCorpus(count, seedNumber(seed)); // validates count before anything is written
  if (targets.fabu) writeFabuFrame(targets.fabu);
  if (targets.hugo) writeHugoFrame(targets.hugo);
  if (targets.eleventy) writeEleventyFrame(targets.eleventy);

  const workerUrl = new URL("./write-worker.js", import.meta.url);
  const parts = Math.max(1, Math.min(availableParallelism(), Math.floor(count / MIN_ARTICLES_PER_WORKER)));
  // Running from TypeScript sources (tests) there is no compiled worker: write everything in this thread.
  const useWorkers = parts > 1 && existsSync(fileURLToPath(workerUrl));
  const bounds = (k: number, n: number) => Math.floor((k * count) / n);
  let results: RangeStats[];
  if (!useWorkers) {
    results = [writeRange(count, seed, targets, 0, count)];
  } else {
    const jobs = Array.from({ length: parts - 1 }, (_, k) => {
      const worker = new Worker(workerUrl, { workerData: { count, seed, targets, from: bounds(k + 1, parts), to: bounds(k + 2, parts) } });
      return new Promise<RangeStats>((resolveJob, rejectJob) => {
        worker.once("message", (stats: RangeStats) => resolveJob(stats));
        worker.once("error", rejectJob);
        worker.once("exit", (code) => code !== 0 && rejectJob(new Error(`corpus worker exited with code ${code}`)));
      });
    });
    // Let the workers start, then take the first slice in this thread.
    await new Promise((resolveTick) => setImmediate(resolveTick));
    const own = writeRange(count, seed, targets, 0, bounds(1, parts));
    results = [own, ...(await Promise.all(jobs))];
  }
  const sum = (key: "drafts" | "traditional" | "total") => results.reduce((acc, r) => acc + r[key], 0);
  return {
    articles: count,
    drafts: sum("drafts"),
    traditional: sum("traditional"),
    bodyChars: { total: sum("total"), min: Math.min(...results.map((r) => r.min)), max: Math.max(...results.map((r) => r.max)) },
    milliseconds: performance.now() - started,
  };
}

export const SECTION_KEYS = SECTIONS.map((s) => s.key);
