/**
 * GFM tables only where the Markdown can have one.
 *
 * micromark tries the GFM table construct at the start of every paragraph
 * line and reads the whole line as a would-be header row before giving up,
 * which makes parsing Chinese prose (long one-line paragraphs) about a tenth
 * slower. A table needs a delimiter row, and micromark accepts a delimiter
 * row only when it has a `|`, or a `:` next to a `-` (`:-`, `-:`). Markdown
 * without any of these can be parsed without the construct: a failed attempt
 * leaves nothing behind, so the tree is the same.
 */
import type { Processor } from "unified";

/** Whether `markdown` has the characters any GFM table needs (see above). */
export function mayContainGfmTable(markdown: string): boolean {
  return markdown.includes("|") || markdown.includes(":-") || markdown.includes("-:");
}

interface Construct {
  readonly name?: string;
}

type ConstructMap = Record<string, Construct | readonly Construct[] | undefined>;
type SyntaxExtension = Record<string, ConstructMap | unknown>;
type SyntaxExtensions = readonly (SyntaxExtension | SyntaxExtensions)[];

/** `extension` without the construct named `table` among its flow constructs. */
function withoutTableConstruct(extension: SyntaxExtension): SyntaxExtension {
  const flow = extension["flow"] as ConstructMap | undefined;
  if (!flow) return extension;
  let found = false;
  const filtered: ConstructMap = {};
  for (const [code, value] of Object.entries(flow)) {
    const list = value === undefined ? [] : Array.isArray(value) ? (value as readonly Construct[]) : [value as Construct];
    const kept = list.filter((construct) => construct.name !== "table");
    if (kept.length !== list.length) found = true;
    filtered[code] = kept;
  }
  return found ? { ...extension, flow: filtered } : extension;
}

/** The plugin: `.use(remarkGfm).use(remarkWithoutGfmTables)` for Markdown that cannot have a table. */
export default function remarkWithoutGfmTables(this: Processor): undefined {
  const data = this.data();
  const visit = (list: SyntaxExtensions): SyntaxExtensions =>
    list.map((entry) => (Array.isArray(entry) ? visit(entry) : withoutTableConstruct(entry as SyntaxExtension)));
  if (data.micromarkExtensions) {
    data.micromarkExtensions = visit(data.micromarkExtensions as unknown as SyntaxExtensions) as unknown as typeof data.micromarkExtensions;
  }
  return undefined;
}
