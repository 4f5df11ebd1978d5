import { spawn, type ChildProcess } from "node:child_process";
import { renameSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempProject, PROJECT_ROOT, type TempProject } from "../helpers/project.js";

const CLI = join(PROJECT_ROOT, "bin", "fabu.js");
const PORT = 20000 + (process.pid % 20000);
const SEED = "content/fazhi-zhengfu/8355537.md";

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("fabu serve: the preview server", () => {
  let project: TempProject;
  let server: ChildProcess;
  let log = "";
  // A plain navigation, as a browser makes it: the server injects its live-reload client only into those
  // (fetch() would announce itself as a script request, so node:http it is).
  const page = (path: string) =>
    new Promise<string | undefined>((resolve, reject) => {
      get(`http://127.0.0.1:${PORT}${path}`, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve(response.statusCode === 200 ? body : undefined));
      }).on("error", reject);
    });

  beforeAll(async () => {
    project = createTempProject({ sampleContent: true });
    server = spawn(process.execPath, [CLI, "serve", "--root", project.root, "--port", String(PORT), "--search"], { stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await until(async () => (log.includes("previewing on") ? true : undefined));
  });
  afterAll(() => {
    server?.kill();
    project?.dispose();
  });

  it("serves the site with drafts and the live-reload client", async () => {
    const home = await until(() => page("/zh-hans/"));
    expect(home).toContain("<title>法治新闻发布</title>");
    expect(home).toMatch(/reload-client/);
    expect(await page("/zh-hans/2025/03/18/9311408.html")).toBeDefined();
  });

  it("rebuilds when an article is saved", async () => {
    project.write(SEED, project.read(SEED).replace("title: 网络扶贫取得明显成效", "title: 网络扶贫成效显著"));
    const html = await until(async () => {
      const text = await page("/zh-hans/2020/11/13/8355537.html");
      return text?.includes("<h1>网络扶贫成效显著</h1>") ? text : undefined;
    });
    expect(html).toContain("网络扶贫成效显著");
    // Feeds are brought up to date a moment after the reload.
    await until(async () => ((await page("/zh-hans/feed.xml"))?.includes("网络扶贫成效显著") ? true : undefined));
    // The search index built at start is carried over to the rebuilt preview.
    expect(await page("/pagefind/pagefind.js")).toBeDefined();
    expect(await page("/pagefind/fabu-query.zh-hant.json")).toBeDefined();
  });

  it("picks up an added article, a save that renames a new file over the old one, and a removed article", async () => {
    const added = "content/fazhi-zhengfu/8355538.md";
    project.write(added, project.read(SEED).replace("id: 8355537", "id: 8355538").replace(/^title: .*$/m, "title: 新增的预览文章"));
    const addedPage = "/zh-hans/2020/11/13/8355538.html";
    expect(await until(async () => ((await page(addedPage))?.includes("<h1>新增的预览文章</h1>") ? true : undefined))).toBe(true);
    // Editors that save atomically write a temporary file beside the article and rename it over the article.
    const temporary = `${SEED}.tmp`;
    project.write(temporary, project.read(SEED).replace(/^title: .*$/m, "title: 改名保存的标题"));
    renameSync(join(project.root, temporary), join(project.root, SEED));
    expect(await until(async () => ((await page("/zh-hans/2020/11/13/8355537.html"))?.includes("<h1>改名保存的标题</h1>") ? true : undefined))).toBe(true);
    project.remove(added);
    expect(await until(async () => ((await page(addedPage)) === undefined ? true : undefined))).toBe(true);
    project.write(SEED, project.read(SEED).replace("title: 改名保存的标题", "title: 网络扶贫成效显著"));
    await until(async () => ((await page("/zh-hans/2020/11/13/8355537.html"))?.includes("<h1>网络扶贫成效显著</h1>") ? true : undefined));
  });

  it("reports a content error in the terminal and keeps serving the last good preview", async () => {
    project.write(SEED, project.read(SEED).replace("editor: 张小军", "edtior: 张小军"));
    await until(async () => (log.includes('unknown front matter field "edtior"') ? true : undefined));
    expect(log).toMatch(/content\/fazhi-zhengfu\/8355537\.md:\d+:1: unknown front matter field "edtior"; did you mean "editor"\?/);
    expect(server.exitCode).toBeNull();
    expect(await page("/zh-hans/2020/11/13/8355537.html")).toContain("网络扶贫成效显著");
    project.write(SEED, project.read(SEED).replace("edtior: 张小军", "editor: 张小军"));
    await until(async () => (log.match(/rebuilt/g)!.length >= 3 ? true : undefined));
  });
});
