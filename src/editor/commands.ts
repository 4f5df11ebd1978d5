/**
 * The editor commands as the CLI runs them: argument checks, calls, printed results and exit codes, so that
 * `src/cli.ts` only dispatches. Each returns the process exit code (0 ok, 1 refused or content errors, 2 usage).
 */
import { relative, resolve } from "node:path";
import type { ProjectPaths } from "../build/paths.js";
import { loadContent } from "../content/load-content.js";
import { formatProblem, type ContentProblem } from "../content/problems.js";
import { parseNewsDate } from "../time/zoned-date.js";
import { toGithubAnnotation } from "./github-annotations.js";
import { importLegacy } from "./import-legacy.js";
import { newArticle } from "./new-article.js";
import { EditorError } from "./site-files.js";
import { fixSite, lintSite } from "./typography-lint.js";

export interface CommandIO {
  /** Results (stdout). */
  readonly out: (line: string) => void;
  /** Problems and refusals (stderr). */
  readonly err: (line: string) => void;
}

export type ProblemFormat = "text" | "github";

export function isProblemFormat(value: string): value is ProblemFormat {
  return value === "text" || value === "github";
}

/** `content/x.md:3:1: …` or, for `--format github`, a workflow command GitHub shows as an annotation. */
export function formatProblemAs(problem: ContentProblem, format: ProblemFormat = "text"): string {
  return format === "github" ? toGithubAnnotation(problem) : formatProblem(problem);
}

/** `fabu new <section> [--title T] [--id ID] [--now INSTANT]`. */
export function runNew(paths: ProjectPaths, args: { section?: string; title?: string; id?: string; now?: string }, io: CommandIO): number {
  if (!args.section) {
    io.err("fabu: which section? usage: fabu new <section> [--title T]");
    return 2;
  }
  let now = Date.now();
  if (args.now !== undefined) {
    const timeZone = loadContent(paths.root, paths.content).config.timeZone;
    const instant = parseNewsDate(args.now, timeZone);
    if (!instant) {
      io.err(`fabu: --now "${args.now}" is not a date; write it as 2020-11-13 14:45`);
      return 2;
    }
    now = instant.epochMs;
  }
  try {
    const { file, id } = newArticle({ projectRoot: paths.root, section: args.section, title: args.title, id: args.id, now, contentDir: paths.content, templatesDir: paths.templates });
    io.out(`fabu: created ${file} (id ${id}, a draft); replace every 待填写, then run npm run check`);
    return 0;
  } catch (error) {
    if (error instanceof EditorError) {
      io.err(`fabu: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** `fabu import <file|folder>… [--section 名称=key]… [--encoding gb18030|big5] [--dry-run] [--format github]`. */
export function runImport(
  paths: ProjectPaths,
  args: { inputs: readonly string[]; sections?: readonly string[]; encoding?: string; dryRun?: boolean; format?: ProblemFormat },
  io: CommandIO,
): number {
  if (args.inputs.length === 0) {
    io.err("fabu: what to import? usage: fabu import <file|folder>… [--section 名称=key]");
    return 2;
  }
  const sectionMap: Record<string, string> = {};
  for (const pair of args.sections ?? []) {
    const at = pair.lastIndexOf("=");
    if (at <= 0 || at === pair.length - 1) {
      io.err(`fabu: --section "${pair}" must be 名称=key, e.g. --section 政务公开=fazhi-zhengfu`);
      return 2;
    }
    sectionMap[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  const encoding = args.encoding ?? "utf-8";
  if (encoding !== "utf-8" && encoding !== "gb18030" && encoding !== "big5") {
    io.err(`fabu: --encoding must be utf-8, gb18030 or big5`);
    return 2;
  }
  const result = importLegacy({
    projectRoot: paths.root,
    inputs: args.inputs.map((input) => resolve(input)),
    sectionMap,
    encoding,
    dryRun: args.dryRun ?? false,
    contentDir: paths.content,
  });
  for (const problem of result.problems) io.err(formatProblemAs(problem, args.format));
  for (const file of result.written) io.out(`fabu: wrote ${file}`);
  const errors = result.problems.filter((p) => p.severity === "error").length;
  io.out(`fabu: imported ${result.written.length} article${result.written.length === 1 ? "" : "s"}${errors ? `; ${errors} error${errors === 1 ? "" : "s"} (see above)` : ""}`);
  return errors > 0 ? 1 : 0;
}

/**
 * The editorial part of `fabu check`: typography warnings and placeholder errors for every article; with
 * `fix`, typography is corrected in the files first (and the changed files are listed).
 */
export function editorialCheck(paths: ProjectPaths, options: { fix?: boolean } = {}): { problems: ContentProblem[]; fixed: string[] } {
  const contentDir = relative(paths.root, paths.content) || ".";
  const fixed = options.fix ? fixSite(paths.root, { contentDir }) : [];
  return { problems: lintSite(paths.root, { contentDir }), fixed };
}
