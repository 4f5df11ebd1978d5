import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { clearUnwanted, placePages, placeRecorded, removeEmptyFolders, startPagePlacer } from "../../src/build/page-placer.js";
import { PLACED_RECORD } from "../../src/build/page-store.js";
import { PROJECT_ROOT } from "../helpers/project.js";

describe("placing stored pages", () => {
  const dir = mkdtempSync(join(tmpdir(), "fabu-place-"));
  const store = join(dir, "store");
  const out = join(dir, "out");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    rmSync(store, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    mkdirSync(join(store, "gen"), { recursive: true });
    mkdirSync(out);
    writeFileSync(join(store, "gen", "a.html"), "<p>甲</p>");
    writeFileSync(join(store, "gen", "c.html"), "<p>丙</p>");
  });
  const record = (entries: unknown) => writeFileSync(join(store, PLACED_RECORD), JSON.stringify(entries));

  it("puts each stored page at its target and names those no longer stored, to be laid out instead", () => {
    const links = [
      [join(store, "gen", "a.html"), join(out, "a.html")],
      [join(store, "gen", "pruned.html"), join(out, "b.html")],
      [join(store, "gen", "c.html"), join(out, "c.html")],
    ] as const;
    expect(placePages(links)).toEqual([1]);
    expect(readFileSync(join(out, "a.html"), "utf8")).toBe("<p>甲</p>");
    expect(readFileSync(join(out, "c.html"), "utf8")).toBe("<p>丙</p>");
    expect(existsSync(join(out, "b.html"))).toBe(false);
  });

  it("places the pages the last build recorded, in their folders, but nothing outside the output or the store", () => {
    record([
      ["zh-hans/2020/01/02/a.html", "gen/a.html"],
      ["zh-hans/gone.html", "gen/pruned.html"],
      ["../escaped.html", "gen/c.html"],
      ["zh-hans/outside-store.html", "../out/zh-hans/2020/01/02/a.html"],
      ["zh-hans/not-a-pair.html"],
    ]);
    const { placed, folders } = placeRecorded(out, store);
    expect([...placed]).toEqual([[join(out, "zh-hans/2020/01/02/a.html"), join(store, "gen/a.html")]]);
    expect([...folders].sort()).toEqual(["zh-hans", "zh-hans/2020", "zh-hans/2020/01", "zh-hans/2020/01/02"].map((folder) => join(out, folder)));
    expect(readFileSync(join(out, "zh-hans/2020/01/02/a.html"), "utf8")).toBe("<p>甲</p>");
    expect(existsSync(join(dir, "escaped.html"))).toBe(false);
    expect(existsSync(join(out, "zh-hans/outside-store.html"))).toBe(false);
  });

  it("places nothing from a missing or unreadable record", () => {
    expect(placeRecorded(out, store).placed.size).toBe(0);
    writeFileSync(join(store, PLACED_RECORD), "[[\"a.html\", \"gen/a.h");
    expect(placeRecorded(out, store).placed.size).toBe(0);
    record({ "a.html": "gen/a.html" });
    expect(placeRecorded(out, store).placed.size).toBe(0);
  });

  it("takes back early pages that changed or went, keeps the rest, and removes folders left empty", () => {
    record([
      ["kept/a.html", "gen/a.html"],
      ["changed/c.html", "gen/c.html"],
      ["gone/deep/c.html", "gen/c.html"],
    ]);
    const early = placeRecorded(out, store).placed;
    writeFileSync(join(store, "gen", "c2.html"), "<p>丙二</p>");
    const links = [
      [join(store, "gen", "a.html"), join(out, "kept/a.html")],
      [join(store, "gen", "c2.html"), join(out, "changed/c.html")],
    ] as const;
    const emptied = clearUnwanted(early, links);
    expect(emptied.sort()).toEqual([join(out, "changed"), join(out, "gone/deep")]);
    expect(existsSync(join(out, "changed/c.html"))).toBe(false);
    expect(placePages(links, early)).toEqual([]);
    expect(readFileSync(join(out, "changed/c.html"), "utf8")).toBe("<p>丙二</p>");
    // The stored page the changed one was linked to is as it was.
    expect(readFileSync(join(store, "gen", "c.html"), "utf8")).toBe("<p>丙</p>");
    removeEmptyFolders(out, emptied);
    expect(readdirSync(out).sort()).toEqual(["changed", "kept"]);
  });

  // The compiled module places in a worker thread (the test command compiles first); the sources, in this one.
  it.each([
    ["in this thread", async () => startPagePlacer],
    ["in a worker", async () => ((await import(pathToFileURL(join(PROJECT_ROOT, "lib/src/build/page-placer.js")).href)) as { startPagePlacer: typeof startPagePlacer }).startPagePlacer],
  ])("does the same through startPagePlacer (%s), answering once cleared and once placed", async (_, placerModule) => {
    record([["x/a.html", "gen/a.html"], ["y/c.html", "gen/c.html"]]);
    const placer = (await placerModule())(out, store);
    await placer.ready;
    placer.makeFolders([join(out, "z")]);
    const { cleared, placed } = placer.place([
      [join(store, "gen", "a.html"), join(out, "x/a.html")],
      [join(store, "gen", "c.html"), join(out, "z/c.html")],
    ]);
    expect(await cleared).toEqual([join(out, "y")]);
    expect(await placed).toEqual([]);
    expect(readFileSync(join(out, "z/c.html"), "utf8")).toBe("<p>丙</p>");
    expect(existsSync(join(out, "y/c.html"))).toBe(false);
  });
});
