/**
 * One synthetic article: front matter fields and a Markdown body of 3,000–5,000 characters in the register
 * of a policy press release (lead, background, `##` parts with prose, quotations, 一是……二是……, `——` lists,
 * numbered lists, a quoted provision now and then, a closing 下一步……). Pure function of (plan, index).
 */
import { GLOSSARY_RULES } from "./banks.js";
import { moment, type Moment, type Plan } from "./plan.js";
import { forItem, type Rng } from "./prng.js";
import { bankSets, draw, fill, type BankSet, type FillContext, type Script, type Template } from "./text.js";

export interface GeneratedArticle {
  readonly index: number;
  /** The id as written; `idIsText` when it has a leading zero and must be quoted in YAML. */
  readonly id: string;
  readonly idIsText: boolean;
  readonly section: string;
  readonly script: Script;
  /** Whether `lang:` is written out (it is optional for the default script). */
  readonly writeLang: boolean;
  readonly title: string;
  readonly subtitle?: string;
  readonly kicker?: string;
  readonly date: Moment;
  readonly updated?: Moment;
  /** Omitted when the article relies on the site's default source. */
  readonly source?: string;
  readonly byline: string | readonly string[];
  readonly editor: string;
  readonly tags: readonly string[];
  readonly related: readonly { readonly id: string; readonly isText: boolean; readonly section: string }[];
  readonly summary?: string;
  readonly draft: boolean;
  readonly glossary?: readonly { readonly hans: string; readonly hant: string }[];
  readonly body: string;
}

const MIN_BODY = 3000;
const MAX_BODY = 5000;

function weightedSource(rng: Rng, bank: BankSet) {
  const total = bank.sources.reduce((sum, s) => sum + s.share, 0);
  let pick = rng.next() * total;
  for (const source of bank.sources) {
    pick -= source.share;
    if (pick < 0) return source;
  }
  return bank.sources[0]!;
}

