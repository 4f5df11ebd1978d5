/**
 * fabu's speed and memory targets (set for 20,000 articles; memory for 100,000), checked against a
 * benchmark's figures: each row says what was measured and whether the target is met.
 */

export interface TargetInputs {
  readonly count: number;
  /** Median wall seconds of fabu's and Hugo's cold builds. */
  readonly fabuWall?: number;
  readonly hugoWall?: number;
  /** Median wall seconds of fabu's one-article rebuilds with `.cache/` restored. */
  readonly rebuildWall?: number;
  /** Median seconds from a save to the reload under `fabu serve`. */
  readonly reloadSeconds?: number;
  /** The largest peak RSS of fabu's cold builds, in KiB, and of how many builds. */
  readonly fabuPeakRssKiB?: number;
  readonly fabuRuns?: number;
}

export interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export const COLD_TARGET = "cold build: fabu (two scripts) no slower than Hugo (one script)";
export const REBUILD_TARGET = "one-article rebuild, `.cache/` restored: ≤ 25% of Hugo's cold build";
export const RELOAD_TARGET = "preview: save to reload ≤ 1 s";
export const MEMORY_TARGET = "100,000 articles: peak RSS ≤ 3 GB";

const REBUILD_SHARE = 0.25;
const RELOAD_SECONDS = 1;
const MEMORY_BYTES = 3e9;
const ARCHIVE_SCALE = 100_000;

export function evaluateTargets(inputs: TargetInputs): TargetRow[] {
  const { fabuWall, hugoWall, rebuildWall, reloadSeconds, fabuPeakRssKiB } = inputs;
  const rows: TargetRow[] = [];
  if (fabuWall !== undefined && hugoWall !== undefined) {
    rows.push({ target: COLD_TARGET, measured: `${ratio(fabuWall / hugoWall)} Hugo's time (${secs(fabuWall)} s against ${secs(hugoWall)} s)`, met: fabuWall <= hugoWall });
  }
  if (rebuildWall !== undefined && hugoWall !== undefined) {
    rows.push({ target: REBUILD_TARGET, measured: `${Math.round((100 * rebuildWall) / hugoWall)}% of Hugo's cold build (${secs(rebuildWall)} s)`, met: rebuildWall <= REBUILD_SHARE * hugoWall });
  }
  if (reloadSeconds !== undefined) {
    rows.push({ target: RELOAD_TARGET, measured: `${secs(reloadSeconds)} s`, met: reloadSeconds <= RELOAD_SECONDS });
  }
  if (fabuPeakRssKiB !== undefined && inputs.count === ARCHIVE_SCALE) {
    const bytes = fabuPeakRssKiB * 1024;
    const runs = inputs.fabuRuns ?? 1;
    const largest = runs > 1 ? `, the largest of ${runs} builds` : "";
    rows.push({ target: MEMORY_TARGET, measured: `${Math.round(bytes / 2 ** 20).toLocaleString("en-US")} MiB (${(bytes / 1e9).toFixed(2)} GB${largest})`, met: bytes <= MEMORY_BYTES });
  }
  return rows;
}

export function targetsTable(rows: readonly TargetRow[]): string {
  return ["| target | measured (medians of the runs) | met |", "|---|---|---|", ...rows.map((row) => `| ${row.target} | ${row.measured} | ${row.met ? "yes" : "**no**"} |`)].join("\n");
}

const ratio = (r: number) => `${r.toFixed(2)}×`;
const secs = (s: number) => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
