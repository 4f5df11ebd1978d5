/**
 * Per-article rendering benchmark: what the build does for every article —
 * Markdown → hast once, then for each of the two scripts convertTree and
 * hast-util-to-html — on a realistic ~4,000-character press release, with two
 * references measured on the same text in the same loop: opencc-js's own
 * cn→tw converter, and plain unified (remark-parse → remark-rehype →
 * hast-util-to-html).
 *
 *   npm run bench:render [-- --iterations N --batches B --chars C]
 *
 * Each iteration renders the article once and runs each reference once, so
 * load from other processes falls on all of them alike. Per-step figures are
 * medians and 90th percentiles of single calls; articles per second comes
 * from timing batches of whole articles, so garbage collection is included.
 */
import { toHtml } from "hast-util-to-html";
import * as OpenCC from "opencc-js";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { VFile } from "vfile";
import { POLICY_SENTENCES } from "../convert/bench.js";
import type { GlossaryEntry } from "../convert/index.js";
import { createRenderContext } from "./render-settings.js";


const HEADINGS = ["建立部际协调工作机制", "杜绝借扶贫旗号敛财牟利", "进一步弥补城乡数字鸿沟", "加强组织保障"];

/** A fixed pseudo-random sequence, so every run measures the same article. */
function sentencePicker(): () => string {
  let state = 0x2545f491;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return POLICY_SENTENCES[(state >>> 8) % POLICY_SENTENCES.length]!;
  };
}

/**
 * A press release of about `length` characters: a lead with a law title in bold and an internal
 * link, ——-led points, quoted statements, `##` sections, a list, a table, external and bare links.
 * With `prose`, the table and the paragraph of links are left out (and more prose fills in).
 */
export function sampleArticle(length = 4000, prose = false): string {
  const next = sentencePicker();
  const blocks: string[] = [
    `近日，国务院办公厅印发**《数字乡村发展战略纲要》**实施方案（以下简称《方案》），${next()}[详见此前报道](/fazhi-zhengfu/8355537/)。`,
    `——${next()}`,
    `——${next()}`,
    `——${next()}`,
    `“${next()}${next()}”中央网信办有关负责人指出，${next()}`,
  ];
  let section = 0;
  const fixed = [
    `- ${next()}\n- ${next()}\n- 推进*网络扶贫*与数字乡村建设有效衔接。\n- ${next()}`,
    "| 指标 | 2019年 | 2020年 |\n| --- | ---: | ---: |\n| 贫困村通光纤比例 | 70% | 98% |\n| 农村网络零售额（万亿元） | 1.7 | 1.79 |\n| 基础金融服务覆盖率 | 95.6% | 99.2% |",
    `全文详见[中国政府网](https://www.gov.cn/zhengce/content/2020-11/13/content_5561234.htm)，政策解读详见https://www.gov.cn/zhengce/jiedu/，欢迎社会各界提出意见建议。`,
  ];
  if (prose) fixed.splice(1, 2);
  const length_ = () => blocks.join("\n\n").length;
  while (length_() < length) {
    if (section < HEADINGS.length && (blocks.length - 5) % 4 === 0) blocks.push(`## ${HEADINGS[section++]}`);
    const special = fixed.shift();
    if (special) blocks.push(special);
    blocks.push(blocks.length % 2 === 0 ? `${next()}“${next().slice(0, 20)}”${next()}` : next() + next());
  }
  return `${blocks.join("\n\n")}\n`;
}

const GLOSSARY: readonly GlossaryEntry[] = [
  { "zh-Hans": "数字乡村发展战略纲要", "zh-Hant": "數字鄉村發展戰略綱要" },
  { "zh-Hans": "中央网信办", "zh-Hant": "中央網信辦" },
  { "zh-Hans": "国务院扶贫办", "zh-Hant": "國務院扶貧辦" },
];

export interface BenchOptions {
  readonly iterations: number;
  readonly batches: number;
  readonly batchSize: number;
  readonly chars: number;
  /** 1: the article without its table and its paragraph of URLs (plain prose, like most press releases). */
  readonly prose: number;
}

export interface Stat {
  readonly name: string;
  /** Process CPU time (user + system), ms: what one idle core would take; robust against other load. */
  readonly cpu: { readonly median: number; readonly p90: number };
  /** Wall-clock time, ms. */
  readonly wall: { readonly median: number; readonly p90: number };
}

export interface BenchResult {
  readonly chars: number;
  readonly iterations: number;
  readonly steps: readonly Stat[];
  readonly references: readonly Stat[];
  /** Whole articles (parse + both conversions + both serialisations) per CPU second and per wall second, batch medians. */
  readonly articlesPerSecond: { readonly cpu: number; readonly wall: number };
  readonly plainUnifiedPerSecond: { readonly cpu: number; readonly wall: number };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** A moment on both clocks, in milliseconds. */
interface Stamp {
  readonly wall: number;
  readonly cpu: number;
}

function stamp(): Stamp {
  const wall = performance.now();
  const { user, system } = process.cpuUsage();
  return { wall, cpu: (user + system) / 1000 };
}

class Samples {
  readonly cpu: number[] = [];
  readonly wall: number[] = [];

  add(from: Stamp, to: Stamp): void {
    this.cpu.push(to.cpu - from.cpu);
    this.wall.push(to.wall - from.wall);
  }

