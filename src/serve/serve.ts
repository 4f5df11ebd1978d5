import { join, relative, sep } from "node:path";
import { watch } from "chokidar";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import type { ProjectPaths } from "../build/paths.js";
import { BuildMemo } from "../build/build-memo.js";
import { prepareSite } from "../build/prepare-site.js";
import { ContentValidationError, formatProblem } from "../content/problems.js";
import { updatePreview, type PreviewState } from "./preview-writer.js";

export interface ServeOptions {
  readonly drafts: boolean;
  readonly port: number;
  /** Build the search index when the preview starts (Pagefind takes minutes on a large archive). */
  readonly search?: boolean;
  readonly log: (line: string) => void;
}

const PREVIEW_DIR = join(".cache", "preview");
const DEBOUNCE_MS = 80;
const FINISH_DELAY_MS = 1000;

/**
 * `fabu serve`: builds a preview (drafts included) into .cache/preview, serves it with live reload and
 * rebuilds on every change to content or templates. A content error is shown in the terminal and in the
 * browser, and the server keeps running with the last good preview.
 */
export async function serveSite(paths: ProjectPaths, options: ServeOptions): Promise<void> {
  const previewPaths: ProjectPaths = { ...paths, output: join(paths.root, PREVIEW_DIR) };
  const server = EleventyDevServer.getServer("fabu", previewPaths.output, { liveReload: true, domDiff: false, showVersion: false, logger: { log: options.log, info: options.log, error: options.log, forceLog: options.log } });

  // Kept between rebuilds: unchanged articles are not read, parsed or looked up again, and only the pages
  // that changed are laid out (see updatePreview). Forgotten after a failed update, so the next one starts afresh.
  const memo = new BuildMemo();
  let state: PreviewState | undefined;
  let finishing: NodeJS.Timeout | undefined;
  const rebuild = async (reason: string): Promise<void> => {
    clearTimeout(finishing);
    const started = performance.now();
    try {
      const site = await prepareSite(previewPaths, { drafts: options.drafts, future: false, memo });
      for (const warning of site.warnings) options.log(formatProblem(warning));
      const previous = state;
      state = undefined;
      // The search index (with --search) is built once, when the preview starts: on a large site it takes
      // longer than everything else, and a preview's search need not know the article saved a moment ago.
      const update = await updatePreview(site, previewPaths, previous, { pageStoreDir: join(paths.root, ".cache", "pages"), search: options.search ?? false });
      server.reload();
      // Logged once the reload is sent: the benchmark times a save to this line.
      options.log(`fabu: ${reason}: rebuilt ${update.pagesWritten} pages of ${update.pagesTotal} in ${Math.round(performance.now() - started)} ms${memo.reusedIndex ? " (page index reused)" : ""}`);
      // Feeds and sitemaps take seconds on a large site and the page being previewed does not need them:
      // they are brought up to date a moment later, unless another save comes first (that update does it).
      state = update.unfinished;
      finishing = setTimeout(() => {
        running = running
          .then(() => {
            state = update.finish();
            site.finishCache();
          })
          .catch((error: unknown) => options.log(`fabu: ${(error as Error).stack ?? String(error)}`));
      }, FINISH_DELAY_MS);
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      const lines = error.problems.map(formatProblem);
      for (const line of lines) options.log(line);
      const shown = new Error(`${error.message}\n${lines.join("\n")}`);
      shown.name = "fabu content error";
      server.sendError({ error: shown });
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (reason: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => rebuild(reason)).catch((error: unknown) => options.log(`fabu: ${(error as Error).stack ?? String(error)}`));
    }, DEBOUNCE_MS);
  };
  // Watching starts before the first build, so that a file saved while it runs is not missed. chokidar rather
  // than Node's recursive fs.watch, which on Linux watches each file's inode: an editor that saves by
  // renaming a new file over the old one leaves it watching a deleted file, and later saves go unnoticed.
  const watcher = watch([paths.content, paths.templates], { ignoreInitial: true, followSymlinks: false, atomic: true });
  watcher.on("all", (event, path) => {
    if (path.startsWith(`${paths.content}${sep}`)) {
      if (event === "change") memo.articles.fileWritten(path);
      else memo.articles.filesMoved();
    }
    schedule(`changed ${relative(paths.root, path)}`);
  });
  watcher.on("error", (error) => options.log(`fabu: watching files: ${String(error)}`));
  // Until the watcher has seen every file, a change could go unreported: loads check every file till then.
  const watching = new Promise<void>((ready) => watcher.once("ready", ready));
  watcher.on("ready", () => memo.articles.watching());
  running = rebuild("start");
  await running;
  server.serve(options.port);
  // Announced once the watcher has seen every file: on a large site its first scan can outlast the first
  // build, and a file saved before the scan reaches it would never be reported.
  await watching;
  options.log(`fabu: previewing on http://localhost:${options.port}/ (drafts ${options.drafts ? "shown" : "hidden"})`);
  await new Promise<never>(() => {});
}
