import { watch } from "node:fs";
import { join } from "node:path";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { buildSite } from "../build/build.js";
import type { ProjectPaths } from "../build/paths.js";
import { ContentValidationError, formatProblem } from "../content/problems.js";

export interface ServeOptions {
  readonly drafts: boolean;
  readonly port: number;
  readonly log: (line: string) => void;
}

const PREVIEW_DIR = join(".cache", "preview");
const DEBOUNCE_MS = 80;

/**
 * `fabu serve`: builds a preview (drafts included) into .cache/preview, serves it with live reload and
 * rebuilds on every change to content or templates. A content error is shown in the terminal and in the
 * browser, and the server keeps running with the last good preview.
 */
export async function serveSite(paths: ProjectPaths, options: ServeOptions): Promise<void> {
  const previewPaths: ProjectPaths = { ...paths, output: join(paths.root, PREVIEW_DIR) };
  const server = EleventyDevServer.getServer("fabu", previewPaths.output, { liveReload: true, domDiff: false, showVersion: false, logger: { log: options.log, info: options.log, error: options.log, forceLog: options.log } });

  const rebuild = async (reason: string): Promise<void> => {
    const started = performance.now();
    try {
      const summary = await buildSite(previewPaths, { drafts: options.drafts, log: options.log, cdn: false });
      options.log(`fabu: ${reason}: rebuilt ${summary.pages} pages in ${Math.round(performance.now() - started)} ms`);
      server.reload();
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      const lines = error.problems.map(formatProblem);
      for (const line of lines) options.log(line);
      const shown = new Error(`${error.message}\n${lines.join("\n")}`);
      shown.name = "fabu content error";
      server.sendError({ error: shown });
    }
  };

  await rebuild("start");
  server.serve(options.port);
  options.log(`fabu: previewing on http://localhost:${options.port}/ (drafts ${options.drafts ? "shown" : "hidden"})`);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (reason: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => rebuild(reason)).catch((error: unknown) => options.log(`fabu: ${(error as Error).stack ?? String(error)}`));
    }, DEBOUNCE_MS);
  };
  for (const dir of [paths.content, paths.templates]) {
    watch(dir, { recursive: true }, (_event, name) => schedule(`changed ${name ?? dir}`));
  }
  await new Promise<never>(() => {});
}
