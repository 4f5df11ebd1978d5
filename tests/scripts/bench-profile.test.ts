import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { componentOf, CONVERSION, FABU, GC, LAYOUT, LOADING, MARKDOWN, NATIVE, NODE, OTHER, profileTable, readProfiles, summariseProfiles } from "../../scripts/bench/profile.js";
import { PROJECT_ROOT } from "../helpers/project.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("CPU time by component", () => {
  it("gives each function's time to the component its source belongs to", () => {
    const cases: [string, string, string | undefined][] = [
      ["tokenize", "file:///p/node_modules/micromark/lib/create-tokenizer.js", MARKDOWN],
      ["toHast", "file:///p/node_modules/mdast-util-to-hast/lib/index.js", MARKDOWN],
      ["remarkPlugin", "file:///p/lib/src/markdown/quotes.js", MARKDOWN],
      ["convert", "file:///p/node_modules/opencc-js/dist/esm/full.js", CONVERSION],
      ["fewestSegments", "file:///p/lib/src/convert/segmenter.js", CONVERSION],
      ["render", "file:///p/node_modules/nunjucks/src/environment.js", LAYOUT],
      ["write", "file:///p/node_modules/@11ty/eleventy/src/Template.js", LAYOUT],
      ["parse", "file:///p/node_modules/yaml/dist/parse.js", LOADING],
      ["parseArticle", "file:///p/lib/src/content/article.js", LOADING],
      ["keyOf", "file:///p/lib/src/build/page-store.js", FABU],
      ["digest", "node:internal/crypto/hash", NODE],
      ["writeFileUtf8", "", NATIVE],
      ["(garbage collector)", "", GC],
      ["(program)", "", OTHER],
      ["(idle)", "", undefined],
      ["(root)", "", undefined],
    ];
    for (const [name, url, component] of cases) expect([name, componentOf(name, url)]).toEqual([name, component]);
  });

  it("finds a Markdown parse in a real profile of every thread, idle time left out", () => {
    const dir = mkdtempSync(join(tmpdir(), "fabu-profile-"));
    dirs.push(dir);
    // Parses Markdown on the main thread for half a second while a worker sleeps (idle), then exits.
    const script = `
      import { unified } from "unified";
      import remarkParse from "remark-parse";
      import { Worker } from "node:worker_threads";
      const worker = new Worker("setTimeout(() => {}, 1500)", { eval: true });
      const text = "## 第一条\\n\\n为了规范**行政**执法，制定本办法。\\n\\n- 一\\n- 二\\n\\n> 引文\\n".repeat(50);
      const end = Date.now() + 500;
      while (Date.now() < end) unified().use(remarkParse).parse(text);
      await new Promise((resolve) => worker.on("exit", resolve));`;
    const run = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--input-type=module", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const summary = summariseProfiles(readProfiles(dir));
    expect(summary.threads).toBe(2);
    expect(summary.components[0]!.component).toBe(MARKDOWN);
    expect(summary.components[0]!.seconds).toBeGreaterThan(0.5 * summary.cpuSeconds);
    // The worker slept 1.5 s: idle, so not counted; the whole run used about half a second of CPU.
    expect(summary.cpuSeconds).toBeGreaterThan(0.3);
    expect(summary.cpuSeconds).toBeLessThan(1.2);
    const rows = profileTable(summary).split("\n").slice(2);
    expect(rows).toHaveLength(summary.components.length);
    expect(rows[0]).toMatch(/^\| Markdown to HTML .* \| \d+\.\d \| \d+% \|$/);
  });
});
