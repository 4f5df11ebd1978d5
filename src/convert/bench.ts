/**
 * Benchmark: our converter against plain opencc-js on a few hundred KB of
 * policy prose, both directions, whole text and paragraph by paragraph (how
 * pages are converted), plus the time to build each converter.
 *
 * Run after compiling: `npm run bench:convert`
 * (or `npx --yes tsx scripts/bench-convert.ts` without compiling).
 */
import * as OpenCC from "opencc-js";
import { pathToFileURL } from "node:url";
import { createConverter } from "./converter-set.js";

/** Sentences of policy prose (also used by the render benchmark). */
export const POLICY_SENTENCES = [
  "为深入贯彻落实党中央、国务院关于推动高质量发展的决策部署，进一步增强内生发展动力，现就有关事项通知如下。",
  "各地区各部门要坚持以人民为中心的发展思想，统筹发展和安全，着力解决群众急难愁盼问题。",
  "国家卫生健康委员会发布了关于加强基层医疗卫生服务体系建设的指导意见，提出到2025年基本建成优质高效的整合型医疗卫生服务体系。",
  "财政部、税务总局联合印发通知，对符合条件的小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税。",
  "会议强调，要加快构建新发展格局，着力推动高质量发展，坚持稳中求进工作总基调。",
  "各级领导干部要带头干事创业，保持环境干净整洁，任何组织和个人不得干预司法活动。",
  "打通服务群众的最后一公里，此后三年内完成老旧小区改造任务，城市里的公共空间将全面开放。",
  "一只只候鸟飞过湿地保护区，渔港内停泊各类船只两百余艘，养殖场存栏蛋鸡三万只。",
  "理顺中央与地方的关系，建立健全联系群众制度，完善国家治理体系，维系社会大局稳定。",
  "全面推进面粉加工企业转型升级，方便面、挂面等食品纳入抽检范围，面对面听取群众意见。",
  "推动企业有序复工复产，情况复杂的要反复研究论证，对群众来信及时答复，避免重复建设。",
  "公开征求意见，依法征收集体土地并给予公平合理补偿，弘扬长征精神，奋进新征程。",
  "有效应对外部冲击，化解矛盾冲突，规范行政执法行为，扩大试点范围，建设一批示范区。",
  "做好防御台风各项准备，出台相关配套政策，搭建公共服务平台，加强两岸同胞交流合作。",
  "学生发展核心素养框架正式发布，卫生发展规划明确了民生发展的重点任务和保障措施。",
  "坚持把发展经济的着力点放在实体经济上，推进新型工业化，加快建设制造强国、质量强国。",
  "实施乡村振兴战略，巩固拓展脱贫攻坚成果，确保粮食安全，稳住农业基本盘。",
  "深化“放管服”改革，优化营商环境，激发市场主体活力，着力稳定和扩大就业。",
  "加强生态环境保护，推动绿色低碳发展，积极稳妥推进碳达峰碳中和。",
  "完善社会保障体系，健全多层次医疗保障制度，推进基本养老保险全国统筹。",
];

const TARGET_LENGTH = 300_000;
const ROUNDS = 9;
const PARAGRAPH_LENGTH = 200;

/** A fixed pseudo-random shuffle, so every run measures the same text. */
function policyProse(length: number): string {
  let state = 0x2545f491;
  let text = "";
  while (text.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += POLICY_SENTENCES[state % POLICY_SENTENCES.length];
  }
  return text;
}

function paragraphsOf(text: string): string[] {
  const paragraphs: string[] = [];
  for (let start = 0; start < text.length; start += PARAGRAPH_LENGTH) paragraphs.push(text.slice(start, start + PARAGRAPH_LENGTH));
  return paragraphs;
}

function timed<T>(work: () => T): { value: T; milliseconds: number } {
  const start = performance.now();
  const value = work();
  return { value, milliseconds: performance.now() - start };
}

/**
 * Characters per second of each converter over `inputs`: the best of several rounds, the
 * converters taking turns, so that other load on the machine penalises both alike and a
 * round disturbed by it does not count.
 */
function throughputs(converters: readonly ((text: string) => string)[], inputs: readonly string[], rounds = ROUNDS): number[] {
  const characters = inputs.reduce((sum, input) => sum + input.length, 0);
  for (const convert of converters) for (let warmUp = 0; warmUp < 2; warmUp += 1) inputs.forEach((input) => convert(input));
  const best = converters.map(() => 0);
  for (let round = 0; round < rounds; round += 1) {
    converters.forEach((convert, index) => {
      const { milliseconds } = timed(() => inputs.forEach((input) => convert(input)));
      best[index] = Math.max(best[index]!, characters / (milliseconds / 1000));
    });
  }
  return best;
}

export interface BenchmarkRow {
  readonly direction: string;
  readonly converter: "opencc-js" | "fabu";
  readonly buildMilliseconds: number;
  readonly wholeTextCharsPerSecond: number;
  readonly paragraphCharsPerSecond: number;
}

export function runConversionBenchmark(length = TARGET_LENGTH): BenchmarkRow[] {
  const simplified = policyProse(length);
  const rows: BenchmarkRow[] = [];
  const openccToTraditional = timed(() => OpenCC.Converter({ from: "cn", to: "tw" }));
  const oursToTraditional = timed(() => createConverter("zh-Hans", "zh-Hant", { traditional: "tw", glossary: [], quotes: false }));
  const traditional = openccToTraditional.value(simplified);
  const openccToSimplified = timed(() => OpenCC.Converter({ from: "tw", to: "cn" }));
  const oursToSimplified = timed(() => createConverter("zh-Hant", "zh-Hans", { traditional: "tw", glossary: [], quotes: false }));
  const measure = (direction: string, source: string, converters: [typeof openccToTraditional, typeof oursToTraditional]) => {
    const [opencc, ours] = converters;
    const convertFunctions = [opencc.value, (text: string) => ours.value.convert(text)];
    const whole = throughputs(convertFunctions, [source]);
    const paragraphs = throughputs(convertFunctions, paragraphsOf(source));
    (["opencc-js", "fabu"] as const).forEach((converter, index) => {
      rows.push({
        direction,
        converter,
        buildMilliseconds: index === 0 ? opencc.milliseconds : ours.milliseconds,
        wholeTextCharsPerSecond: whole[index]!,
        paragraphCharsPerSecond: paragraphs[index]!,
      });
    });
  };
  measure("cn→tw", simplified, [openccToTraditional, oursToTraditional]);
  measure("tw→cn", traditional, [openccToSimplified, oursToSimplified]);
  return rows;
}

export function formatBenchmark(rows: readonly BenchmarkRow[], length = TARGET_LENGTH): string {
  const millions = (rate: number) => `${(rate / 1e6).toFixed(2)} M chars/s`.padStart(16);
  const lines = [
    `Policy prose, ${Math.round(length / 1000)}K characters; paragraphs of ${PARAGRAPH_LENGTH} characters; best of ${ROUNDS} interleaved rounds.`,
    `${"direction".padEnd(10)}${"converter".padEnd(11)}${"build".padStart(10)}${"whole text".padStart(18)}${"paragraphs".padStart(18)}`,
    ...rows.map(
      (row) =>
        `${row.direction.padEnd(10)}${row.converter.padEnd(11)}${`${row.buildMilliseconds.toFixed(0)} ms`.padStart(10)}` +
        `  ${millions(row.wholeTextCharsPerSecond)}  ${millions(row.paragraphCharsPerSecond)}`,
    ),
  ];
  return lines.join("\n");
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runDirectly) console.log(formatBenchmark(runConversionBenchmark()));
