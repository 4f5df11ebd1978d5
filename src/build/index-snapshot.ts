import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { withoutBody, type ArticleSource } from "../content/article.js";
import type { ContentProblem } from "../content/problems.js";
import type { GeneratedFile } from "../feeds/types.js";
import { decodeValidUtf8 } from "../content/read-source.js";
import { isStaleTemporary, temporaryBeside } from "../fs/write-atomically.js";
import { codeFingerprint } from "../render/code-fingerprint.js";
import { LABELS } from "../site/labels.js";
import { isLightField, KeptIndexDamagedError, openPlansFile, wholePage, withSharedObjects, type PlanLine, type PlansFile, type SharedLine } from "./kept-plans.js";
import type { SiteModel } from "../site/page-model.js";
import type { Script } from "../site/scripts.js";
import type { UrlScheme } from "../site/urls.js";

/**
 * The page index of the last build, kept in `.cache/index/` between builds (CI restores it with the rest of
 * `.cache/`). It is keyed by everything the index is made from except the article bodies: the site's
 * settings, and every published article's front matter and rendered texts (title, summary, tags, first
 * image). A rebuild after an edit inside an article's body that leaves those as they were (most edits but
 * the lead paragraph) takes the index as it was, gives the article's pages their new body keys, and takes
 * every page's plan hash from here instead of hashing every plan again: together four seconds of a
 * 20,000-article rebuild. The preview server does the same in memory
 * (build-memo.ts).
 *
 * Two files. `<digest>.plans` holds the objects many pages share (list items, tag and section links,
 * navigation; each once) and the plans of article and listing pages, with references to the shared objects,
 * one JSON array per line; a rebuild decodes a line only when it is used (see kept-plans.ts).
 * `<digest>.jsonl` is read whole: each article and listing page's plan hash and light fields (kept-plans.ts),
 * the few other pages (homes, 404 pages, redirects), the feeds, and last the sitemaps: made from the index
 * alone, they are kept with it (they took a second and a half of a 20,000-article rebuild). The labels of a
 * script hold functions and are named, not written.
 */

/** Each page's plan hash (see PageStore.planHashOf), in the model's order. */
export interface PlanHashes {
  readonly articles: readonly string[];
  readonly listings: readonly string[];
  readonly redirects: readonly string[];
}

export interface KeptIndex {
  /** Its article and listing pages read most of their fields when first used: see kept-plans.ts before copying one. */
  readonly model: SiteModel;
  readonly planHashes: PlanHashes;
  /** Warnings found while the index was made (an error would have stopped that build). */
  readonly problems: readonly ContentProblem[];
  /** The sitemap files made from it (see sitemapsOf). */
  readonly sitemaps: readonly GeneratedFile[];
}

/** What the page index is made from, besides the articles. */
export interface IndexInputs {
  /** The site configuration, render settings, sections and their texts, tag slugs: as JSON. */
  readonly settings: string;
  readonly published: readonly ArticleSource[];
  /** The hash of an article's rendered texts, by id (see RenderSummary). */
  readonly textsHash: (id: string) => string;
}

const FORMAT = "fabu page index 3";

/** The key a page index is kept under: it changes with anything the index is made from but the bodies. */
export function indexDigest(inputs: IndexInputs): string {
  // fabu's own code makes the index, with the runtime's URL parser and time-zone data.
  const hash = createHash("sha256").update(`${FORMAT}\0${codeFingerprint([])}\0${process.version}\0${process.versions.tz ?? ""}\0${process.versions.icu ?? ""}\0`);
  hash.update(inputs.settings);
  for (const article of inputs.published) hash.update("\0").update(article.factsFrom ?? factsJson(article)).update("\0").update(inputs.textsHash(article.id));
  return hash.digest("hex");
}

/**
 * An article without its body, as JSON: what pages other than its own are made from. Where it was parsed
 * from names the whole text, body included, so it is left out too, as is the hash of the facts themselves.
 */
