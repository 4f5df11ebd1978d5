/**
 * `fabu check --format github`: problems as GitHub Actions workflow commands, which GitHub shows as
 * annotations on the pull request's diff (on the changed lines) and in the run summary.
 *
 *   ::error file=content/a/1.md,line=3,col=8,title=fabu invalid-date::"date" is not a date: …
 *
 * Escaping follows the runner (actions/toolkit `command.ts`): in the message `%`, `\r`, `\n`; in properties
 * also `:` and `,`.
 */
import type { ContentProblem } from "../content/problems.js";

export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One problem as a workflow command: `::error …` for errors, `::warning …` for warnings. */
export function toGithubAnnotation(problem: ContentProblem): string {
  const command = problem.severity === "warning" ? "warning" : "error";
  const properties = [
    ["file", problem.file],
    ["line", String(problem.line)],
    ["col", String(problem.column)],
    ["title", `fabu ${problem.rule}`],
  ]
    .map(([key, value]) => `${key}=${escapeProperty(value!)}`)
    .join(",");
  return `::${command} ${properties}::${escapeData(problem.message)}`;
}

/**
 * Changed lines per file from `git diff --unified=0` output (new-side line numbers), to keep only the
 * warnings a pull request introduced; errors should be reported wherever they are.
 */
export function changedLinesFromDiff(diff: string): Map<string, Set<number>> {
  const changed = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const path = line.slice(4).trim();
      if (path === "/dev/null") {
        current = undefined;
        continue;
      }
      const name = path.replace(/^"?b\//, "").replace(/"$/, "");
      current = changed.get(name) ?? new Set<number>();
      changed.set(name, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n += 1) current.add(n);
    }
  }
  return changed;
}

/** Errors everywhere, warnings only on changed lines. */
export function problemsForPullRequest(problems: readonly ContentProblem[], changed: ReadonlyMap<string, ReadonlySet<number>>): ContentProblem[] {
  return problems.filter((problem) => problem.severity === "error" || changed.get(problem.file)?.has(problem.line));
}
