import { parseArgs } from "node:util";
import { buildSite } from "./build/build.js";
import { conversionReport, formatReportEntry } from "./build/conversion-report.js";
import { projectPaths } from "./build/paths.js";
import { checkSite, InvalidNowError } from "./build/prepare-site.js";
import { editorialCheck, formatProblemAs, isProblemFormat, runImport, runNew } from "./editor/commands.js";
import { OutputNotWritableError } from "./build/output-swap.js";
import { ContentValidationError } from "./content/problems.js";
import { ArticleChangedDuringBuildError } from "./content/parse-cache.js";

const USAGE = `fabu — a static site generator for Chinese policy press releases

Usage:
  fabu build [--drafts] [--output DIR]   validate content and build the site into dist/
  fabu check                             validate content without building (for pre-commit hooks)
  fabu check --conversions [FILE…]       list each one-to-many conversion choice (发→發/髮) for review
  fabu check [--fix] [--format github]   also lint typography (--fix corrects it); GitHub annotations
  fabu new <section> [--title T]         start a draft article from templates/archetypes/
  fabu import <file|folder>…             convert legacy CMS text exports into articles
  fabu serve [--port N] [--search]       build, serve with live reload, rebuild on change

Options:
  --root DIR      the project folder (default: the current folder)
  --drafts        publish articles marked draft: true
  --future        publish articles dated in the future too (otherwise they wait for their date)
  --now INSTANT   build as of INSTANT (e.g. "2020-11-13 14:45", Beijing time), for scheduled rebuilds
  --timings       print how long each build stage took
  --no-cache      render every article afresh (ignore .cache/render/)
  --no-search     skip the Pagefind search index (the slowest step on a large site)
  --search        (serve) build the search index when the preview starts
  --precompress   write .br and .gz beside every text file (for hosts that serve them)
  --help          show this text`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: { root?: string; output?: string; drafts?: boolean; port?: string; help?: boolean; conversions?: boolean; timings?: boolean; "no-cache"?: boolean; future?: boolean; now?: string; "no-search"?: boolean; precompress?: boolean; search?: boolean;
    title?: string; id?: string; format?: string; encoding?: string; fix?: boolean; "dry-run"?: boolean; section?: string[] };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: {
        root: { type: "string" },
        output: { type: "string" },
        drafts: { type: "boolean" },
        port: { type: "string" },
        help: { type: "boolean" },
        conversions: { type: "boolean" },
        timings: { type: "boolean" },
        "no-cache": { type: "boolean" },
        future: { type: "boolean" },
        "no-search": { type: "boolean" },
        precompress: { type: "boolean" },
        search: { type: "boolean" },
        title: { type: "string" },
        id: { type: "string" },
        format: { type: "string" },
        encoding: { type: "string" },
        fix: { type: "boolean" },
        "dry-run": { type: "boolean" },
        section: { type: "string", multiple: true },
        now: { type: "string" },
      },
      strict: true,
      allowPositionals: command === "check" || command === "new" || command === "import",
    }));
  } catch (error) {
    console.error(`fabu: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!command || values.help || command === "help" || command === "--help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const paths = projectPaths(values.root ?? process.cwd(), { output: values.output });
  const log = (line: string) => console.error(line);
  const format = values.format ?? "text";
  if (!isProblemFormat(format)) {
    console.error(`fabu: --format must be text or github`);
    return 2;
  }
  const io = { out: (line: string) => console.log(line), err: log };
  try {
    switch (command) {
      case "build": {
        const started = performance.now();
        const summary = await buildSite(paths, { drafts: values.drafts ?? false, log, timings: values.timings ?? false, cache: !values["no-cache"], future: values.future ?? false, now: values.now, search: !values["no-search"], precompress: values.precompress ?? false });
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        console.log(`fabu: built ${summary.articles} articles, ${summary.pages} pages in two scripts into ${paths.output} (${seconds} s)`);
        return 0;
      }
      case "check": {
        if (values.conversions) {
          const entries = conversionReport(paths, positionals);
          for (const entry of entries) console.log(formatReportEntry(entry));
          console.log(`fabu: ${entries.length} one-to-many conversion choices to review`);
          return 0;
        }
        const editorial = editorialCheck(paths, { fix: values.fix ?? false });
        for (const file of editorial.fixed) console.log(`fabu: fixed typography in ${file}`);
        let problems;
        try {
          problems = [...checkSite(paths), ...editorial.problems];
        } catch (error) {
          for (const problem of editorial.problems) console.error(formatProblemAs(problem, format));
          throw error;
        }
        for (const problem of problems) console.log(formatProblemAs(problem, format));
        if (problems.some((p) => p.severity === "error")) return 1;
        console.log(`fabu: content is valid${problems.length ? ` (${problems.length} warnings)` : ""}`);
        return 0;
      }
      case "new":
        return runNew(paths, { section: positionals[0], title: values.title, id: values.id, now: values.now }, io);
      case "import":
        return runImport(paths, { inputs: positionals, sections: values.section, encoding: values.encoding, dryRun: values["dry-run"], format }, io);
      case "serve": {
        const { serveSite } = await import("./serve/serve.js");
        await serveSite(paths, { drafts: values.drafts ?? true, port: values.port ? Number(values.port) : 8080, search: values.search ?? false, log });
        return 0;
      }
      default:
        console.error(`fabu: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof OutputNotWritableError || error instanceof ArticleChangedDuringBuildError) {
      console.error(`fabu: ${error.message}`);
      return 1;
    }
    if (error instanceof InvalidNowError) {
      console.error(`fabu: ${error.message}`);
      return 2;
    }
    if (error instanceof ContentValidationError) {
      for (const problem of error.problems) console.error(formatProblemAs(problem, format));
      console.error(`fabu: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
