import { describe, expect, it } from "vitest";
import { COLD_TARGET, evaluateTargets, MEMORY_TARGET, REBUILD_TARGET, RELOAD_TARGET, targetsTable } from "../../scripts/bench/targets.js";

const byTarget = (rows: ReturnType<typeof evaluateTargets>) => new Map(rows.map((row) => [row.target, row]));

describe("benchmark targets", () => {
  it("checks the cold build, the rebuild and the reload against Hugo's cold build", () => {
    const rows = byTarget(evaluateTargets({ count: 20_000, fabuWall: 150, hugoWall: 40, rebuildWall: 9, reloadSeconds: 0.94 }));
    expect(rows.get(COLD_TARGET)).toMatchObject({ met: false, measured: "3.75× Hugo's time (150 s against 40.0 s)" });
    expect(rows.get(REBUILD_TARGET)).toMatchObject({ met: true, measured: "23% of Hugo's cold build (9.00 s)" });
    expect(rows.get(RELOAD_TARGET)).toMatchObject({ met: true, measured: "0.94 s" });
    expect(rows.has(MEMORY_TARGET)).toBe(false);
  });

  it("meets a target at its bound and misses it just past", () => {
    const at = byTarget(evaluateTargets({ count: 20_000, fabuWall: 40, hugoWall: 40, rebuildWall: 10, reloadSeconds: 1 }));
    expect([...at.values()].map((row) => row.met)).toEqual([true, true, true]);
    const past = byTarget(evaluateTargets({ count: 20_000, fabuWall: 40.1, hugoWall: 40, rebuildWall: 10.01, reloadSeconds: 1.01 }));
    expect([...past.values()].map((row) => row.met)).toEqual([false, false, false]);
  });

  it("reads the memory target as 3 GB, at 100,000 articles only", () => {
    const within = byTarget(evaluateTargets({ count: 100_000, fabuPeakRssKiB: 2441 * 1024 }));
    expect(within.get(MEMORY_TARGET)).toMatchObject({ met: true, measured: "2,441 MiB (2.56 GB)" });
    // 2,897 MiB is under 3 GiB but over 3 GB.
    expect(byTarget(evaluateTargets({ count: 100_000, fabuPeakRssKiB: 2897 * 1024 })).get(MEMORY_TARGET)).toMatchObject({ met: false, measured: "2,897 MiB (3.04 GB)" });
    expect(byTarget(evaluateTargets({ count: 100_000, fabuPeakRssKiB: 2441 * 1024, fabuRuns: 3 })).get(MEMORY_TARGET)?.measured).toBe("2,441 MiB (2.56 GB, the largest of 3 builds)");
    expect(evaluateTargets({ count: 20_000, fabuPeakRssKiB: 4000 * 1024 })).toEqual([]);
    expect(evaluateTargets({ count: 200_000, fabuPeakRssKiB: 4000 * 1024 })).toEqual([]);
  });

  it("leaves out a target the run has no figures for", () => {
    // No Hugo: neither the cold build nor the rebuild can be compared.
    expect(evaluateTargets({ count: 20_000, fabuWall: 150, rebuildWall: 9 })).toEqual([]);
  });

  it("prints one table row per target, a missed one in bold", () => {
    const table = targetsTable(evaluateTargets({ count: 20_000, fabuWall: 150, hugoWall: 40, reloadSeconds: 0.5 }));
    const rows = table.split("\n").slice(2).map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
    expect(rows).toEqual([
      [COLD_TARGET, "3.75× Hugo's time (150 s against 40.0 s)", "**no**"],
      [RELOAD_TARGET, "0.50 s", "yes"],
    ]);
  });
});
