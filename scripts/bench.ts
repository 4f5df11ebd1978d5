/**
 * Build benchmark: fabu against Hugo and plain Eleventy 3 on the same synthetic corpus.
 *
 *   npm run bench -- --count 4000 --runs 3
 *   npm run bench -- --count 20000 --runs 1
 *   npm run bench -- --count 100000 --runs 1 --tools fabu,hugo
 *
 * Generates the corpus into .cache/bench/<count>-<seed>/ (or reuses it when the generator has not changed),
 * runs the tools interleaved, times a fabu rebuild after editing one article, prints a Markdown report and
 * writes it into docs/benchmarks.md (one section per count). Not a test: it takes minutes.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { refreshLayouts, writeCorpus, type CorpusStats, type CorpusTargets } from "./bench/corpus/write.js";
import { measureDevServer } from "./bench/dev-server.js";
import { measure, type Measurement, type RunOptions } from "./bench/measure.js";
import { PROJECT_ROOT } from "./bench/paths.js";
import { countPages, pickArticleToEdit } from "./bench/corpus-output.js";
import { machineLines, tryText } from "./bench/machine.js";
import { readProfiles, summariseProfiles } from "./bench/profile.js";
import { STAGE_LINE } from "./bench/stages.js";
import { COLD_TARGET, evaluateTargets } from "./bench/targets.js";
import { failure, markdownSection, median, medianWall, okRuns, writeBenchmarksDoc, type BenchReport, type PageCount, type Tool, type ToolResult } from "./bench/report.js";

const USAGE = `Usage: npm run bench -- [--count N] [--runs R] [--seed S] [--tools fabu,hugo,eleventy]
                       [--rebuilds K] [--saves K] [--profile | --no-profile] [--regenerate] [--resume]
                       [--no-docs] [--timeout-minutes M]

  --count N            articles in the corpus (default 4000; e.g. 20000, 100000)
  --runs R             builds per tool, interleaved (default 3)
  --seed S             corpus seed (default 1)
  --tools LIST         which tools to run (default fabu,hugo,eleventy)
  --rebuilds K         timed fabu rebuilds after editing one article (default: runs, at most 3; 0 skips)
  --saves K            timed saves of one article under \`fabu serve\` (default 3; 0 skips)
  --profile            profile one more cold fabu build (node --cpu-prof, every thread) and report
                       its CPU time by component; done anyway when fabu misses the cold-build target
  --no-profile         never profile
  --regenerate         write the corpus again even if .cache/bench/<count>-<seed>/ is current
  --resume             keep the builds an interrupted run of the same corpus measured, run the rest
  --no-docs            print the report only; do not update docs/benchmarks.md
  --timeout-minutes M  stop a build that runs longer (default 120)`;

const log = (line: string) => console.error(`[bench] ${line}`);
const ALL_TOOLS: readonly Tool[] = ["fabu", "hugo", "eleventy"];
const CORPUS_MODULES = join(dirname(fileURLToPath(import.meta.url)), "bench", "corpus");

/** The generator's identity: a digest of its compiled modules, so a changed generator means a new corpus. */
function generatorDigest(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(CORPUS_MODULES).filter((n) => n.endsWith(".js")).sort()) {
    hash.update(name).update("\0").update(readFileSync(join(CORPUS_MODULES, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

interface Progress {
  readonly digest: string;
  readonly runs: { tool: Tool; run: number; measurement: Measurement; pages?: PageCount }[];
  readonly rebuilds: { measurement: Measurement; editSeen: boolean }[];
}

/**
 * Flushes the disk and gives it a few seconds before a timed rebuild: on this kind of virtual disk, tens of
 * thousands of just-deleted files (the peers' outputs) slowed the next build's making of folders by up to 15 s.
 */
function settleDisk(): void {
  execFileSync("sync");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
}

const SETTLE_MS = 5_000;

async function main(argv: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        count: { type: "string" },
        runs: { type: "string" },
        seed: { type: "string" },
        tools: { type: "string" },
        rebuilds: { type: "string" },
        saves: { type: "string" },
        profile: { type: "boolean" },
        "no-profile": { type: "boolean" },
        regenerate: { type: "boolean" },
        resume: { type: "boolean" },
        "no-docs": { type: "boolean" },
        "timeout-minutes": { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const count = Number(values.count ?? 4000);
  const runs = Number(values.runs ?? 3);
  const rebuilds = Number(values.rebuilds ?? Math.min(runs, 3));
  const timeoutSeconds = Number(values["timeout-minutes"] ?? 120) * 60;
  const seed = String(values.seed ?? "1");
  const tools = String(values.tools ?? ALL_TOOLS.join(",")).split(",").map((t) => t.trim()) as Tool[];
  if (![count, runs].every((n) => Number.isInteger(n) && n >= 1) || !Number.isInteger(rebuilds) || rebuilds < 0 || !(timeoutSeconds > 0)) {
    console.error(`bench: --count and --runs must be positive whole numbers, --rebuilds zero or more\n\n${USAGE}`);
    return 2;
  }
  const unknown = tools.filter((t) => !ALL_TOOLS.includes(t));
  if (unknown.length || !tools.length) {
    console.error(`bench: unknown tool(s) ${unknown.join(", ")}; choose from ${ALL_TOOLS.join(", ")}`);
    return 2;
  }
  const notes: string[] = [];
  if (tools.includes("hugo") && !tryText("hugo", ["version"])) {
    notes.push("Hugo is not installed (`apt-get install -y hugo`), so it was skipped.");
    tools.splice(tools.indexOf("hugo"), 1);
  }
  const command = `npm run bench -- ${argv.join(" ")}`.trim();

  // ---------------------------------------------------------------------------------------------- corpus
  const base = join(PROJECT_ROOT, ".cache", "bench", `${count}-${seed}`);
  const rel = (p: string) => relative(PROJECT_ROOT, p);
  const targets: Required<CorpusTargets> = { fabu: join(base, "fabu"), hugo: join(base, "hugo"), eleventy: join(base, "eleventy") };
  const stampFile = join(base, "corpus.json");
  const digest = generatorDigest();
  type Stamp = { digest: string; count: number; seed: string; stats: CorpusStats };
  let stamp: Stamp | undefined;
  try {
    stamp = JSON.parse(readFileSync(stampFile, "utf8")) as Stamp;
  } catch {
    stamp = undefined;
  }
  let generated: string;
  if (!values.regenerate && stamp && stamp.digest === digest && stamp.count === count && stamp.seed === seed && Object.values(targets).every((t) => existsSync(t))) {
    generated = `reused from \`${rel(base)}/\` (generated earlier in ${(stamp.stats.milliseconds / 1000).toFixed(1)} s)`;
    refreshLayouts(targets); // the project's templates/ and the peers' layouts may have changed since
    log(`reusing the corpus in ${rel(base)}/`);
  } else {
    log(`generating ${count} articles into ${rel(base)}/ …`);
    rmSync(stampFile, { force: true });
    const stats = await writeCorpus(count, seed, targets);
    stamp = { digest, count, seed, stats };
    writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
    generated = `generated in this run in ${(stats.milliseconds / 1000).toFixed(1)} s (all three formats)`;
    log(`generated in ${(stats.milliseconds / 1000).toFixed(1)} s`);
  }
  const s = stamp.stats;
  const corpus =
    `${s.articles.toLocaleString("en-US")} articles (${s.traditional.toLocaleString("en-US")} in Traditional, ${s.drafts} drafts), ` +
    `Markdown bodies of ${s.bodyChars.min.toLocaleString("en-US")}–${s.bodyChars.max.toLocaleString("en-US")} characters ` +
    `(${(s.bodyChars.total / 1e6).toFixed(1)} million in all); ${generated}`;

  // ----------------------------------------------------------------------------------------------- runs
  const out = (tool: Tool) => join(base, "out", tool);
  // At archive scale the Node tools get an explicit heap limit: fabu the one its 3 GB target allows for (the
  // rest of its memory is worker threads and buffers), Eleventy the most it needs not to run out.
  const heapMiB: Partial<Record<Tool, number>> = count >= 100_000 ? { fabu: 2048, eleventy: 3072 } : {};
  const envFor = (tool: Tool) => {
    const heap = heapMiB[tool];
    return heap ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${heap}`.trim() } : process.env;
  };
  for (const tool of tools) {
    const heap = heapMiB[tool];
    if (heap) notes.push(`${tool === "fabu" ? "fabu" : "Eleventy"} ran with \`NODE_OPTIONS=--max-old-space-size=${heap}\`.`);
  }
  const invocations: Record<Tool, readonly [string, readonly string[]]> = {
    // fabu and Hugo resolve --output / --destination against the project folder.
    // No search index: the peers build none. --timings: its stages are reported when a target is missed.
    fabu: [process.execPath, ["bin/fabu.js", "build", "--root", rel(targets.fabu), "--output", "../out/fabu", "--no-search", "--timings"]],
    hugo: ["hugo", ["--quiet", "--source", rel(targets.hugo), "--destination", "../out/hugo"]],
    eleventy: [process.execPath, ["node_modules/@11ty/eleventy/cmd.cjs", "--input", rel(targets.eleventy), "--output", rel(out("eleventy")), "--config", "scripts/bench/eleventy-peer/eleventy.config.js"]],
  };
  const shown = (tool: Tool) => {
    const [file, args] = invocations[tool];
    const prefix = heapMiB[tool] ? `NODE_OPTIONS=--max-old-space-size=${heapMiB[tool]} ` : "";
    return `${prefix}${file === process.execPath ? "node" : file} ${args.join(" ")}`;
  };
  const runOptions = (tool: Tool): RunOptions => ({ cwd: PROJECT_ROOT, env: envFor(tool), timeoutSeconds, keepLines: tool === "fabu" ? STAGE_LINE : undefined });
  const measured = new Map<Tool, Measurement[]>(tools.map((t) => [t, []]));
  const pages = new Map<Tool, PageCount>();
  // Progress is saved after every build, so that an interrupted benchmark can go on with --resume.
  const progressFile = join(base, "progress.json");
  let progress: Progress = { digest, runs: [], rebuilds: [] };
  if (values.resume) {
    try {
      const saved = JSON.parse(readFileSync(progressFile, "utf8")) as Progress;
      if (saved.digest === digest) progress = saved;
    } catch {
      // nothing saved: start from the beginning
    }
    log(`resuming: ${progress.runs.length} builds and ${progress.rebuilds.length} rebuilds already measured`);
  }
  const save = () => writeFileSync(progressFile, `${JSON.stringify(progress)}\n`);
  save();
  for (let run = 1; run <= runs; run++) {
    for (const tool of tools) {
      const done = progress.runs.find((r) => r.tool === tool && r.run === run);
      if (done) {
        measured.get(tool)!.push(done.measurement);
        if (done.pages) pages.set(tool, done.pages);
        continue;
      }
      rmSync(out(tool), { recursive: true, force: true });
      // A cold build: no render cache and no page store from an earlier run.
      if (tool === "fabu") rmSync(join(targets.fabu, ".cache"), { recursive: true, force: true });
      mkdirSync(dirname(out(tool)), { recursive: true });
      log(`run ${run}/${runs}: ${tool} …`);
      const [file, args] = invocations[tool];
      const m = await measure(file, args, runOptions(tool));
      measured.get(tool)!.push(m);
      if (m.ok) pages.set(tool, countPages(out(tool)));
      progress.runs.push({ tool, run, measurement: m, pages: m.ok ? pages.get(tool) : undefined });
      save();
      log(
        `run ${run}/${runs}: ${tool} ${m.ok ? "ok" : "FAILED"} in ${m.wallSeconds.toFixed(1)} s` +
          `${m.cpuSeconds !== undefined ? `, CPU ${m.cpuSeconds.toFixed(1)} s` : ""}${m.peakRssKiB ? `, peak RSS ${Math.round(m.peakRssKiB / 1024)} MiB` : ""}` +
          `${m.ok ? `, ${pages.get(tool)!.total} pages (${pages.get(tool)!.articles} article pages)` : `: ${failure(m)}\n${m.stderrTail.slice(-1500)}`}`,
      );
    }
  }
  const results: ToolResult[] = tools.map((tool) => ({ tool, command: shown(tool), runs: measured.get(tool)!, pages: pages.get(tool) }));

  // ------------------------------------------------------------------------------------ fabu rebuild
  let rebuild: BenchReport["rebuild"];
  const lastFabu = measured.get("fabu")?.at(-1);
  if (rebuilds > 0 && lastFabu?.ok) {
    const target = pickArticleToEdit(targets.fabu, out("fabu"));
    if (target) {
      const original = readFileSync(target.file, "utf8");
      const rebuildRuns: Measurement[] = progress.rebuilds.slice(0, rebuilds).map((r) => r.measurement);
      let seen = progress.rebuilds.slice(0, rebuilds).filter((r) => r.editSeen).length;
      const asides: string[] = [];
      try {
        if (rebuildRuns.length < rebuilds && !existsSync(target.page)) {
          // Resumed after the last build's output was lost: build once (untimed) so that the rebuild has an output to update.
          log("building once (untimed) to have an output to rebuild …");
          const [file, args] = invocations.fabu;
          await measure(file, args, runOptions("fabu"));
        }
        for (let k = rebuildRuns.length + 1; k <= rebuilds; k++) {
          const marker = `基准测试修改第${k}次`;
          writeFileSync(target.file, `${original}\n（${marker}：本段为计时重建而追加。）\n`);
          // As in CI: a fresh checkout (no output folder) with the build cache (.cache/) restored. The old
          // output is moved aside and deleted after the timed run: a CI runner deletes nothing first, and on
          // this machine's disk making folders slowed for a while after tens of thousands of deletions.
          const aside = `${out("fabu")}.before-rebuild-${k}`;
          rmSync(aside, { recursive: true, force: true });
          if (existsSync(out("fabu"))) renameSync(out("fabu"), aside);
          asides.push(aside);
          settleDisk();
          log(`rebuild ${k}/${rebuilds} after editing ${rel(target.file)} …`);
          const [file, args] = invocations.fabu;
          const m = await measure(file, args, runOptions("fabu"));
          rebuildRuns.push(m);
          const editSeen = m.ok && existsSync(target.page) && readFileSync(target.page, "utf8").includes(marker);
          if (editSeen) seen++;
          progress.rebuilds.push({ measurement: m, editSeen });
          save();
          log(`rebuild ${k}/${rebuilds}: ${m.ok ? "ok" : "FAILED"} in ${m.wallSeconds.toFixed(1)} s`);
        }
      } finally {
        writeFileSync(target.file, original);
        for (const aside of asides) rmSync(aside, { recursive: true, force: true });
      }
      // Compared in CPU time when there is one: it is what a shared machine skews least.
      const cost = (m: Measurement) => m.cpuSeconds ?? m.wallSeconds;
      const unit = rebuildRuns.every((m) => m.cpuSeconds !== undefined) ? "CPU time" : "wall time";
      const fullMedian = median(okRuns(results, "fabu").map(cost));
      const rebuildCosts = rebuildRuns.filter((m) => m.ok).map(cost);
      const share = rebuildCosts.length ? median(rebuildCosts) / fullMedian : undefined;
      const ratio =
        share === undefined ? ""
        : share > 0.6 ? ` In ${unit} that is ${(share * 100).toFixed(0)}% of a build into an empty folder: the rebuild redoes (nearly) everything.`
        : ` In ${unit} that is ${(share * 100).toFixed(0)}% of a build into an empty folder.`;
      rebuild = {
        runs: rebuildRuns,
        note: `Edited \`${rel(target.file)}\` and ran the same \`fabu build\` command with \`.cache/\` kept and no output folder, as a CI runner with the build cache restored would; the edit was on the rebuilt page in ${seen} of ${rebuilds} rebuilds.${ratio}`,
      };
    }
  }

  // ------------------------------------------------------------------------------------ dev server
  let devServer: BenchReport["devServer"];
  const saves = Number(values.saves ?? 3);
  const toEdit = lastFabu?.ok ? pickArticleToEdit(targets.fabu, out("fabu")) : undefined;
  if (saves > 0 && toEdit && tools.includes("fabu")) {
    log(`dev server: starting fabu serve, then ${saves} saves of ${rel(toEdit.file)} …`);
    try {
      devServer = await measureDevServer({ cwd: PROJECT_ROOT, projectRoot: rel(targets.fabu), articleFile: toEdit.file, saves, port: 18000 + (process.pid % 1000), timeoutSeconds, env: envFor("fabu") });
      log(`dev server: ready in ${devServer.startSeconds.toFixed(1)} s; save to reload ${devServer.reloadSeconds.map((s) => s.toFixed(2)).join(", ")} s`);
    } catch (error) {
      notes.push(`The dev-server measurement failed: ${(error as Error).message.split("\n")[0]}`);
    }
  }

  // ------------------------------------------------------------------------------------ profile
  let profile: BenchReport["profile"];
  const fabuRuns = okRuns(results, "fabu");
  const coldMissed = evaluateTargets({ count, fabuWall: medianWall(fabuRuns), hugoWall: medianWall(okRuns(results, "hugo")) }).some((row) => row.target === COLD_TARGET && !row.met);
  if (fabuRuns.length > 0 && !values["no-profile"] && (values.profile || coldMissed)) {
    // Last: it starts without .cache/, which the rebuilds and the dev server above needed.
    const dir = join(base, "profile");
    for (const stale of [dir, join(targets.fabu, ".cache"), out("fabu")]) rmSync(stale, { recursive: true, force: true });
    log("profiling one more cold fabu build …");
    const [file, args] = invocations.fabu;
    const profilerFlags = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
    const m = await measure(file, [...profilerFlags, ...args], runOptions("fabu"));
    try {
      if (m.ok) profile = { summary: summariseProfiles(readProfiles(dir)), wallSeconds: m.wallSeconds, command: `node ${[...profilerFlags.slice(0, 1), ...args].join(" ")}` };
      else notes.push(`The profiled build failed: ${failure(m)}`);
    } catch (error) {
      // A profile cut short must not cost the report of the runs above.
      notes.push(`The profiled build's profiles could not be read: ${(error as Error).message.split("\n")[0]}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const maxLoad = Math.max(...[...measured.values()].flat().map((m) => m.loadAverage), loadavg()[0]!);
  if (maxLoad > availableParallelism() * 0.75) {
    notes.push(`Other work was running on this machine during the benchmark (1-minute load average up to ${maxLoad.toFixed(1)} on ${availableParallelism()} CPUs), so wall times are inflated and noisy; compare CPU times.`);
  }

  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    command,
    count,
    seed,
    runs,
    machine: machineLines(),
    corpus,
    results,
    rebuild,
    devServer,
    profile,
    notes,
  };
  console.log(markdownSection(report));
  if (!values["no-docs"]) {
    writeBenchmarksDoc(join(PROJECT_ROOT, "docs", "benchmarks.md"), report);
    log("updated docs/benchmarks.md");
  }
  return results.every((r) => r.runs.some((m) => m.ok)) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