export function factsJson(article: ArticleSource): string {
  return JSON.stringify(withoutBody(article, ["parsedFrom", "factsFrom"]));
}

const fileOf = (dir: string, digest: string) => join(dir, `${digest}.jsonl`);
const plansFileOf = (dir: string, digest: string) => join(dir, `${digest}.plans`);

type PageList = "articles" | "listings" | "homes" | "notFound" | "redirects";
const HASHED_LISTS = ["articles", "listings", "redirects"] as const;
const LISTS: readonly PageList[] = ["articles", "listings", "homes", "notFound", "redirects"];
/** The lists with thousands of pages, whose plans are read when used. */
const LAZY_LISTS: ReadonlySet<PageList> = new Set(["articles", "listings"]);

/** A page's own fields, and the shared objects it refers to (by field: one object, or an array of them). */
type PageLine = ["page", PageList | "root", string | null, Record<string, unknown>, Record<string, number | number[]>];
/** An article or listing page: its plan hash and light fields; its plan is the next one in the plans file. */
type LightLine = ["light", PageList, string, Record<string, unknown>];
type Line =
  | ["format", string, ContentProblem[]]
  | ["fields", PageList, string[]]
  | PageLine
  | LightLine
  | ["feeds", SiteModel["feeds"]]
  | ["sitemap", string, string]
  | ["end", number, number[], number, number];

/**
 * Writes the index (through a temporary file renamed into place) and removes the ones kept before. Best
 * effort: a cache that cannot be written only makes the next build index again.
 */
export function keepIndex(dir: string, digest: string, model: SiteModel, planHashes: PlanHashes, problems: readonly ContentProblem[], sitemaps: readonly GeneratedFile[]): void {
  mkdirSync(dir, { recursive: true });
  const temporary = temporaryBeside(fileOf(dir, digest));
  const plansTemporary = temporaryBeside(plansFileOf(dir, digest));
  const fds: number[] = [];
  try {
    const out = lineWriter((fds[0] = openSync(temporary, "w")));
    const plans = lineWriter((fds[1] = openSync(plansTemporary, "w")));
    out.write(["format", FORMAT, [...problems]]);
    const ids = new Map<object, number>();
    const intern = (value: object): number => {
      let id = ids.get(value);
      if (id === undefined) {
        ids.set(value, (id = ids.size));
        const script = labelsScript(value);
        plans.write(script ? ["labels", script] : ["shared", value]);
      }
      return id;
    };
    // A list that many pages share (navigation, feed links, a page's hreflang links) is written once; a list
    // of a page's own (its related articles, a listing's items) refers to each shared item instead.
    const seenTwice = sharedLists(model);
    const writePage = (list: PageLine[1], hash: string | null, page: object) => {
      const light: Record<string, unknown> = {};
      const fields: Record<string, unknown> = {};
      const refs: Record<string, number | number[]> = {};
      const lazy = list !== "root" && LAZY_LISTS.has(list);
      for (const [name, value] of Object.entries(wholePage(page))) {
        // Bodies are not what the index is keyed by: each build fills in its own.
        if (name === "bodyKey") (lazy ? light : fields)[name] = "";
        else if (lazy && isLightField(name, value)) light[name] = value;
        else if (value === null || typeof value !== "object" || (Array.isArray(value) && value.length === 0)) fields[name] = value;
        else if (Array.isArray(value) && !seenTwice.has(value) && value.every(isRecord)) refs[name] = value.map(intern);
        else refs[name] = intern(value as object);
      }
      if (lazy) {
        plans.write(["plan", fields, refs]);
        out.write(["light", list, hash!, light]);
      } else out.write(["page", list, hash, fields, refs]);
    };
    for (const list of LISTS) {
      const hashes = (HASHED_LISTS as readonly string[]).includes(list) ? planHashes[list as (typeof HASHED_LISTS)[number]] : undefined;
      if (LAZY_LISTS.has(list)) out.write(["fields", list, fieldNamesOf(model[list])]);
      model[list].forEach((page, i) => writePage(list, hashes?.[i] ?? null, page));
    }
    writePage("root", null, model.root);
    out.write(["feeds", model.feeds]);
    for (const file of sitemaps) out.write(["sitemap", file.path, file.content]);
    const plansBytes = plans.flush();
    out.write(["end", ids.size, LISTS.map((list) => model[list].length), sitemaps.length, plansBytes]);
    out.flush();
    for (const fd of fds.splice(0)) closeSync(fd);
    // The plans first, so that an index in place always has its plans beside it.
    renameSync(plansTemporary, plansFileOf(dir, digest));
    renameSync(temporary, fileOf(dir, digest));
    // Other builds' temporary files are theirs to rename or remove, unless a killed build left them.
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const kept = name.endsWith(".jsonl") || name.endsWith(".plans");
      if (kept ? !name.startsWith(`${digest}.`) : isStaleTemporary(path)) rmSync(path, { force: true });
    }
  } catch {
    for (const fd of fds) closeSync(fd);
    rmSync(temporary, { force: true });
    rmSync(plansTemporary, { force: true });
  }
}