function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const out: T[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 6; attempt++) {
    const item = rng.pick(items);
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

/** Sentences joined into one paragraph. */
function prose(ctx: FillContext, sentences: number): string {
  let out = "";
  for (let i = 0; i < sentences; i++) out += fill(draw(ctx, ctx.bank.sentences), ctx);
  return out;
}

/** Ends a list item with ； or, for the last one, 。 */
const listEnd = (i: number, n: number) => (i === n - 1 ? "。" : "；");

type BlockKind = "prose" | "quote" | "enum" | "dash" | "numbered" | "blockquote";

function block(kind: BlockKind, ctx: FillContext): string {
  const { rng, bank } = ctx;
  switch (kind) {
    case "prose": {
      const text = prose(ctx, rng.int(3, 5));
      // Now and then the paragraph ends on a bold sentence, as releases stress a key figure.
      return rng.chance(0.1) ? `${text}**${fill(draw(ctx, bank.sentences), ctx)}**` : text;
    }
    case "quote":
      return fill(draw(ctx, bank.quoteParas), ctx);
    case "enum": {
      ctx.points = rng.int(3, 5);
      let text = fill(rng.pick(bank.enumIntros), ctx);
      for (let i = 0; i < ctx.points; i++) text += `${bank.numeral(i + 1)}是${fill(draw(ctx, bank.measures), ctx)}${listEnd(i, ctx.points)}`;
      return text;
    }
    case "dash": {
      const n = rng.int(3, 5);
      const lines = [fill(rng.pick(bank.listIntros), ctx)];
      for (let i = 0; i < n; i++) lines.push(`——${fill(draw(ctx, bank.dashLines), ctx)}${listEnd(i, n)}`);
      return lines.join("\n\n");
    }
    case "numbered": {
      const n = rng.int(3, 6);
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(`${i + 1}. ${fill(draw(ctx, bank.provisions), ctx)}${listEnd(i, n)}`);
      return `${fill(rng.pick(bank.provisionIntros), ctx)}\n\n${items.join("\n")}`;
    }
    case "blockquote": {
      const article = bank.numeral(rng.int(1, 60));
      const lines = [`> 第${article}${bank.script === "zh-Hans" ? "条" : "條"}　${fill(draw(ctx, bank.provisions), ctx)}。`];
      if (rng.chance(0.4)) lines.push(">", `> ${fill(draw(ctx, bank.provisions), ctx)}。`);
      return `${fill(rng.pick(bank.quoteIntros), ctx)}\n\n${lines.join("\n")}\n\n${fill(rng.pick(bank.afterQuotes), ctx)}`;
    }
  }
}

const BLOCK_WEIGHTS: readonly [BlockKind, number][] = [
  ["prose", 10],
  ["quote", 3],
  ["enum", 1.2],
  ["dash", 1],
  ["numbered", 1],
  ["blockquote", 0.7],
];
const TOTAL_WEIGHT = BLOCK_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

function pickBlock(rng: Rng, used: Set<BlockKind>): BlockKind {
  for (;;) {
    let pick = rng.next() * TOTAL_WEIGHT;
    let kind: BlockKind = "prose";
    for (const [k, w] of BLOCK_WEIGHTS) {
      pick -= w;
      if (pick < 0) {
        kind = k;
        break;
      }
    }
    // Lists and quoted provisions at most once per article; prose and quotations as often as drawn.
    if (kind === "prose" || kind === "quote" || !used.has(kind)) {
      used.add(kind);
      return kind;
    }
  }
}

function lawShortForm(bank: BankSet, law: string): string {
  for (const [suffix, short] of bank.lawShortForms) if (law.endsWith(suffix)) return short;
  return bank.lawShortForms[0]![1];
}

function composeBody(ctx: FillContext, headings: readonly Template[]): string {
  const { rng, bank } = ctx;
  const target = rng.int(MIN_BODY + 250, MAX_BODY - 600);
  const paragraphs: string[] = [];
  let length = 0;
  const add = (text: string) => {
    paragraphs.push(text);
    length += text.length + 2;
  };
  add(fill(rng.pick(bank.leads), ctx) + prose(ctx, rng.int(1, 2)));
  add(rng.chance(0.35) ? fill(draw(ctx, bank.quoteParas), ctx) : prose(ctx, rng.int(2, 3)));
  const usedHeadings = new Set<Template>();
  const usedBlocks = new Set<BlockKind>();
  while (length < target) {
    let heading = rng.pick(headings);
    for (let tries = 0; usedHeadings.has(heading) && tries < 8; tries++) heading = rng.pick(headings);
    usedHeadings.add(heading);
    add(`## ${fill(heading, ctx)}`);
    const blocks = rng.int(3, 6);
    for (let b = 0; b < blocks && length < target; b++) add(block(pickBlock(rng, usedBlocks), ctx));
  }
  add(fill(rng.pick(bank.closings), ctx));
  if (rng.chance(0.08)) add(fill(bank.linkLine, ctx));
  let body = `${paragraphs.join("\n\n")}\n`;
  // Keep within the promised 3,000–5,000 characters: top up with prose, or drop trailing blocks.
  while (body.length < MIN_BODY) body = `${body.slice(0, -1)}\n\n${prose(ctx, 3)}\n`;
  while (body.length > MAX_BODY && paragraphs.length > 4) {
    paragraphs.splice(paragraphs.length - 2, 1);
    body = `${paragraphs.join("\n\n")}\n`;
  }
  return body;
}

/** Generates article `index` of the plan. Deterministic: depends only on the plan's seed and the index. */
export function generateArticle(plan: Plan, index: number): GeneratedArticle {
  const { hans, hant } = bankSets();
  const script: Script = plan.hant[index] ? "zh-Hant" : "zh-Hans";
  const bank = script === "zh-Hans" ? hans : hant;
  const rng = forItem(plan.seed, "text", index);
  const section = bank.sections[plan.section[index]!]!;
  const date = moment(plan.minutes[index]!);
  const topic = rng.pick(section.topics);
  const place = rng.pick(bank.places);
  const ctx: FillContext = {
    rng,
    bank,
    section,
    topic,
    topicPlain: bank.stripQuotes(topic),
    agency: rng.chance(0.75) ? rng.pick(section.agencies) : rng.pick(bank.nationalAgencies),
    place,
    localDept: rng.pick(section.localDepts),
    person: rng.pick(bank.surnames) + rng.pick(bank.givenNames),
    year: date.year,
    month: date.month,
    day: date.day,
    law: "",
    lawShort: "",
    points: 3,
    placeUses: 0,
    decks: new Map(),
  };
  ctx.law = fill(rng.pick(bank.laws), ctx);
  ctx.lawShort = lawShortForm(bank, ctx.law);

  const title = fill(rng.pick(bank.titles), ctx);
  const subtitle = rng.chance(0.35) ? fill(rng.pick(bank.subtitles), ctx) : undefined;
  const kicker = rng.chance(subtitle ? 0.12 : 0.4) ? fill(rng.pick(bank.kickers), ctx) : undefined;
  const updated = rng.chance(0.15) ? moment(plan.minutes[index]! + rng.int(20, 3 * 1440)) : undefined;
  const source = weightedSource(rng, bank);
  const isDefaultSource = source === bank.sources[0];
  const reporter = () => `${source.reporter} ${rng.pick(bank.surnames)}${rng.pick(bank.givenNames)}`;
  const byline = rng.chance(0.15) ? Array.from({ length: rng.int(2, 3) }, reporter) : reporter();
  const tags = [...new Set([...pickDistinct(rng, section.tags, rng.int(1, 3)), ...(rng.chance(0.4) ? [rng.pick(bank.generalTags)] : [])])];
  const summary = rng.chance(0.15) ? fill(rng.pick(bank.summaries), ctx) : undefined;
  const glossary = index % 29 === 3 ? pickDistinct(rng, GLOSSARY_RULES, rng.int(1, 2)) : undefined;
  const headings = [...section.headings, ...bank.extraHeadings];
  ctx.placeUses = 0; // the body names the place in full first, whatever the headline and summary did
  const body = composeBody(ctx, headings);

  const id = plan.ids[index]!;
  return {
    index,
    id,
    idIsText: id.startsWith("0"),
    section: section.key,
    script,
    writeLang: script === "zh-Hant" || rng.chance(0.7),
    title,
    subtitle,
    kicker,
    date,
    updated,
    source: isDefaultSource && rng.chance(0.5) ? undefined : source.name,
    byline,
    editor: rng.pick(bank.editors),
    tags,
    related: plan.related[index]!.map((r) => ({ id: plan.ids[r]!, isText: plan.ids[r]!.startsWith("0"), section: bank.sections[plan.section[r]!]!.key })),
    summary,
    draft: plan.draft[index] === 1,
    glossary,
    body,
  };
}
