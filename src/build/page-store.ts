import { createHash } from "node:crypto";
import { appendFileSync, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { dropOtherGenerations, pruneUnused } from "../render/cache-prune.js";
import { codeFingerprint } from "../render/code-fingerprint.js";
import { createFileReader } from "../content/content-files.js";
import { tryWriteAtomically } from "../fs/write-atomically.js";

/**
 * A persistent store of laid-out pages (`.cache/pages/`), keyed by everything a page is made from, so a
 * rebuild after a one-article change lays out only the pages that show that article; every other page is
 * linked from the store. CI restores it with the render cache.
 *
 * A page's key is the hash of its plan (the page's whole data: texts, lists of articles, links; hashed
 * without the body's render-cache key), of that body key, and of the layout fingerprint (templates, theme
 * asset names, site config, fabu's code and the layout libraries' versions). The templates see nothing but the plan and the asset names, so equal
 * keys give equal pages; tests/build/page-store.test.ts builds both ways and compares.
 *
 * Pages of one layout fingerprint live in their own folder (`<root>/<generation>/`); a new fingerprint starts
 * a new folder and the old one is deleted in the background.
 *
 * Feeds are kept the same way, keyed by what they are made from (see MachineFile.madeFrom).
 *
 * Pages are hard-linked into the output where the file system allows (copied otherwise): output files are
 * never written in place, only replaced, so an output file and its store entry can share storage.
 */
export interface PageStore {
  /** Which layout fingerprint the keys are made with: keys of another generation are not comparable. */
  readonly generation: string;
  /** The key of whatever a stored file other than a page is made from (a feed's inputs). */
  keyOf(madeFrom: object): string;
  /** The key of a page: its plan's hash (see planHashOf) with its body's render-cache key, if it shows one. */
  pageKeyOf(plan: PagePlan): string;
  /**
   * The hash of a page's plan without its body's key, and without anything of the layout: a page index kept
   * between builds keeps these (see index-snapshot.ts).
   */
  planHashOf(plan: PagePlan): string;
  /** A page's key from its plan hash, computed now or kept by an earlier build (see index-snapshot.ts). */
  keyFromPlanHash(planHash: string, bodyKey: string | undefined): string;
  /** Puts the stored page for `key` at `target`; false if there is none. */
  restore(key: string, target: string): boolean;
  /**
   * The stored file for `key`, to be put at `target` (whose extension it shares) by someone else (see
   * startPagePlacer); undefined if there is none. For many pages at once: the first call lists the store.
   */
  storedFile(key: string, target: string): string | undefined;
  /** Keeps the just-written page at `source` as the page for `key`. */
  keep(key: string, source: string): void;
  /**
   * The sha256 of the stored page for `key`, when the store knows it: the deploy manifest lists every output
   * file's hash, and reading a whole site again to hash it cost seconds on a one-article rebuild.
   */
  hashOf(key: string): string | undefined;
  /** Removes pages this build did not use, once they are as many as the used ones (see pruneUnused). */
  prune(): void;
  /**
   * Records which stored pages the output holds, for the next build to place before it knows its pages
   * (see startPagePlacer). Best effort: without a record, every page is placed once its key is known.
   */
  rememberOutput(pages: readonly StoredPage[]): void;
}

/**
 * The stored pages a build's output holds, as `[output path, stored file]` relative to the output and the
 * store, kept in the store's folder (see rememberOutput).
 */
export type PlacedRecord = readonly (readonly [string, string])[];

/** Where in the page store's folder the record of the last build's pages is kept. */
export const PLACED_RECORD = "placed.json";

/** A page of the output and the key of its stored file. */
export interface StoredPage {
  readonly outputPath: string;
  readonly key: string;
}

// Feeds are kept here too, and making one parses and serialises its bodies' HTML (feeds/absolute-urls.ts).
const LAYOUT_LIBRARIES = ["@11ty/eleventy", "nunjucks", "hast-util-from-html", "hast-util-to-html"];

export interface LayoutInputs {
  readonly templatesDir: string;
  /** Fingerprinted theme assets by plain name. */
  readonly assets: Readonly<Record<string, string>>;
  /** The site's configuration, as the templates may show any of it. */
  readonly config: unknown;
  /**
   * Plan fields whose value is one object shared by many pages (the labels and navigation of a script):
   * their JSON is hashed once per object and the page's key made with that hash instead. They were a
   * quarter of the JSON hashed for the keys of a 20,000-article site, a second of its rebuild.
   */
  readonly sharedFields?: readonly string[];
}

/** A page's plan, as far as the store reads it: an article page names its body by render-cache key. */
export interface PagePlan {
  readonly outputPath: string;
  readonly bodyKey?: string;
}

/** See PageStore.planHashOf: an article whose body changed gets its pages' new keys without hashing their plans. */
function createPlanHasher(sharedFields: readonly string[]): (plan: PagePlan) => string {
  const keyJson = createKeyJson(sharedFields, ["bodyKey"]);
  return (plan) => createHash("sha256").update(keyJson(plan)).digest("hex");
}

/**
 * The JSON a plan's key is the hash of: the plan's own without the `omit` fields, with each shared field's
 * object replaced by its hash.
 */
function createKeyJson(sharedFields: readonly string[], omit: readonly string[] = []): (plan: object) => string {
  const hashes = new WeakMap<object, string>();
  const hashOfShared = (value: object) => {
    let hash = hashes.get(value);
    if (hash === undefined) hashes.set(value, (hash = createHash("sha256").update(JSON.stringify(value)).digest("hex")));
    return hash;
  };
  return (plan) => {
    const fields: Record<string, unknown> = { ...plan };
    for (const name of omit) delete fields[name];
    for (const name of sharedFields) {
      const value = fields[name];
      // Plans are read-only, so an object's hash stays true for as long as the object lives.
      if (value !== null && typeof value === "object") fields[name] = { sharedObjectSha256: hashOfShared(value) };
    }
    return JSON.stringify(fields);
  };
}

export function openPageStore(root: string, layout: LayoutInputs): PageStore {
  const fingerprint = layoutFingerprint(layout);
  const generation = fingerprint.slice(0, 16);
  const dir = join(root, generation);
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  // Pages end in .html, feeds in .xml or .json: the stored file keeps the output file's extension.
  // Concatenated, not joined: called for every page of a build, and keys need no normalising.
  const pathOf = (key: string, outputFile: string) => `${dir}${sep}${key}${extname(outputFile)}`;
  const hashesFile = join(dir, HASHES_FILE);
  let present: Set<string> | undefined;
  const listKeys = () => new Set(readdirSync(dir).map((name) => name.slice(0, name.indexOf("."))));
  let misses = 0;
  // Hashes of pages kept by this build; those of earlier builds are read only when asked for (a build's
  // manifest), not by the preview's updates.
  const added = new Map<string, string>();
  let earlier: Map<string, string> | undefined;
  const hashOf = (key: string) => added.get(key) ?? (earlier ??= readHashes(hashesFile)).get(key);
  // One reused buffer: a fresh one per page (a whole site's bytes in a cold build) counts as external memory
  // that the collector frees late.
  const readPage = createFileReader();
  const keyJson = createKeyJson(layout.sharedFields ?? []);
  const planHashOf = createPlanHasher(layout.sharedFields ?? []);
  const keyFromPlanHash = (planHash: string, bodyKey: string | undefined) => createHash("sha256").update(fingerprint).update(`\0page\0${planHash}\0${bodyKey ?? ""}`).digest("hex");
  return {
    generation,
    keyOf: (madeFrom) => createHash("sha256").update(fingerprint).update(keyJson(madeFrom)).digest("hex"),
    pageKeyOf: (plan) => keyFromPlanHash(planHashOf(plan), plan.bodyKey),
    planHashOf,
    keyFromPlanHash,
    restore(key, target) {
      if (present && !present.has(key)) return false;
      if (!placeFile(pathOf(key, target), target)) {
        // Many misses: a cold store. Trying to link each page cost a second per 50,000 pages, listing the
        // folder once a few milliseconds (a preview update, with few pages to restore, never gets here).
        if (++misses === LIST_AFTER_MISSES) present = listKeys();
        return false;
      }
      used.add(key);
      return true;
    },
    storedFile(key, target) {
      present ??= listKeys();
      if (!present.has(key)) return undefined;
      used.add(key);
      return pathOf(key, target);
    },
    keep(key, source) {
      used.add(key);
      present?.add(key);
      const read = readPage(source, Number.MAX_SAFE_INTEGER);
      if ("bytes" in read) added.set(key, createHash("sha256").update(read.bytes).digest("hex"));
      const stored = pathOf(key, source);
      if (existsSync(stored)) return;
      try {
        linkSync(source, stored);
      } catch {
        // Another file system, or a concurrent build stored the same page first: a copy does as well.
        if (!existsSync(stored)) copyAtomically(source, stored);
      }
    },
    hashOf,
    prune() {
      // Read before pruning: the hashes file is not named by a page key, so a prune removes it with the unused pages.
      const known = (earlier ??= readHashes(hashesFile));
      const pruned = pruneUnused(dir, used, present);
      const fresh = [...added].filter(([key, hash]) => known.get(key) !== hash);
      // Rewriting every hash cost a one-article rebuild of 20,000 articles a fifth of a second: this build's
      // are appended, unless pages were pruned or the file has grown to twice what this build used.
      if (!pruned && known.size + fresh.length <= 2 * used.size) {
        if (fresh.length > 0) tryAppend(hashesFile, hashLines(fresh));
      } else {
        const kept = [...used].sort().flatMap((key) => {
          const hash = hashOf(key);
          return hash === undefined ? [] : [[key, hash] as const];
        });
        tryWriteAtomically(hashesFile, hashLines(kept));
      }
      dropOtherGenerations(root, generation, [PLACED_RECORD]);
    },
    rememberOutput(pages) {
      const record: PlacedRecord = pages.map((page) => [page.outputPath, `${generation}/${page.key}${extname(page.outputPath)}`]);
      tryWriteAtomically(join(root, PLACED_RECORD), JSON.stringify(record));
    },
  };
}

/** false when there is no such page (or a concurrent build just pruned it): the page is then laid out. */
export function placeFile(stored: string, target: string): boolean {
  try {
    linkSync(stored, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
  }
  try {
    copyFileSync(stored, target);
    return true;
  } catch {
    return false;
  }
}

/**
 * The hashes of stored pages, one `<key> <sha256>` line each (equal keys mean equal pages, so a hash never
 * goes stale). Builds append to it; a line cut short by a killed build is skipped, each append starting on
 * a line of its own.
 */
const HASHES_FILE = "hashes.txt";
const HASH_LINE = /^[0-9a-f]{64} [0-9a-f]{64}$/;

const hashLines = (entries: readonly (readonly [string, string])[]) => entries.map(([key, hash]) => `\n${key} ${hash}`).join("");
const LIST_AFTER_MISSES = 64;

function readHashes(file: string): Map<string, string> {
  const hashes = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(file, "latin1");
  } catch {
    return hashes; // none yet: every page is hashed from its bytes
  }
  for (const line of text.split("\n")) if (HASH_LINE.test(line)) hashes.set(line.slice(0, 64), line.slice(65));
  return hashes;
}

function tryAppend(file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch {
    // best effort: pages without a hash are hashed from their bytes by the next build's manifest
  }
}

function copyAtomically(source: string, target: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    copyFileSync(source, temporary);
    linkSync(temporary, target);
  } catch {
    // best effort: the page is simply laid out again next time
  } finally {
    rmSync(temporary, { force: true });
  }
}

function layoutFingerprint(layout: LayoutInputs): string {
  const hash = createHash("sha256").update(codeFingerprint(LAYOUT_LIBRARIES));
  hash.update(JSON.stringify(layout.assets)).update("\0").update(JSON.stringify(layout.config)).update("\0");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      // Archetypes are for `fabu new`, not for pages.
      if (dir === layout.templatesDir && name === "archetypes") continue;
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(relative(layout.templatesDir, full)).update("\0").update(readFileSync(full)).update("\0");
    }
  };
  walk(layout.templatesDir);
  return hash.digest("hex");
}
