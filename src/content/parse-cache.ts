import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { dropOtherGenerations, pruneUnused } from "../render/cache-prune.js";
import { codeFingerprint } from "../render/code-fingerprint.js";
import type { ArticleSource } from "./article.js";
import type { ParsedArticleFile } from "./article-memo.js";

/**
 * A persistent cache of parsed articles (`.cache/parsed/`), so that a build with the cache restored, as in
 * CI, reads every article but parses (front matter, validation) only those whose text changed: parsing was
 * a fifth of a one-article rebuild at 20,000 articles.
 *
 * The key covers the decoded text, the file's path (problems and articles name it) and folder section,
 * the settings a parse depends on and the code that parses (fabu's and its libraries'). One small JSON file
 * per entry, as in the render cache, so that nothing is held in memory but the articles themselves.
 * Articles are stored with an empty body and the offset where the body starts, the body being the text's tail.
 */
export interface ParseCache {
  /** The file as parsed before, or parsed now with `parse` and kept. */
  parsed(file: string, folderSection: string | undefined, text: string, parse: () => ParsedArticleFile): ParsedArticleFile;
  /** Removes entries this build did not use, once they are as many as the used ones (see pruneUnused). */
  prune(): void;
  /** No more entries: resolves once those written are on disk (they are written in the background). */
  written(): Promise<void>;
}

interface Entry {
  /** The article with an empty body, and where its body starts in the text. */
  readonly article?: ArticleSource & { readonly bodyAt: number };
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
  const writer = backgroundWriter();
  return {
    parsed(path, folderSection, text, parse) {
      const key = createHash("sha256").update(`${path}\0${folderSection ?? ""}\0`).update(text).digest("hex");
      const entryFile = join(dir, `${key}.json`);
      used.add(key);
      const entry = readEntry(entryFile);
      if (entry) return fromEntry(entry, text);
      const result = parse();
      const fresh = toEntry(result, text);
      // Written by a worker thread, and not atomically: making twenty thousand files one after another
      // took 14 s of a cold build on a busy disk. A file cut short by a killed build is not JSON (no
      // prefix of a JSON object is), so it reads as a miss; and a key always has the same entry.
      if (fresh) writer.write(entryFile, JSON.stringify(fresh));
      return result;
    },
    prune() {
      pruneUnused(dir, used);
      dropOtherGenerations(root, generation);
    },
    written: () => writer.end(),
  };
}

/**
 * Writes files in a worker thread; synchronously when running from the TypeScript sources (tests), where
 * there is no compiled worker. (Node's asynchronous writes would not do: each needs this thread's event loop
 * between opening and closing its file, and a load keeps the thread busy, so files piled up open until the
 * process ran out of descriptors.)
 */
function backgroundWriter(): { write(file: string, text: string): void; end(): Promise<void> } {
  const workerUrl = new URL("./parse-cache-writer.js", import.meta.url);
  let worker: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  const compiled = existsSync(fileURLToPath(workerUrl));
  return {
    write(file, text) {
      if (!compiled) {
        writeFileSync(file, text);
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

function readEntry(file: string): Entry | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Entry;
  } catch {
    // none yet, or unreadable (a cache is never trusted to be whole): the file is parsed
    return undefined;
  }
}

function fromEntry(entry: Entry, text: string): ParsedArticleFile {
  if (!entry.article) return { article: undefined, problems: entry.problems, ids: entry.ids };
  // A copy, with the body put back in its place (the property order is the parse's: render keys hash it).
  const { bodyAt, ...article } = entry.article;
  return { article: { ...article, body: text.slice(bodyAt) }, problems: entry.problems, ids: entry.ids };
}

/** undefined when the result cannot be stored: a body that is not the tail of the text. */
function toEntry(parsed: ParsedArticleFile, text: string): Entry | undefined {
  const { article } = parsed;
  if (!article) return { problems: parsed.problems, ids: parsed.ids };
  if (!text.endsWith(article.body)) return undefined;
  // Through JSON, as the next build will read it: what JSON drops (undefined fields) is dropped now too.
  const stored = JSON.parse(JSON.stringify({ ...article, body: "", bodyAt: text.length - article.body.length })) as Entry["article"];
  return { article: stored, problems: parsed.problems, ids: parsed.ids };
}
