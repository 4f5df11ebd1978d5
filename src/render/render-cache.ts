import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { dropOtherGenerations, pruneUnused } from "./cache-prune.js";
import { codeFingerprint } from "./code-fingerprint.js";
import type { RenderedArticle } from "./render-article.js";
import type { RenderTask } from "./render-pool.js";
import type { RenderSettings } from "./render-settings.js";
import { SCRIPTS, type Script } from "../site/scripts.js";

/**
 * A persistent, content-addressed cache of rendered articles (`.cache/render/`), so an unchanged article is
 * never parsed or converted twice. The key covers everything the result depends on: the article as parsed,
 * its source script, the render settings (glossary and config included) and the code that renders it
 * (fabu's compiled modules and the versions of the libraries they use). CI can save and restore the folder.
 */
export interface RenderCache {
  keyOf(task: RenderTask): string;
  /** The entry without its bodies (they stay on disk until a page is laid out; see `body`). */
  get(key: string): RenderedArticle | undefined;
  /** The entries of many keys at once (see `get`). */
  getAll(keys: readonly string[]): (RenderedArticle | undefined)[];
  /**
   * Whether each key's entry is whole on disk (its texts and both bodies), from one listing of the folder;
   * those that are count as used (see prune) without being read.
   */
  present(keys: readonly string[]): boolean[];
  /** Stores an entry; returns it without its bodies, which from now on are read with `body`. */
  set(key: string, value: RenderedArticle): RenderedArticle;
  /** One script's rendered body HTML of an entry. */
  body(key: string, script: Script): string;
  /** The folder of this code's entries (`<root>/<generation>/`), where `bodyFile` finds bodies. */
  readonly dir: string;
  /** Removes entries this build did not use, once they are as many as the used ones (see pruneUnused). */
  prune(): void;
  /** Deletes the whole cache (a throw-away cache for a build run with --no-cache). */
  discard(): void;
}

/** From this many keys on, getAll lists the cache folder once instead of checking each entry's bodies. */
const LIST_FOR_KEYS = 64;

const RENDERING_LIBRARIES = ["opencc-js", "unified", "remark-parse", "remark-gfm", "remark-rehype", "rehype-raw", "rehype-sanitize", "hast-util-to-html"];

/**
 * Entries are a small JSON file of the article's texts plus one HTML file per script for the bodies, so
 * the build holds only the texts in memory (bodies are most of the bytes: at 100,000 articles in two
 * scripts, well over a gigabyte) and reads each body once, when its page is laid out.
 */
/**
 * Cache work kept in memory between builds of one process (the preview server): each article's key (a hash of
 * the whole article) by article object, and the entries read. Create one per server.
 */
export class RenderMemo {
  readonly keys = new WeakMap<RenderTask["article"], { readonly salt: string; readonly key: string }>();
  entries = new Map<string, RenderedArticle>();
}

export function openRenderCache(root: string, settings: RenderSettings, memo?: RenderMemo): RenderCache {
  const fingerprint = createHash("sha256").update(codeFingerprint(RENDERING_LIBRARIES)).update(JSON.stringify(settings)).digest("hex");
  const generation = fingerprint.slice(0, 16);
  const dir = join(root, generation);
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  /** The entries' keys, when present() listed the folder (see pruneUnused). */
  let listed: Set<string> | undefined;
  const metaName = (key: string) => `${key}.json`;
  // Concatenated, not joined: names are checked for every article of a rebuild, and joining cost a tenth of a second.
  const inDir = (name: string) => `${dir}${sep}${name}`;
  const existsInDir = (name: string) => existsSync(inDir(name));
  const listFolder = () => {
    const names = new Set(readdirSync(dir));
    return { names, has: (name: string) => names.has(name) };
  };
  // Write then rename, so a build killed mid-write never leaves a truncated entry behind.
  const writeAtomically = (path: string, data: string) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  };
  const withoutBodies = (value: RenderedArticle): RenderedArticle => ({
    ...value,
    text: Object.fromEntries(SCRIPTS.map((script) => [script, { ...value.text[script], bodyHtml: "" }])) as RenderedArticle["text"],
  });
  // The memo keeps the entries of the latest build only, so it never outgrows the site.
  const remembered = memo?.entries;
  const seen = new Map<string, RenderedArticle>();
  if (memo) memo.entries = seen;
  const get = (key: string, hasFile: (name: string) => boolean): RenderedArticle | undefined => {
    try {
      // An entry this process read or wrote in its last build is on disk still: only prune() deletes
      // entries, and never those the last build used.
      let entry = remembered?.get(key);
      if (!entry) {
        entry = JSON.parse(readFileSync(inDir(metaName(key)), "utf8")) as RenderedArticle;
        if (!SCRIPTS.every((script) => hasFile(bodyName(key, script)))) return undefined;
      }
      used.add(key);
      if (memo) seen.set(key, entry);
      return entry;
    } catch {
      return undefined;
    }
  };
  const computeKey = (task: RenderTask) => createHash("sha256").update(fingerprint).update(task.sourceScript).update(task.article.parsedFrom ?? JSON.stringify(task.article)).digest("hex");
  return {
    keyOf(task) {
      if (!memo) return computeKey(task);
      const salt = `${fingerprint}/${task.sourceScript}`;
      const known = memo.keys.get(task.article);
      if (known?.salt === salt) return known.key;
      const key = computeKey(task);
      memo.keys.set(task.article, { salt, key });
      return key;
    },
    get: (key) => get(key, existsInDir),
    getAll(keys) {
      if (keys.length < LIST_FOR_KEYS) return keys.map((key) => get(key, existsInDir));
      // Checking each body with its own stat cost a third of looking up 20,000 articles; listing the folder, 40 ms.
      const { has } = listFolder();
      return keys.map((key) => (has(metaName(key)) ? get(key, has) : undefined));
    },
    present(keys) {
      const { names, has } = listFolder();
      listed = new Set([...names].map((name) => name.slice(0, name.indexOf("."))));
      return keys.map((key) => {
        const whole = has(metaName(key)) && SCRIPTS.every((script) => has(bodyName(key, script)));
        if (whole) used.add(key);
        return whole;
      });
    },
    set(key, value) {
      used.add(key);
      listed?.add(key);
      for (const script of SCRIPTS) writeAtomically(inDir(bodyName(key, script)), value.text[script].bodyHtml);
      const json = JSON.stringify(withoutBodies(value));
      // The metadata goes last: its presence means the bodies are complete.
      writeAtomically(inDir(metaName(key)), json);
      // Returned as read back, as a cache hit would be: texts rendered in this thread may be slices of the
      // article's file, and V8 would keep every whole file in memory for them.
      const stored = JSON.parse(json) as RenderedArticle;
      if (memo) seen.set(key, stored);
      return stored;
    },
    body: (key, script) => readFileSync(inDir(bodyName(key, script)), "utf8"),
    dir,
    prune() {
      pruneUnused(dir, used, listed);
      dropOtherGenerations(root, generation);
    },
    discard() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The file of a rendered body by its key as pages carry it (`<entry key>/<script>`). */
export function bodyFile(dir: string, bodyKey: string): string {
  const [key, script] = bodyKey.split("/") as [string, Script];
  return join(dir, bodyName(key, script));
}

const bodyName = (key: string, script: Script) => `${key}.${script}.html`;

export function renderCacheDir(projectRoot: string): string {
  return join(projectRoot, ".cache", "render");
}

/** A private, throw-away cache folder for a build that must not use the shared one. */
export function temporaryRenderCacheDir(projectRoot: string): string {
  return join(projectRoot, ".cache", `render-once-${process.pid}-${Date.now()}`);
}
