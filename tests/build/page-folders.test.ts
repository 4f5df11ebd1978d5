import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { placePages } from "../../src/build/page-folders.js";

describe("placing stored pages", () => {
  const dir = mkdtempSync(join(tmpdir(), "fabu-place-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("puts each stored page at its target and names those no longer stored, to be laid out instead", () => {
    mkdirSync(join(dir, "store"));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "store", "a.html"), "<p>甲</p>");
    writeFileSync(join(dir, "store", "c.html"), "<p>丙</p>");
    const links = [
      [join(dir, "store", "a.html"), join(dir, "out", "a.html")],
      [join(dir, "store", "pruned.html"), join(dir, "out", "b.html")],
      [join(dir, "store", "c.html"), join(dir, "out", "c.html")],
    ] as const;
    expect(placePages(links)).toEqual([1]);
    expect(readFileSync(join(dir, "out", "a.html"), "utf8")).toBe("<p>甲</p>");
    expect(readFileSync(join(dir, "out", "c.html"), "utf8")).toBe("<p>丙</p>");
    expect(existsSync(join(dir, "out", "b.html"))).toBe(false);
  });
});
