import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Element } from "hast";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHtmlFile, select, selectAll, text } from "../helpers/html.js";
import { createTempProject, listTree, treeDigest, type TempProject } from "../helpers/project.js";

/**
 * The standing hostile corpus: one folder per case under cases/, each an input file and what must happen
 * when it is added to the sample site — a located error with exit code 1 and dist/ byte-identical, or a
 * build whose pages carry no script.
 */
interface Expected {
  line: number;
  column: number;
  message: string;
}
interface Case {
  path: string;
  expect: {
    errors?: Expected[];
    warnings?: Expected[];
    canary?: string;
    outside?: string;
    extra?: Record<string, string>;
    errorFile?: string;
    safe?: boolean;
    kept?: string[];
    title?: string;
    generate?: { bytes: number };
  };
}

const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), "cases");
const cases = readdirSync(CASES_DIR).sort().map((name) => ({ name, ...(JSON.parse(readFileSync(join(CASES_DIR, name, "case.json"), "utf8")) as Case) }));
const UNSAFE_ELEMENTS = new Set(["script", "iframe", "object", "embed", "form", "input", "style", "svg", "math", "frame", "frameset", "base"]);

function located(stderr: string): { file: string; line: number; column: number; message: string }[] {
  return stderr.split("\n").flatMap((line) => {
    const m = /^([^:\s]+):(\d+):(\d+): (.*)$/.exec(line);
    return m ? [{ file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: m[4]! }] : [];
  });
}

describe("the hostile corpus", () => {
  let project: TempProject;
  let baseline: string;
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build", "--now", "2026-01-01 00:00"]).status).toBe(0);
    baseline = treeDigest(join(project.root, "dist"));
  });
  afterAll(() => project.dispose());

  it.each(cases)("$name", ({ name, path, expect: expected }) => {
    const input = readFileSync(join(CASES_DIR, name, "input.md"));
    project.write(path, expected.generate ? Buffer.alloc(expected.generate.bytes, "啊") : input);
    for (const [extraPath, text] of Object.entries(expected.extra ?? {})) project.write(extraPath, text);
    const started = performance.now();
    const result = project.fabu(["build", "--now", "2026-01-01 00:00"]);
    const seconds = (performance.now() - started) / 1000;
    const problems = located(result.stderr);
    try {
      expect(seconds, "a hostile file must fail fast").toBeLessThan(30);
      const errorFile = expected.errorFile ?? path;
      for (const want of [...(expected.errors ?? []), ...(expected.warnings ?? [])]) {
        const match = problems.find((p) => p.file === errorFile && new RegExp(want.message).test(p.message) && (want.line === 0 || p.line === want.line) && (want.column === 0 || p.column === want.column));
        expect(match, `${JSON.stringify(want)} in\n${result.stderr}`).toBeDefined();
      }
      if (expected.errors) {
        expect(result.status).toBe(1);
        expect(treeDigest(join(project.root, "dist"))).toBe(baseline);
      } else {
        expect(result.status, result.stderr).toBe(0);
      }
      if (expected.canary) expect(existsSync(join(project.root, expected.canary))).toBe(false);
      if (expected.outside) {
        const escaped = listTree(project.root).filter((f) => f.endsWith(expected.outside!) && !f.includes(`${join(project.root, "dist")}/`));
        expect(escaped).toEqual([]);
      }
      if (expected.safe) {
        const id = /^id: '?(\w+)/m.exec(input.toString("utf8"))![1]!;
        for (const script of ["zh-hans", "zh-hant"]) {
          const page = parseHtmlFile(join(project.root, "dist", script, "2021/03/04", `${id}.html`));
          // The theme's own markup (an inline SVG icon in the header) is trusted; the article body is not.
          const body = select(".article-body", page)!;
          visit(body, "element", (node: Element) => {
            expect(UNSAFE_ELEMENTS.has(node.tagName), `<${node.tagName}> in the body`).toBe(false);
          });
          visit(page, "element", (node: Element) => {
            const isJsonLd = node.tagName === "script" && node.properties.type === "application/ld+json";
            if (node.tagName === "script") expect(isJsonLd, "a script that is not JSON-LD").toBe(true);
            if (node.tagName === "meta") expect(node.properties.httpEquiv).toBeUndefined();
            for (const [key, value] of Object.entries(node.properties)) {
              expect(/^on/i.test(key), `${node.tagName} ${key}`).toBe(false);
              if (["href", "src", "action", "formAction", "xLinkHref"].includes(key)) {
                const url = String(value).replace(/[\u0000-\u0020]/g, "").toLowerCase();
                expect(/^(javascript|vbscript|data):/.test(url), `${key}=${String(value)}`).toBe(false);
              }
              if (key === "style") expect.fail(`style attribute on <${node.tagName}>`);
            }
          });
          for (const tag of expected.kept ?? []) expect(selectAll(`.article-body ${tag}`, page).length, tag).toBeGreaterThan(0);
          if (expected.title && script === "zh-hans") {
            expect(text(page, "h1")).toBe(expected.title);
            const ld = selectAll('script[type="application/ld+json"]', page).map((s) => JSON.parse(toString(s)) as { headline?: string });
            expect(ld.find((d) => d.headline)?.headline).toBe(expected.title);
          }
        }
      }
    } finally {
      project.remove(path);
      for (const extraPath of Object.keys(expected.extra ?? {})) project.remove(extraPath);
      if (expected.canary) project.remove(expected.canary);
      if (result.status === 0) {
        expect(project.fabu(["build", "--now", "2026-01-01 00:00"]).status).toBe(0);
        baseline = treeDigest(join(project.root, "dist"));
      }
    }
  });

  it("leaves Object.prototype clean after loading poisoned content", async () => {
    const { loadContent } = await import("../../src/content/load-content.js");
    for (const name of ["proto-key", "nested-constructor-key"]) project.write(`content/fazhi-zhengfu/${name}.md`, readFileSync(join(CASES_DIR, name, "input.md")));
    const loaded = loadContent(project.root, join(project.root, "content"));
    for (const name of ["proto-key", "nested-constructor-key"]) project.remove(`content/fazhi-zhengfu/${name}.md`);
    expect(loaded.problems.filter((p) => p.rule === "forbidden-key").length).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