  stat(name: string): Stat {
    return {
      name,
      cpu: { median: quantile(this.cpu, 0.5), p90: quantile(this.cpu, 0.9) },
      wall: { median: quantile(this.wall, 0.5), p90: quantile(this.wall, 0.9) },
    };
  }
}

export function runRenderBenchmark(options: BenchOptions): BenchResult {
  const markdown = sampleArticle(options.chars, options.prose === 1);
  const context = createRenderContext({
    siteUrl: "https://example.gov.cn/",
    maxNestingDepth: 64,
    maxFileBytes: 2 * 1024 * 1024,
    traditional: "tw",
    glossary: GLOSSARY,
    quotes: true,
    defaultSource: "法治日报——法制网",
  });
  const same = context.converterFor("zh-Hans", "zh-Hans");
  const toTraditional = context.converterFor("zh-Hans", "zh-Hant");
  const convertOptions = { quotes: context.quotes };
  const opencc = OpenCC.Converter({ from: "cn", to: "tw" });
  const plain = unified().use(remarkParse).use(remarkRehype).freeze();

  const renderOnce = (): number => {
    const tree = context.toHast(markdown, new VFile({ value: markdown }));
    let length = 0;
    for (const converter of [same, toTraditional]) length += toHtml(context.convertTree(tree, converter, convertOptions)).length;
    return length;
  };
  const plainOnce = (): number => toHtml(plain.runSync(plain.parse(markdown))).length;

  const names = ["parse (toHast)", "convertTree zh-Hans→zh-Hans", "convertTree zh-Hans→zh-Hant", "toHtml zh-Hans", "toHtml zh-Hant", "total per article"];
  const referenceNames = ["opencc-js cn→tw, whole Markdown text", "plain unified parse+toHtml"];
  const samples = names.map(() => new Samples());
  const referenceSamples = referenceNames.map(() => new Samples());

  for (let warmUp = 0; warmUp < 200; warmUp += 1) {
    renderOnce();
    opencc(markdown);
    plainOnce();
  }

  let sink = 0;
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    const t0 = stamp();
    const tree = context.toHast(markdown, new VFile({ value: markdown }));
    const t1 = stamp();
    const hans = context.convertTree(tree, same, convertOptions);
    const t2 = stamp();
    const hant = context.convertTree(tree, toTraditional, convertOptions);
    const t3 = stamp();
    sink += toHtml(hans).length;
    const t4 = stamp();
    sink += toHtml(hant).length;
    const t5 = stamp();
    const steps: [Stamp, Stamp][] = [[t0, t1], [t1, t2], [t2, t3], [t3, t4], [t4, t5], [t0, t5]];
    steps.forEach(([from, to], index) => samples[index]!.add(from, to));

    const r0 = stamp();
    sink += opencc(markdown).length;
    const r1 = stamp();
    sink += plainOnce();
    const r2 = stamp();
    referenceSamples[0]!.add(r0, r1);
    referenceSamples[1]!.add(r1, r2);
  }

  const rates = new Samples();
  const plainRates = new Samples();
  const perSecond = (from: Stamp, to: Stamp): [Stamp, Stamp] => [
    { wall: 0, cpu: 0 },
    { wall: options.batchSize / ((to.wall - from.wall) / 1000), cpu: options.batchSize / ((to.cpu - from.cpu) / 1000) },
  ];
  for (let batch = 0; batch < options.batches; batch += 1) {
    let start = stamp();
    for (let k = 0; k < options.batchSize; k += 1) sink += renderOnce();
    rates.add(...perSecond(start, stamp()));
    start = stamp();
    for (let k = 0; k < options.batchSize; k += 1) sink += plainOnce();
    plainRates.add(...perSecond(start, stamp()));
  }
  if (sink < 0) console.log(sink);

  return {
    chars: markdown.length,
    iterations: options.iterations,
    steps: names.map((name, index) => samples[index]!.stat(name)),
    references: referenceNames.map((name, index) => referenceSamples[index]!.stat(name)),
    articlesPerSecond: { cpu: quantile(rates.cpu, 0.5), wall: quantile(rates.wall, 0.5) },
    plainUnifiedPerSecond: { cpu: quantile(plainRates.cpu, 0.5), wall: quantile(plainRates.wall, 0.5) },
  };
}

export function formatRenderBenchmark(result: BenchResult, options: BenchOptions): string {
  const ms = (value: number) => value.toFixed(3).padStart(10);
  const row = (stat: Stat) => `${stat.name.padEnd(38)}${ms(stat.cpu.median)}${ms(stat.cpu.p90)}   ${ms(stat.wall.median)}${ms(stat.wall.p90)}`;
  const rate = (value: { cpu: number; wall: number }) => `${value.cpu.toFixed(0)} per CPU second, ${value.wall.toFixed(0)} per wall second`;
  return [
    `One article of ${result.chars} characters of Markdown${options.prose === 1 ? " (prose: no table, no URLs)" : ""}; ` +
      `${result.iterations} interleaved iterations; ` +
      `throughput from ${options.batches} batches of ${options.batchSize} (GC included).`,
    `${"milliseconds".padEnd(38)}${"CPU median".padStart(10)}${"CPU p90".padStart(10)}   ${"wall median".padStart(10)}${"wall p90".padStart(10)}`,
    ...result.steps.map(row),
    "references (same text, same loop):",
    ...result.references.map(row),
    `articles (both scripts) on one core: ${rate(result.articlesPerSecond)}`,
    `plain unified on one core:           ${rate(result.plainUnifiedPerSecond)}`,
  ].join("\n");
}

export function parseBenchArguments(args: readonly string[]): BenchOptions {
  const options = { iterations: 2000, batches: 15, batchSize: 100, chars: 4000, prose: 0 };
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index]?.replace(/^--/, "");
    const value = Number(args[index + 1]);
    if (!name || !(name in options) || !Number.isInteger(value) || value < (name === "prose" ? 0 : 1)) {
      throw new Error(`Usage: bench-render [--iterations N] [--batches B] [--batchSize S] [--chars C] [--prose 0|1]`);
    }
    options[name as keyof typeof options] = value;
  }
  return options;
}
