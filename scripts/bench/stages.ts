/** Where a fabu build's wall time went, from the stage lines `fabu build --timings` prints on stderr. */

/** "fabu: render 86513 ms"; a stage's parts are indented by two more spaces ("fabu:   page keys 2741 ms"). */
export const STAGE_LINE = /^fabu: ( *)(\S.*?) (\d+) ms$/;

export interface Stage {
  readonly name: string;
  readonly seconds: number;
  /** 0 for a stage of the build, 1 for a part of the stage that follows it. */
  readonly depth: number;
}

export function parseStages(lines: readonly string[]): Stage[] {
  return lines.flatMap((line) => {
    const match = STAGE_LINE.exec(line);
    return match ? [{ name: match[2]!, seconds: Number(match[3]) / 1000, depth: Math.floor(match[1]!.length / 2) }] : [];
  });
}

/** A Markdown table of the stages, each with its share of the build's wall time; parts are shown under their stage. */
export function stagesTable(stages: readonly Stage[], wallSeconds: number): string {
  const rows = ["| stage (`fabu build --timings`) | wall (s) | share of the build |", "|---|---:|---:|"];
  // The build prints a stage's parts before the stage itself (it ends after them): list them under it.
  let parts: Stage[] = [];
  for (const stage of stages) {
    if (stage.depth > 0) {
      parts.push(stage);
      continue;
    }
    rows.push(row(stage.name, stage.seconds, wallSeconds));
    for (const part of parts) rows.push(row(`· ${part.name}`, part.seconds, wallSeconds));
    parts = [];
  }
  for (const part of parts) rows.push(row(`· ${part.name}`, part.seconds, wallSeconds));
  return rows.join("\n");
}

function row(name: string, seconds: number, wallSeconds: number): string {
  return `| ${name} | ${seconds.toFixed(1)} | ${wallSeconds > 0 ? `${Math.round((100 * seconds) / wallSeconds)}%` : "–"} |`;
}