/** Every field name the pages of a list have in their plans (see isLightField). */
function fieldNamesOf(pages: readonly object[]): string[] {
  const names = new Set<string>();
  for (const page of pages) for (const [name, value] of Object.entries(page)) if (!isLightField(name, value)) names.add(name);
  return [...names];
}

/**
 * The index kept under `digest`, with each article page's body key as given and the URL scheme of this
 * build; undefined when there is none (or it cannot be read: the index is then made afresh). Its pages are
 * equal in content to the ones written, but not in key order or in fields left undefined: their plan
 * hashes come from the file and must never be computed from them.
 */
export function readKeptIndex(dir: string, digest: string, urls: UrlScheme, bodyKey: (id: string, script: Script) => string): KeptIndex | undefined {
  let bytes: Buffer;
  let plansBytes: Buffer;
  try {
    bytes = readFileSync(fileOf(dir, digest));
    plansBytes = readFileSync(plansFileOf(dir, digest));
  } catch {
    return undefined;
  }
  const lists: Record<PageList, object[]> = { articles: [], listings: [], homes: [], notFound: [], redirects: [] };
  const hashes: Record<(typeof HASHED_LISTS)[number], string[]> = { articles: [], listings: [], redirects: [] };
  let root: object | undefined;
  let feeds: SiteModel["feeds"] | undefined;
  let problems: ContentProblem[] | undefined;
  const sitemaps: GeneratedFile[] = [];
  // Pages refer to the plans file, which is opened (and checked) once the index is known to be whole.
  const withRefs: [Record<string, unknown>, Record<string, number | number[]>][] = [];
  const lazyLists: { list: PageList; fieldNames: string[]; firstPlan: number }[] = [];
  let plans: PlansFile | undefined;
  let planCount = 0;
  let complete = false;
  try {
    for (const line of lines(bytes)) {
      if (line[0] === "format") {
        if (line[1] !== FORMAT) return undefined;
        problems = line[2];
      } else if (line[0] === "fields") lazyLists.push({ list: line[1], fieldNames: line[2], firstPlan: planCount });
      else if (line[0] === "light") {
        if (typeof line[2] !== "string" || lazyLists.at(-1)?.list !== line[1]) return undefined;
        lists[line[1]].push(line[3]);
        hashes[line[1] as (typeof HASHED_LISTS)[number]].push(line[2]);
        planCount++;
      } else if (line[0] === "page") {
        const [, list, hash, page, refs] = line;
        withRefs.push([page, refs]);
        if (list === "root") root = page;
        else lists[list].push(page);
        if (hash !== null && list !== "root") hashes[list as (typeof HASHED_LISTS)[number]].push(hash);
      } else if (line[0] === "feeds") feeds = line[1];
      else if (line[0] === "sitemap") sitemaps.push({ path: line[1], content: line[2] });
      else if (line[0] === "end") {
        plans = openPlansFile(plansBytes, line[4], plansFileOf(dir, digest), () => removeKeptIndex(dir, digest));
        const eachLazyListOnce = lazyLists.length === LAZY_LISTS.size && lazyLists.every(({ list }) => LAZY_LISTS.has(list));
        complete = plans !== undefined && eachLazyListOnce && line[1] === plans.sharedCount && planCount === plans.planCount && LISTS.every((list, i) => lists[list].length === line[2][i]) && line[3] === sitemaps.length;
      }
    }
  } catch {
    return undefined;
  }
  if (!complete || !plans || !root || !feeds || !problems || HASHED_LISTS.some((list) => hashes[list].length !== lists[list].length)) return undefined;
  const open = plans;
  try {
    for (const [page, refs] of withRefs) withSharedObjects(page, refs, open.shared);
  } catch (error) {
    if (error instanceof KeptIndexDamagedError) return undefined;
    throw error;
  }
  for (const { list, fieldNames, firstPlan } of lazyLists) lists[list] = lists[list].map((light, i) => open.lazyPage(light as Record<string, unknown>, firstPlan + i, fieldNames));
  // The bodies are what the index is not keyed by: each article page names its body as of this build.
  for (const page of lists.articles as { id: string; script: Script; bodyKey: string }[]) page.bodyKey = bodyKey(page.id, page.script);
  const model = { ...(lists as unknown as Omit<SiteModel, "root" | "feeds" | "urls">), root: root as SiteModel["root"], feeds, urls };
  return { model, planHashes: hashes, problems, sitemaps };
}

