import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { basename, join } from "node:path";
import { dropOtherGenerations } from "../render/cache-prune.js";
import { codeFingerprint } from "../render/code-fingerprint.js";
import { isStaleTemporary, tryWriteAtomically } from "../fs/write-atomically.js";
import type { ArticleSource } from "./article.js";
import type { ParsedArticleFile } from "./article-memo.js";

/**
 * A persistent cache of parsed articles (`.cache/parsed/`), so that a build with the cache restored, as in
 * CI, reads every article but parses (front matter, validation) only those whose text changed: parsing was
 * a fifth of a one-article rebuild at 20,000 articles.
 *
 * The key covers the file's bytes, its path (problems and articles name it) and folder section,
 * the settings a parse depends on and the code that parses (fabu's and its libraries'). Entries live in
 * shard files (see SHARD_NAME_LENGTH), read as the load needs them and rewritten, in a worker thread, when
 * they change. Articles are stored with an empty body and the offset where the body starts, the body being
 * the text's tail.
 */
export interface ParseCache {
  /**
   * The file as parsed before, or parsed now with `parse` and kept. Looked up by the file's bytes (the text
   * is a function of them; hashing the bytes is twice as fast as hashing the decoded text).
   */
  parsed(file: string, folderSection: string | undefined, source: ArticleFileSource, parse: () => ParsedArticleFile): ParsedArticleFile;
  /** Drops the entries this load did not use: for a load that read every article file. */
  prune(): void;
  /** No more entries: writes the shards that changed in the background, and resolves once they are on disk. */
  written(): Promise<void>;
}

/** An article file as read, for the cache to look up and, on a miss, to keep. */
export interface ArticleFileSource {
  readonly bytes: Uint8Array;
  /** The text the bytes decode to (undefined if they do not), decoded when first asked for. */
  readonly text: () => string | undefined;
  /**
   * Reads the file again. With it, the body of an article found in the cache is not decoded now but read
   * from the file when first used (see lazyBody): a rebuild renders few articles, and decoding every body
   * (and collecting the strings) was a sixth of loading 20,000 articles.
   */
  readonly reread?: () => { readonly bytes: Uint8Array; readonly text: string | undefined };
}

