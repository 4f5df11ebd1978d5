import { existsSync, mkdirSync, readFileSync, rmdirSync, unlinkSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { makeFolders } from "./page-folders.js";
import { placeFile, PLACED_RECORD, type PlacedRecord } from "./page-store.js";

/** A stored page to put in the output: `[stored file, target]`, both absolute. */
export type PageLink = readonly [string, string];

/** Stored pages placed, by target: the stored file each target is a link to. */
export type Placed = ReadonlyMap<string, string>;

/** What placeRecorded did: the pages it placed, and the folders it made (each with its parents). */
export interface EarlyPlacement {
  readonly placed: Placed;
  readonly folders: ReadonlySet<string>;
}

export const NOTHING_PLACED: EarlyPlacement = { placed: new Map(), folders: new Set() };

/**
 * Places the pages the last build recorded (see PlacedRecord), making their folders. A record that cannot
 * be read places nothing; an entry whose paths leave the output or the store is skipped.
 */
export function placeRecorded(targetDir: string, storeRoot: string): EarlyPlacement {
  let record: PlacedRecord;
  try {
    record = JSON.parse(readFileSync(resolve(storeRoot, PLACED_RECORD), "utf8")) as PlacedRecord;
    if (!Array.isArray(record)) return NOTHING_PLACED;
  } catch {
    return NOTHING_PLACED;
  }
  const outputRoot = resolve(targetDir) + sep;
  const storeRootDir = resolve(storeRoot) + sep;
  const placed = new Map<string, string>();
  const folders = new Set<string>();
  for (const entry of record) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string") continue;
    const target = resolve(targetDir, entry[0]);
    const stored = resolve(storeRoot, entry[1]);
    if (!target.startsWith(outputRoot) || !stored.startsWith(storeRootDir) || placed.has(target)) continue;
    const folder = dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      for (let made = folder; made.startsWith(outputRoot) && !folders.has(made); made = dirname(made)) folders.add(made);
    }
    if (placeFile(stored, target)) placed.set(target, stored);
  }
  return { placed, folders };
}

/**
 * Removes what was placed early but is not among `links` as a link to the same stored file: a page that
 * changed, moved or went. Returns the folders it was in, which may now be empty (see removeEmptyFolders).
 */
export function clearUnwanted(placed: Placed, links: readonly PageLink[]): string[] {
  if (placed.size === 0) return [];
  const wanted = new Map(links.map(([stored, target]) => [target, stored]));
  const folders = new Set<string>();
  for (const [target, stored] of placed) {
    if (wanted.get(target) === stored) continue;
    unlinkSync(target);
    folders.add(dirname(target));
  }
  return [...folders];
}

/**
 * Puts each stored page in place, unless it was placed early; returns the indices of those no longer
 * stored (pruned meanwhile), to be laid out instead.
 */
export function placePages(links: readonly PageLink[], placedEarly: Placed = new Map()): number[] {
  const missing: number[] = [];
  links.forEach(([stored, target], i) => {
    if (placedEarly.get(target) !== stored && !placeFile(stored, target)) missing.push(i);
  });
  return missing;
}

/** Removes each folder (and then its parents inside `targetDir`) that is empty; deepest first. */
export function removeEmptyFolders(targetDir: string, folders: readonly string[]): void {
  const root = resolve(targetDir);
  for (const start of [...folders].sort((a, b) => b.length - a.length)) {
    for (let folder = resolve(start); folder.startsWith(root + sep); folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        break; // not empty (or gone already): neither are its parents
      }
    }
  }
}

export interface PagePlacer {
  /**
   * Resolves once the pages the last build recorded are in place; nothing may be written into the output
   * before, as a file written over a placed page would be written into the page store through the link.
   */
  readonly ready: Promise<void>;
  /** Makes these folders (the pages' folders, parents first), before anything sent after. */
  makeFolders(folders: readonly string[]): void;
  /**
   * Takes back what was placed early but is not wanted, then places the rest of `links`. `cleared` resolves
   * once only wanted pages are left (pages may be laid out and files written from then on) to the folders
   * to try to remove at the end (see removeEmptyFolders); `placed` to the indices of links that could not
   * be placed.
   */
  place(links: readonly PageLink[]): { readonly cleared: Promise<string[]>; readonly placed: Promise<number[]> };
  /** Stops placing (a failed build); resolves once nothing more is written. */
  stop(): Promise<void>;
}

type Reply = { readonly ready: true } | { readonly cleared: string[] } | { readonly missing: number[] };

/**
 * Places stored pages in a worker thread: a large site has tens of thousands of folders (one per day with
 * news, one per listing page) and pages, and making and linking them took three seconds of a 20,000-article
 * rebuild. With `storeRoot`, it starts at once with the pages the last build recorded, while the build
 * loads and renders: a one-article rebuild wants nearly all of them. Done in this thread when running from
 * the TypeScript sources (tests), where there is no compiled worker.
 */
export function startPagePlacer(targetDir: string, storeRoot?: string): PagePlacer {
  const workerUrl = new URL("./page-placer-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) return placerInThisThread(targetDir, storeRoot);
  const worker = new Worker(workerUrl, { workerData: { targetDir, storeRoot } });
  // It waits for the links: should the build fail before sending them, the process must not wait for it.
  worker.unref();
  const failed = new Promise<never>((_, fail) => {
    worker.once("error", fail);
    // It ends by itself once it has answered, which settles every reply first.
    worker.once("exit", (code) => fail(new Error(`placing the pages ended early (worker exit code ${code})`)));
  });
  // Until a reply is awaited, a failure must not count as unhandled.
  failed.catch(() => undefined);
  const replies: ((reply: Reply) => void)[] = [];
  worker.on("message", (reply: Reply) => replies.shift()?.(reply));
  const nextReply = <T>(pick: (reply: Reply) => T): Promise<T> => Promise.race([new Promise<T>((done) => replies.push((reply) => done(pick(reply)))), failed]);
  const ready = nextReply(() => undefined);
  ready.catch(() => undefined);
  return {
    ready,
    makeFolders(folders) {
      worker.postMessage({ folders });
    },
    place(links) {
      worker.ref();
      const cleared = nextReply((reply) => ("cleared" in reply ? reply.cleared : []));
      const placed = nextReply((reply) => ("missing" in reply ? reply.missing : []));
      cleared.catch(() => undefined);
      placed.catch(() => undefined);
      worker.postMessage({ links });
      return { cleared, placed };
    },
    async stop() {
      await worker.terminate();
    },
  };
}

function placerInThisThread(targetDir: string, storeRoot: string | undefined): PagePlacer {
  const early = storeRoot ? placeRecorded(targetDir, storeRoot) : NOTHING_PLACED;
  return {
    ready: Promise.resolve(),
    makeFolders: (folders) => makeFolders(folders, early.folders),
    place(links) {
      const cleared = clearUnwanted(early.placed, links);
      return { cleared: Promise.resolve(cleared), placed: Promise.resolve(placePages(links, early.placed)) };
    },
    stop: async () => {},
  };
}
