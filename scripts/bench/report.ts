/** Summaries, the Markdown report and docs/benchmarks.md (one section per article count, kept across runs). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Measurement } from "./measure.js";
import { profileTable, type ProfileSummary } from "./profile.js";
import { parseStages, stagesTable } from "./stages.js";
import { COLD_TARGET, evaluateTargets, REBUILD_TARGET, targetsTable, type TargetRow } from "./targets.js";

export type Tool = "fabu" | "hugo" | "eleventy";

export const TOOL_LABELS: Readonly<Record<Tool, string>> = {
  fabu: "fabu (two scripts)",
  hugo: "Hugo (one script)",
  eleventy: "Eleventy 3 + markdown-it (one script)",
};

export interface PageCount {
  readonly total: number;
  /** Article pages (…/YYYY/MM/DD/<id>.html); the rest are home, section and, in fabu, tag pages. */
  readonly articles: number;
}

export interface ToolResult {
  readonly tool: Tool;
  readonly command: string;
  readonly runs: readonly Measurement[];
  /** HTML pages in the output of the last successful run. */
  readonly pages?: PageCount;
}

export interface BenchReport {
  readonly date: string;
  readonly command: string;
  readonly count: number;
  readonly seed: string;
  readonly runs: number;
  readonly machine: readonly string[];
  readonly corpus: string;
  readonly results: readonly ToolResult[];
  readonly rebuild?: { readonly runs: readonly Measurement[]; readonly note: string };
  /** `fabu serve` on the corpus: seconds to the first preview, and from each save to the reload. */
  readonly devServer?: { readonly startSeconds: number; readonly reloadSeconds: readonly number[] };
  /** One more cold fabu build, run under `node --cpu-prof` (untimed for the table: profiling slows it). */
  readonly profile?: { readonly summary: ProfileSummary; readonly wallSeconds: number; readonly command: string };
  readonly notes: readonly string[];
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const seconds = (s: number) => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
const mib = (kib: number) => `${Math.round(kib / 1024).toLocaleString("en-US")} MiB`;
const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

/** Why a run failed, in one line: exit status, timeout, and the most telling line of its stderr. */
export function failure(m: Measurement): string {
  const hint = EXIT_HINTS[m.exitCode ?? -1];
  const why = m.timedOut ? "timed out" : m.signal ? `killed by ${m.signal}` : `exit code ${m.exitCode}${hint ? ` (${hint})` : ""}`;
  const lines = m.stderrTail.split("\n").map((l) => l.trim()).filter(Boolean);
  const telling = lines.find((l) => /heap out of memory|out of memory|error/i.test(l)) ?? lines.at(-1) ?? "";
  return `${why} after ${seconds(m.wallSeconds)} s${m.oomKill ? `; ${m.oomKill}` : ""}${telling ? `; stderr: ${telling.slice(0, 200)}` : "; nothing on stderr"}`;
}

/** What a few exit codes mean for these tools (Node and GNU time). */
const EXIT_HINTS: Readonly<Record<number, string>> = {
  13: "Node: a top-level await never settled, i.e. the program waited on something that died",
  134: "aborted, e.g. JavaScript heap out of memory",
  137: "SIGKILL, e.g. the kernel's OOM killer",
};

export function summaryTable(report: BenchReport): string {
  const hugo = report.results.find((r) => r.tool === "hugo");
  const hugoOk = hugo?.runs.filter((m) => m.ok) ?? [];
  const hugoMedian = hugoOk.length ? median(hugoOk.map((m) => m.wallSeconds)) : undefined;
  const rows = [
    "| tool | pages (article pages) | wall median (s) | min | max | pages/s | CPU median (s) | peak RSS | time vs Hugo |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const result of report.results) {
    const ok = result.runs.filter((m) => m.ok);
    const failed = result.runs.length - ok.length;
    if (!ok.length) {
      rows.push(`| ${TOOL_LABELS[result.tool]} | – | failed | | | | | ${result.runs.some((m) => m.peakRssKiB) ? mib(Math.max(...result.runs.map((m) => m.peakRssKiB ?? 0))) : "–"} | – |`);
      continue;
    }
    const walls = ok.map((m) => m.wallSeconds);
    const wall = median(walls);
    const cpus = ok.flatMap((m) => (m.cpuSeconds === undefined ? [] : [m.cpuSeconds]));
    const rss = ok.flatMap((m) => (m.peakRssKiB === undefined ? [] : [m.peakRssKiB]));
    const ratio = hugoMedian ? `${(wall / hugoMedian).toFixed(1)}×` : "–";
    rows.push(
      `| ${TOOL_LABELS[result.tool]}${failed ? ` (${failed} of ${result.runs.length} runs failed)` : ""} | ${result.pages === undefined ? "?" : `${thousands(result.pages.total)} (${thousands(result.pages.articles)})`} | ${seconds(wall)} | ${seconds(Math.min(...walls))} | ${seconds(Math.max(...walls))} | ${result.pages === undefined ? "?" : thousands(result.pages.total / wall)} | ${cpus.length ? seconds(median(cpus)) : "–"} | ${rss.length ? mib(Math.max(...rss)) : "–"} | ${ratio} |`,
    );
  }
  return rows.join("\n");
}

/** A tool's successful runs. */
export const okRuns = (results: readonly ToolResult[], tool: Tool): Measurement[] => results.find((r) => r.tool === tool)?.runs.filter((m) => m.ok) ?? [];

/** The median wall time of runs, undefined for none. */
export const medianWall = (runs: readonly Measurement[]): number | undefined => (runs.length ? median(runs.map((m) => m.wallSeconds)) : undefined);

/** The targets this report's figures can check (see targets.ts). */
export function targetsOf(report: BenchReport): TargetRow[] {
  const fabu = okRuns(report.results, "fabu");
  const rss = fabu.flatMap((m) => (m.peakRssKiB === undefined ? [] : [m.peakRssKiB]));
  return evaluateTargets({
    count: report.count,
    fabuWall: medianWall(fabu),
    hugoWall: medianWall(okRuns(report.results, "hugo")),
    rebuildWall: medianWall(report.rebuild?.runs.filter((m) => m.ok) ?? []),
    reloadSeconds: report.devServer?.reloadSeconds.length ? median([...report.devServer.reloadSeconds]) : undefined,
    fabuPeakRssKiB: rss.length ? Math.max(...rss) : undefined,
    fabuRuns: rss.length,
  });
}

/** For each missed target, where the time went: the build's stages and, for the cold build, its CPU profile. */
function whereTheTimeGoes(report: BenchReport, targets: readonly TargetRow[]): string[] {
  const missed = (target: string) => targets.some((row) => row.target === target && !row.met);
  const lines: string[] = [];
  const stagesOf = (m: Measurement | undefined) => (m?.keptLines ? parseStages(m.keptLines) : []);
  const lastCold = okRuns(report.results, "fabu").at(-1);
  if (missed(COLD_TARGET) && stagesOf(lastCold).length) {
    lines.push("", `**Where the cold build's time goes** (its last timed run, ${seconds(lastCold!.wallSeconds)} s):`, "", stagesTable(stagesOf(lastCold), lastCold!.wallSeconds));
  }
  if (report.profile) {
    const { summary, wallSeconds, command } = report.profile;
    lines.push(
      "",
      `**Where the cold build's CPU time goes:** one more cold build, \`${command}\` (${seconds(wallSeconds)} s wall with the profiler on), ` +
        `sampled on all ${summary.threads} threads: ${seconds(summary.cpuSeconds)} s of CPU, idle time left out.`,
      "",
      profileTable(summary),
    );
  }
  const rebuilds = report.rebuild?.runs.filter((m) => m.ok) ?? [];
  // The run nearest the median (of two, the faster).
  const middle = rebuilds.length ? median(rebuilds.map((m) => m.wallSeconds)) : 0;
  const middleRebuild = [...rebuilds].sort((a, b) => Math.abs(a.wallSeconds - middle) - Math.abs(b.wallSeconds - middle) || a.wallSeconds - b.wallSeconds)[0];
  if (missed(REBUILD_TARGET) && stagesOf(middleRebuild).length) {
    const which = rebuilds.length % 2 ? "its median run" : "the run nearest its median";
    lines.push("", `**Where the rebuild's time goes** (${which}, ${seconds(middleRebuild!.wallSeconds)} s):`, "", stagesTable(stagesOf(middleRebuild), middleRebuild!.wallSeconds));
  }
  return lines;
}

export function markdownSection(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(`## ${report.count.toLocaleString("en-US")} articles`, "");
  lines.push(`Measured ${report.date} with \`${report.command}\` (seed \`${report.seed}\`, ${report.runs} run${report.runs === 1 ? "" : "s"} per tool, interleaved).`, "");
  lines.push(...report.machine.map((m) => `- ${m}`), `- Corpus: ${report.corpus}`, "");
  lines.push(summaryTable(report), "");
  const targets = targetsOf(report);
  if (targets.length) {
    const reference =
      report.count === 20_000 ? ""
      : report.count >= 100_000 ? " (the memory target is set for 100,000 articles, the others for 20,000: here, for reference)"
      : " (set for 20,000 articles: at this count, for reference)";
    lines.push(`**Targets**${reference}:`, "", targetsTable(targets), "");
  }
  lines.push("Every run, in the order they ran (wall seconds; load average when it started):", "");
  for (const result of report.results) {
    const runs = result.runs.map((m) => `${m.ok ? seconds(m.wallSeconds) : `failed (${failure(m)})`} (load ${m.loadAverage.toFixed(1)})`).join(", ");
    const processes = Math.max(...result.runs.map((m) => m.maxProcesses));
    const helpers = processes > 1 ? ` Ran up to ${processes} processes at once (the tool and helpers it spawns); peak RSS is their sum, ${mib(Math.max(...result.runs.map((m) => m.treePeakRssKiB ?? 0)))}.` : "";
    lines.push(`- ${TOOL_LABELS[result.tool]}: ${runs}; \`${result.command}\`.${helpers}`);
  }
  if (report.rebuild) {
    const ok = report.rebuild.runs.filter((m) => m.ok);
    const cpus = ok.flatMap((m) => (m.cpuSeconds === undefined ? [] : [m.cpuSeconds]));
    const text = ok.length
      ? `median ${seconds(median(ok.map((m) => m.wallSeconds)))} s wall${cpus.length ? `, ${seconds(median(cpus))} s CPU` : ""} ` +
        `(runs: ${report.rebuild.runs.map((m) => (m.ok ? `${seconds(m.wallSeconds)} s at load ${m.loadAverage.toFixed(1)}` : "failed")).join(", ")})`
      : `failed (${failure(report.rebuild.runs[0]!)})`;
    lines.push("", `**fabu rebuild after editing one article:** ${text}. ${report.rebuild.note}`);
  }
  if (report.devServer) {
    const { startSeconds, reloadSeconds } = report.devServer;
    lines.push(
      "",
      `**fabu serve, save to reload:** median ${seconds(median([...reloadSeconds]))} s (saves: ${reloadSeconds.map(seconds).join(", ")} s), ` +
        `from the server logging the rebuild after sending the reload; the first preview (a full build without the search index, ` +
        `\`.cache/\` kept from the runs above) took ${seconds(startSeconds)} s.`,
    );
  }
  lines.push(...whereTheTimeGoes(report, targets));
  if (report.notes.length) lines.push("", ...report.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

const HEADER = `# Benchmarks

How long fabu takes to build a realistic site, next to Hugo and plain Eleventy building the same articles.
Generated by \`npm run bench\` (\`scripts/bench.ts\`); each section below is replaced when the benchmark runs
again with the same article count.

**Method.** \`scripts/generate-corpus.ts\` writes N synthetic policy press releases (3,000–5,000 characters
each: \`##\` parts, quotations, \`——\` and numbered lists, quoted provisions; ten sections over 2006–2025;
about a quarter written in Traditional Chinese; about 1% drafts; every front matter field in use). The same
articles, with byte-identical Markdown bodies, are written as a fabu project, as a minimal Hugo site
(TOML front matter, dates with +08:00, layouts in \`scripts/bench/hugo-layouts/\`, no theme) and as a plain
Eleventy 3 project (markdown-it, Nunjucks, per-section collections, \`scripts/bench/eleventy-peer/\`). Each
builds article pages, one list page per section listing all its articles, and a home page with the latest
articles; related articles are resolved by id on each article page. The work differs in one way on
purpose: **fabu renders every article in both scripts (zh-Hans and zh-Hant, with conversion), so it writes
twice the article pages**, plus whatever other pages it makes (tag pages, per-script homes); the peers
render each article once, in the script it was written in. The table counts all HTML pages and, in
brackets, the article pages. "time vs Hugo" compares wall times, not pages per second.

The tools run one after another in the same session, interleaved (fabu, Hugo, Eleventy, fabu, …), each
into an emptied output folder (the corpus stays in the page cache, so these are warm-cache builds). Wall
time is measured around the process; CPU time (user + system, helper processes included) comes from GNU
\`time\` (\`%U %S\`); peak RSS is the larger of GNU time's \`%M\` (the largest single process, threads
included) and the peak of the whole process tree's resident memory polled from \`/proc\` every 200 ms (so a
helper process such as a search indexer counts). CPU time is the steadier figure on a shared machine: other
work running at the same time inflates wall times but not CPU times much. At 100,000 articles fabu runs
with \`NODE_OPTIONS=--max-old-space-size=2048\` (its target is 3 GB of RSS) and Eleventy with 3072.

Every fabu build in the table starts without \`.cache/\` (cold: nothing rendered or laid out before) and
without a search index (\`--no-search\`: the peers build none). The rebuild figure edits one article (appends a
paragraph), moves the output folder aside (it is deleted after the timed run: a CI runner has no output
folder to delete, and on this machine's disk tens of thousands of deletions slowed the next build's making
of folders by up to 15 s), flushes the disk and waits 5 s, and runs \`fabu build\` again with \`.cache/\`
kept, as a CI runner with the build cache restored does, then checks that the edit is on the page.

**Targets.** Each section checks fabu's targets against its own figures: a cold build no slower than Hugo's,
a one-article rebuild in at most 25% of Hugo's cold build and a reload at most 1 s after a save (all three
set for 20,000 articles), and a peak RSS of at most 3 GB at 100,000 articles. For a missed target it shows
where the time goes: the stages \`fabu build --timings\` printed in the timed run, and for the cold build
the CPU time of one more cold build run under \`node --cpu-prof\` (untimed: the profiler slows it), summed
over every thread and grouped by component (\`scripts/bench/profile.ts\`).
`;

const BLOCK = /<!-- bench:(\d+) -->\n[\s\S]*?<!-- \/bench:\1 -->\n?/g;

/** Writes `docs/benchmarks.md`: the fixed header, then this run's section and the kept sections of other counts. */
export function writeBenchmarksDoc(file: string, report: BenchReport): void {
  const blocks = new Map<number, string>();
  if (existsSync(file)) {
    for (const match of readFileSync(file, "utf8").matchAll(BLOCK)) blocks.set(Number(match[1]), match[0].trimEnd());
  }
  blocks.set(report.count, `<!-- bench:${report.count} -->\n${markdownSection(report)}\n<!-- /bench:${report.count} -->`);
  const body = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, text]) => text).join("\n\n");
  writeFileSync(file, `${HEADER}\n${body}\n`);
}