/** Removes the index kept under `digest` (best effort), when it was found damaged. */
function removeKeptIndex(dir: string, digest: string): void {
  for (const file of [fileOf(dir, digest), plansFileOf(dir, digest)]) rmSync(file, { force: true });
}

/** The lists that are the value of a field on more than one page. */
function sharedLists(model: SiteModel): Set<object> {
  const seen = new Set<object>();
  const twice = new Set<object>();
  for (const page of [...LISTS.flatMap((list) => model[list] as readonly object[]), model.root]) {
    for (const value of Object.values(page)) {
      if (!Array.isArray(value)) continue;
      if (seen.has(value)) twice.add(value);
      else seen.add(value);
    }
  }
  return twice;
}

/**
 * The file's lines, parsed, decoded a few megabytes at a time: one decoding per line cost a third of
 * reading the index, and the whole file as one string would be hundreds of megabytes at archive scale.
 */
function* lines(bytes: Buffer): Generator<Line> {
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, Math.min(bytes.length, start + CHUNK_BYTES));
    if (end < 0) end = bytes.length;
    for (const line of decodeValidUtf8(bytes.subarray(start, end)).split("\n")) if (line !== "") yield JSON.parse(line) as Line;
    start = end + 1;
  }
}

const NEWLINE = 10;
const CHUNK_BYTES = 4 << 20;

const isRecord = (value: unknown): value is object => value !== null && typeof value === "object" && !Array.isArray(value);

function labelsScript(value: object): Script | undefined {
  for (const script of Object.keys(LABELS) as Script[]) if (LABELS[script] === value) return script;
  return undefined;
}

/** Lines written in chunks of about a megabyte: a 100,000-article index is a few hundred megabytes of JSON. */
function lineWriter(fd: number): { write(line: Line | SharedLine | PlanLine): void; flush(): number } {
  let chunk: string[] = [];
  let size = 0;
  let bytesWritten = 0;
  const flush = () => {
    if (chunk.length > 0) bytesWritten += writeSync(fd, chunk.join(""));
    chunk = [];
    size = 0;
    return bytesWritten;
  };
  return {
    write(line) {
      const text = `${JSON.stringify(line)}\n`;
      chunk.push(text);
      size += text.length;
      if (size > 1 << 20) flush();
    },
    flush,
  };
}
