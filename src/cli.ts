import { parseArgs } from "node:util";
import { buildSite } from "./build/build.js";
import { projectPaths } from "./build/paths.js";
import { prepareSite } from "./build/prepare-site.js";
import { ContentValidationError, formatProblem } from "./content/problems.js";

const USAGE = `fabu — a static site generator for Chinese policy press releases

Usage:
  fabu build [--drafts] [--output DIR]   validate content and build the site into dist/
  fabu check                             validate content without building (for pre-commit hooks)
  fabu serve [--drafts] [--port N]       build, serve with live reload, rebuild on change

Options:
  --root DIR      the project folder (default: the current folder)
  --drafts        publish articles marked draft: true
  --help          show this text`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: { root?: string; output?: string; drafts?: boolean; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        root: { type: "string" },
        output: { type: "string" },
        drafts: { type: "boolean" },
        port: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
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
  try {
    switch (command) {
      case "build": {
        const started = performance.now();
        const summary = await buildSite(paths, { drafts: values.drafts ?? false, log });
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        console.log(`fabu: built ${summary.articles} articles, ${summary.pages} pages in two scripts into ${paths.output} (${seconds} s)`);
        return 0;
      }
      case "check": {
        const result = prepareSite(paths, { drafts: true, checkOnly: true });
        const problems = "checked" in result ? result.checked : [];
        for (const problem of problems) console.log(formatProblem(problem));
        console.log(`fabu: content is valid${problems.length ? ` (${problems.length} warnings)` : ""}`);
        return 0;
      }
      case "serve": {
        const { serveSite } = await import("./serve/serve.js");
        await serveSite(paths, { drafts: values.drafts ?? true, port: values.port ? Number(values.port) : 8080, log });
        return 0;
      }
      default:
        console.error(`fabu: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ContentValidationError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      console.error(`fabu: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
