import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RenderedArticle } from "../../src/render/render-article.js";
import { bodyFile, openRenderCache } from "../../src/render/render-cache.js";
import type { RenderSettings } from "../../src/render/render-settings.js";

const SETTINGS = { siteUrl: "https://example.gov.cn/", pathPrefix: "/", traditional: "tw" } as unknown as RenderSettings;

const entry = (id: string): RenderedArticle => {
  const text = (title: string) => ({ title, source: "新华社", byline: [], editor: "", tags: [], summary: "", bodyHtml: `<p>${title}</p>` });
  return { id, sourceScript: "zh-Hans", text: { "zh-Hans": text(`标题${id}`), "zh-Hant": text(`標題${id}`) }, problems: [] };
};

describe("render cache lookups", () => {
  const root = mkdtempSync(join(tmpdir(), "fabu-render-cache-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Below 64 keys each entry's bodies are checked one by one, from 64 on the folder is listed once: both
  // must miss an entry whose body is gone (it is then rendered again) and find the rest.
  for (const count of [10, 100]) {
    it(`finds ${count} entries at once, and misses one whose body is gone`, () => {
      const dir = join(root, String(count));
      const writer = openRenderCache(dir, SETTINGS);
      const keys = Array.from({ length: count }, (_, i) => `${String(count).padStart(3, "0")}${String(i).padStart(61, "0")}`);
      keys.forEach((key, i) => writer.set(key, entry(String(i))));
      rmSync(bodyFile(writer.dir, `${keys[3]}/zh-Hant`));

      const found = openRenderCache(dir, SETTINGS).getAll(keys);
      expect(found[3]).toBeUndefined();
      expect(found.filter((e) => e === undefined)).toHaveLength(1);
      expect(found[7]?.text["zh-Hant"].title).toBe("標題7");
      expect(found[7]?.text["zh-Hant"].bodyHtml).toBe("");
    });
  }
});