/** Thrown when a body is read after its file changed during the build. */
export class ArticleChangedDuringBuildError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while the site was being built; build again`);
    this.name = "ArticleChangedDuringBuildError";
  }
}

interface Entry {
  /** The article with an empty body, and where its body starts in the text. */
  readonly article?: ArticleSource & { readonly bodyAt: number };
  /** A hash of the article's fields but the body (see ArticleSource.factsFrom). */
  readonly factsHash?: string;
  readonly problems: ParsedArticleFile["problems"];
  readonly ids: readonly string[];
}

const PARSING_LIBRARIES = ["gray-matter", "yaml", "zod"];

export function openParseCache(root: string, settings: string): ParseCache {
  const fingerprint = createHash("sha256").update(codeFingerprint(PARSING_LIBRARIES)).update(settings).digest("hex");
  const generation = fingerprint.slice(0, 16);
  const dir = join(root, generation);
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    // A read-only checkout (`fabu check` in CI, say): everything is parsed, nothing kept.
    return { parsed: (_file, _section, _text, parse) => parse(), prune: () => {}, written: async () => {} };
  }
  const used = new Set<string>();
  const shards = new Map<string, Shard>();
  const shardOf = (key: string): Shard => {
    const name = key.slice(0, SHARD_NAME_LENGTH);
    let shard = shards.get(name);
    if (!shard) {
      const file = join(dir, `${name}${SHARD_EXTENSION}`);
      shards.set(name, (shard = { file, entries: readShard(file), changed: false }));
    }
    return shard;
  };
  return {
    parsed(path, folderSection, source, parse) {
      const keyOf = (bytes: Uint8Array) => createHash("sha256").update(`${path}\0${folderSection ?? ""}\0`).update(bytes).digest("hex");
      const key = keyOf(source.bytes);
      used.add(key);
      const parsedFrom = `parsed:${fingerprint}:${key}`;
      const shard = shardOf(key);
      const entry = parseEntry(shard.entries.get(key));
      const { reread } = source;
      const textAgain = reread
        ? () => {
            const again = reread();
            if (keyOf(again.bytes) !== key || again.text === undefined) throw new ArticleChangedDuringBuildError(path);
            return again.text;
          }
        : undefined;
      if (entry) return fromEntry(entry, textAgain ?? source.text, parsedFrom, textAgain !== undefined);
      const result = parse();
      const text = source.text();
      if (text === undefined) return result;
      const fresh = toEntry(result, text);
      if (!fresh) return result;
      shard.entries.set(key, JSON.stringify(fresh));
      shard.changed = true;
      if (!result.article) return result;
      // Read again when used, like a cached article's: a cold build would otherwise hold every body (800 MB at
      // 100,000 articles) until its page index is made.
      if (textAgain && fresh.article) return fromEntry(fresh, textAgain, parsedFrom, true);
      return { ...result, article: { ...result.article, parsedFrom, factsFrom: fresh.factsHash } };
    },
    prune() {
      for (const shard of shards.values()) {
        for (const key of shard.entries.keys()) {
          if (used.has(key)) continue;
          shard.entries.delete(key);
          shard.changed = true;
        }
      }
      // A shard no article of this build falls in holds nothing it uses; a temporary file left by a build
      // killed mid-write (older than any write in progress) is of no use either.
      const current = new Set([...shards.values()].map((shard) => basename(shard.file)));
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name.endsWith(SHARD_EXTENSION) ? !current.has(name) : isStaleTemporary(path)) rmSync(path, { force: true });
      }
      dropOtherGenerations(root, generation);
    },
    written() {
      const writer = backgroundWriter();
      for (const shard of shards.values()) {
        if (!shard.changed) continue;
        writer.write(shard.file, [...shard.entries].map(([key, json]) => `${key} ${json}`).join("\n"));
        shard.changed = false;
      }
      return writer.end();
    },
  };
}

/**
 * Entries are kept in 256 shard files by the key's first two hex digits, one entry per line (`<key> <json>`),
 * so that a build reads and writes a few hundred files, not one per article: at 20,000 articles, opening
 * an entry file per article was a third of loading the content. A one-article change rewrites one shard.
 */
const SHARD_NAME_LENGTH = 2;
const SHARD_EXTENSION = ".jsonl";
const KEY_LENGTH = 64;

interface Shard {
  readonly file: string;
  /** Each entry's JSON by key; parsed only when asked for. */
  readonly entries: Map<string, string>;
  changed: boolean;
}

function readShard(file: string): Map<string, string> {
  const entries = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return entries; // none yet: its articles are parsed
  }
  for (const line of text.split("\n")) {
    if (line.charCodeAt(KEY_LENGTH) === SPACE) entries.set(line.slice(0, KEY_LENGTH), line.slice(KEY_LENGTH + 1));
  }
  return entries;
}

const SPACE = 0x20;

function parseEntry(json: string | undefined): Entry | undefined {
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as Entry;
  } catch {
    // unreadable (a cache is never trusted to be whole): the file is parsed again
    return undefined;
  }
}

/**
 * Writes files in a worker thread; synchronously when running from the TypeScript sources (tests), where
 * there is no compiled worker. (Node's asynchronous writes would not do: each step of each file waits for
 * this thread's event loop, which the rest of the build keeps busy.)
 */
function backgroundWriter(): { write(file: string, text: string): void; end(): Promise<void> } {
  const workerUrl = new URL("./parse-cache-writer.js", import.meta.url);
  let worker: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  const compiled = existsSync(fileURLToPath(workerUrl));
  return {
    write(file, text) {
      if (!compiled) {
        tryWriteAtomically(file, text);
        return;
      }
      if (!worker) {
        const started = new Worker(workerUrl);
        exited = new Promise((done) => started.once("exit", () => done()));
        worker = started;
      }
      worker.postMessage([file, text]);
    },
    end() {
      worker?.postMessage(null);
      worker = undefined;
      return exited;
    },
  };
}

function fromEntry(entry: Entry, text: () => string | undefined, parsedFrom: string, lazy: boolean): ParsedArticleFile {
  if (!entry.article) return { article: undefined, problems: entry.problems, ids: entry.ids };
  // A copy, with the body put back in its place.
  const { bodyAt, ...stored } = entry.article;
  const body = () => text()!.slice(bodyAt);
  const article: ArticleSource = { ...stored, body: lazy ? "" : body(), parsedFrom, factsFrom: entry.factsHash };
  if (lazy) lazyBody(article, body);
  return { article, problems: entry.problems, ids: entry.ids };
}

/**
 * Makes `article.body` read its body from the file each time it is used. Whatever reads every field of an article
 * (a spread, JSON, a copy to a worker) reads the body; code that needs the rest only copies the other
 * fields (see withoutBody).
 */
function lazyBody(article: ArticleSource, read: () => string): void {
  // Not kept once read: rendering reads it once or twice, and keeping it would hold every body rendered.
  Object.defineProperty(article, "body", { enumerable: true, configurable: false, get: read });
}

/** undefined when the result cannot be stored: a body that is not the tail of the text. */
function toEntry(parsed: ParsedArticleFile, text: string): Entry | undefined {
  const { article } = parsed;
  if (!article) return { problems: parsed.problems, ids: parsed.ids };
  if (!text.endsWith(article.body)) return undefined;
  // Through JSON, as the next build will read it: what JSON drops (undefined fields) is dropped now too.
  const json = JSON.stringify({ ...article, body: "", bodyAt: text.length - article.body.length });
  const stored = JSON.parse(json) as Entry["article"];
  // Of the stored JSON: where the body starts is part of it, so an edit to the front matter's layout alone
  // counts as a change (harmless: the index is made again).
  const factsHash = `facts:${createHash("sha256").update(json).digest("hex")}`;
  return { article: stored, factsHash, problems: parsed.problems, ids: parsed.ids };
}
