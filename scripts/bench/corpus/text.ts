/**
 * The template engine for the corpus: banks of `{SLOT}` templates are compiled once per script into
 * arrays of literal strings and slot functions, and filled per article from the article's own PRNG.
 * Traditional banks are made by converting each Simplified entry once with opencc-js (cn→tw) and turning
 * “” ‘’ into 「」 『』, which keeps the generator fast: no text is converted per article.
 */
import * as OpenCC from "opencc-js";
import * as B from "./banks.js";
import type { Rng } from "./prng.js";

export type Script = "zh-Hans" | "zh-Hant";

/** What a template can see: the article's fixed choices and its PRNG. */
export interface FillContext {
  readonly rng: Rng;
  readonly bank: BankSet;
  readonly section: SectionText;
  readonly topic: string;
  readonly topicPlain: string;
  readonly agency: string;
  readonly place: { readonly full: string; readonly short: string; readonly province: string };
  readonly localDept: string;
  readonly person: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  law: string;
  lawShort: string;
  /** How often {PL} was used: the first mention is the full name, later ones vary (杭州, 当地). */
  placeUses: number;
  /** Per-article decks, so that an article does not repeat a template until it has used them all. */
  readonly decks: Map<readonly Template[], number[]>;
  /** How many points an enumeration introduced by {K} has. */
  points: number;
}

type Part = string | ((ctx: FillContext) => string);
export type Template = readonly Part[];

export interface SectionText {
  readonly key: string;
  readonly title: string;
  readonly weight: number;
  readonly intro: string;
  readonly share: number;
  readonly topics: readonly string[];
  readonly tags: readonly string[];
  readonly agencies: readonly string[];
  readonly localDepts: readonly string[];
  readonly facilities: readonly string[];
  readonly entities: readonly string[];
  readonly headings: readonly Template[];
}

/** Every bank in one script, templates compiled. */
export interface BankSet {
  readonly script: Script;
  readonly sections: readonly SectionText[];
  readonly places: readonly { readonly full: string; readonly short: string; readonly province: string }[];
  readonly surnames: readonly string[];
  readonly givenNames: readonly string[];
  readonly editors: readonly string[];
  readonly sources: readonly { readonly name: string; readonly reporter: string; readonly share: number }[];
  readonly generalTags: readonly string[];
  readonly nationalAgencies: readonly string[];
  readonly roles: readonly string[];
  readonly verbs: readonly string[];
  readonly problems: readonly string[];
  readonly goals: readonly string[];
  readonly benefits: readonly string[];
  readonly voices: readonly Template[];
  readonly measures: readonly Template[];
  readonly achievements: readonly Template[];
  readonly provisions: readonly Template[];
  readonly quotes: readonly Template[];
  readonly leads: readonly Template[];
  readonly sentences: readonly Template[];
  readonly dashLines: readonly Template[];
  readonly listIntros: readonly Template[];
  readonly provisionIntros: readonly Template[];
  /** 当地 / 當地, for later mentions of the article's place. */
  readonly here: string;
  /** 万 / 萬 and 亿 / 億, for generated numbers. */
  readonly wan: string;
  readonly yi: string;
  readonly innerQuotes: (text: string) => string;
  readonly quoteParas: readonly Template[];
  readonly enumIntros: readonly Template[];
  readonly afterQuotes: readonly Template[];
  readonly quoteIntros: readonly Template[];
  readonly closings: readonly Template[];
  readonly titles: readonly Template[];
  readonly subtitles: readonly Template[];
  readonly kickers: readonly Template[];
  readonly summaries: readonly Template[];
  readonly laws: readonly Template[];
  readonly lawShortForms: readonly (readonly [string, string])[];
  readonly extraHeadings: readonly Template[];
  readonly linkLine: Template;
  readonly stripQuotes: (text: string) => string;
  /** Chinese numerals 一 … 九十九 for 第X条 and 三方面. */
  readonly numeral: (n: number) => string;
}

/** The next template of an article's shuffled deck of `templates`. */
export function draw(ctx: FillContext, templates: readonly Template[]): Template {
  let deck = ctx.decks.get(templates);
  if (!deck || deck.length === 0) {
    deck = templates.map((_, i) => i);
    for (let i = deck.length - 1; i > 0; i--) {
      const j = Math.floor(ctx.rng.next() * (i + 1));
      const t = deck[i]!;
      deck[i] = deck[j]!;
      deck[j] = t;
    }
    ctx.decks.set(templates, deck);
  }
  return templates[deck.pop()!]!;
}

export function fill(template: Template, ctx: FillContext): string {
  let out = "";
  for (const part of template) out += typeof part === "string" ? part : part(ctx);
  return out;
}

const drawFill = (ctx: FillContext, templates: readonly Template[]): string => fill(draw(ctx, templates), ctx);

const oneDecimal = (rng: Rng, min: number, max: number): string => (rng.int(min * 10, max * 10) / 10).toFixed(1);

/** A count as a press release writes it: 3560, 1.2万, 86.4万. */
function bigNumber(rng: Rng, bank: BankSet): string {
  const r = rng.next();
  if (r < 0.35) return String(rng.int(120, 9800));
  if (r < 0.9) return `${oneDecimal(rng, 1, 99.9)}${bank.wan}`;
  return `${rng.int(100, 980)}${bank.wan}`;
}

function money(rng: Rng, bank: BankSet): string {
  const r = rng.next();
  if (r < 0.45) return `${rng.int(120, 9800)}${bank.wan}元`;
  if (r < 0.9) return `${oneDecimal(rng, 1.1, 98.6)}${bank.yi}元`;
  return `${rng.int(100, 960)}${bank.yi}元`;
}

function numeral(n: number): string {
  const digits = "〇一二三四五六七八九";
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : digits[tens]}十${ones ? digits[ones] : ""}`;
}

/** The slot functions, shared by both scripts (they read the script's banks from the context). */
function slotFunctions(): Record<string, (ctx: FillContext) => string> {
  return {
    T: (c) => c.topic,
    T2: (c) => {
      let topic = c.rng.pick(c.section.topics);
      for (let tries = 0; topic === c.topic && tries < 4; tries++) topic = c.rng.pick(c.section.topics);
      return topic;
    },
    TOPIC0: (c) => c.topicPlain,
    AG: (c) => c.agency,
    AG2: (c) => c.rng.pick(c.bank.nationalAgencies),
    PL: (c) => (c.placeUses++ === 0 || c.rng.chance(0.45) ? c.place.full : c.rng.chance(0.6) ? c.place.short : c.bank.here),
    PS: (c) => c.place.short,
    PROVNAME: (c) => c.place.province,
    LOC: (c) => c.localDept,
    LOC2: (c) => c.rng.pick(c.section.localDepts),
    LOCALGOV: (c) => c.rng.pick(c.bank.script === "zh-Hans" ? LOCAL_GOVS_HANS : LOCAL_GOVS_HANT),
    FAC: (c) => c.rng.pick(c.section.facilities),
    FAC2: (c) => c.rng.pick(c.section.facilities),
    ENT: (c) => c.rng.pick(c.section.entities),
    ROLE: (c) => c.rng.pick(c.bank.roles),
    P: (c) => c.person,
    P2: (c) => c.rng.pick(c.bank.surnames) + c.rng.pick(c.bank.givenNames),
    VOICE: (c) => drawFill(c, c.bank.voices),
    VERB: (c) => c.rng.pick(c.bank.verbs),
    VERB2: (c) => c.rng.pick(c.bank.verbs),
    PROB: (c) => c.rng.pick(c.bank.problems),
    GOAL: (c) => c.rng.pick(c.bank.goals),
    BENE: (c) => c.rng.pick(c.bank.benefits),
    MEAS: (c) => drawFill(c, c.bank.measures),
    ACH: (c) => drawFill(c, c.bank.achievements),
    PROV: (c) => drawFill(c, c.bank.provisions),
    // Quotation marks inside a quotation become the inner pair: “……‘放管服’……” / 「……『放管服』……」.
    QUOTE: (c) => c.bank.innerQuotes(drawFill(c, c.bank.quotes)),
    SENT: (c) => drawFill(c, c.bank.sentences),
    LAW: (c) => c.law,
    LAWS: (c) => c.lawShort,
    LAW2: (c) => fill(c.rng.pick(c.bank.laws), { ...c, topicPlain: c.bank.stripQuotes(c.rng.pick(c.section.topics)) }),
    K: (c) => c.bank.numeral(c.points),
    N: (c) => String(c.rng.int(2, 9)),
    N0: (c) => String(c.rng.int(10, 30)),
    N2: (c) => String(c.rng.int(1, 9)),
    N9: (c) => String(Math.max(2, c.month - 1)),
    N20: (c) => String(c.rng.int(5, 30)),
    N31: (c) => String(c.rng.int(10, 31)),
    NUM: (c) => String(c.rng.int(12, 980)),
    BIG: (c) => bigNumber(c.rng, c.bank),
    PCT: (c) => `${oneDecimal(c.rng, 80, 99.9)}%`,
    PCTS: (c) => `${oneDecimal(c.rng, 1.2, 38.5)}%`,
    PCTUP: (c) => {
      const from = c.rng.int(400, 850) / 10;
      const to = Math.min(99.9, from + c.rng.int(30, 250) / 10);
      return `由${from.toFixed(1)}%提高到${to.toFixed(1)}%`;
    },
    MONEY: (c) => money(c.rng, c.bank),
    MONEYS: (c) => c.rng.pick(["5000元", `1${c.bank.wan}元`, `2${c.bank.wan}元`, `5${c.bank.wan}元`]),
    MONEYB: (c) => `${c.rng.pick(["10", "20", "50", "100"])}${c.bank.wan}元`,
    CN: (c) => c.bank.numeral(c.rng.int(1, 99)),
    Y: (c) => String(c.year),
    Y3: (c) => String(c.year + 2),
    YP: (c) => String(c.year - c.rng.int(1, 6)),
    YN: (c) => String(c.year + c.rng.int(0, 1)),
    YG: (c) => String(c.year + c.rng.int(1, 5)),
    M: (c) => String(c.month),
    D: (c) => String(c.day),
    MD: (c) => `${c.month}月${c.day}日`,
    MONTHS: (c) => String(c.rng.int(2, 12)),
  };
}

const LOCAL_GOVS_HANS = ["县级以上地方人民政府", "设区的市、县（市、区）人民政府", "乡镇人民政府、街道办事处"];
const LOCAL_GOVS_HANT = ["縣級以上地方人民政府", "設區的市、縣（市、區）人民政府", "鄉鎮人民政府、街道辦事處"];

const SLOTS = slotFunctions();

/** Compiles `a{SLOT}b{=x|y}c` into parts; unknown slots are programming errors and throw. */
export function compile(text: string): Template {
  const parts: Part[] = [];
  const pattern = /\{(=[^}]*|[A-Z0-9]+)\}/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const name = match[1]!;
    if (name.startsWith("=")) {
      const options = name.slice(1).split("|");
      parts.push((c) => c.rng.pick(options));
    } else {
      const slot = SLOTS[name];
      if (!slot) throw new Error(`corpus bank: unknown slot {${name}} in "${text}"`);
      parts.push(slot);
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Builds the banks for one script; `convert` turns a Simplified string into that script. */
function makeBankSet(script: Script, convert: (text: string) => string): BankSet {
  const c = (list: readonly string[]) => list.map(convert);
  const t = (list: readonly string[]) => list.map((s) => compile(convert(s)));
  const openQuote = script === "zh-Hans" ? /[“”]/g : /[「」]/g;
  return {
    script,
    sections: B.SECTIONS.map((s) => ({
      key: s.key,
      title: convert(s.title),
      weight: s.weight,
      intro: convert(s.intro),
      share: s.share,
      topics: c(s.topics),
      tags: c(s.tags),
      agencies: c(s.agencies),
      localDepts: c(s.localDepts),
      facilities: c(s.facilities),
      entities: c(s.entities),
      headings: t(s.headings),
    })),
    places: B.PLACES.map((p) => {
      const full = convert(p.full);
      const cut = full.search(/[省市区區]/);
      // 浙江省杭州市 → 浙江省, 北京市朝阳区 → 北京市, 广西壮族自治区南宁市 → 广西壮族自治区
      return { full, short: convert(p.short), province: cut >= 0 ? full.slice(0, cut + 1) : full };
    }),
    surnames: c(B.SURNAMES),
    givenNames: c(B.GIVEN_NAMES),
    editors: c(B.EDITORS),
    sources: B.SOURCES.map((s) => ({ name: convert(s.name), reporter: convert(s.reporter), share: s.share })),
    generalTags: c(B.GENERAL_TAGS),
    nationalAgencies: c(B.NATIONAL_AGENCIES),
    roles: c(B.ROLES),
    verbs: c(B.VERBS),
    problems: c(B.PROBLEMS),
    goals: c(B.GOALS),
    benefits: c(B.BENEFITS),
    voices: t(B.VOICES),
    measures: t(B.MEASURES),
    achievements: t(B.ACHIEVEMENTS),
    provisions: t(B.PROVISIONS),
    quotes: t(B.QUOTES),
    leads: t(B.LEADS),
    sentences: t(B.SENTENCES),
    dashLines: t(B.DASH_LINES),
    listIntros: t(B.LIST_INTROS),
    provisionIntros: t(B.PROVISION_INTROS),
    here: convert("当地"),
    wan: convert("万"),
    yi: convert("亿"),
    innerQuotes: script === "zh-Hans" ? (text) => text.replace(/“/g, "‘").replace(/”/g, "’") : (text) => text.replace(/「/g, "『").replace(/」/g, "』"),
    quoteParas: t(B.QUOTE_PARAS),
    enumIntros: t(B.ENUM_INTROS),
    afterQuotes: t(B.AFTER_QUOTES),
    quoteIntros: t(B.QUOTE_INTROS),
    closings: t(B.CLOSINGS),
    titles: t(B.TITLES),
    subtitles: t(B.SUBTITLES),
    kickers: t(B.KICKERS),
    summaries: t(B.SUMMARIES),
    laws: t(B.LAWS),
    lawShortForms: B.LAW_SHORT_FORMS.map(([suffix, short]) => [convert(suffix), convert(short)] as const),
    extraHeadings: t(["{VERB}{T}", "{VERB}{T2}工作机制", "推动{T}{GOAL}", "以{T}助力{T2}", "{VERB}{FAC}建设"]),
    linkLine: compile(convert("《{LAW}》全文可登录[中国政府网](https://www.gov.cn/)查阅。")),
    stripQuotes: (text) => text.replace(openQuote, ""),
    numeral: (n) => convert(numeral(n)),
  };
}

let opencc: ((text: string) => string) | undefined;
const CORNER_QUOTES: Readonly<Record<string, string>> = { "“": "「", "”": "」", "‘": "『", "’": "』" };

/** Simplified → the corpus's Traditional: opencc-js cn→tw, then 「」『』 quotation marks. */
export function toTraditional(text: string): string {
  const convert = (opencc ??= OpenCC.Converter({ from: "cn", to: "tw" }));
  return convert(text).replace(/[“”‘’]/g, (q: string) => CORNER_QUOTES[q]!);
}

let cached: { hans: BankSet; hant: BankSet } | undefined;

/** Both bank sets, built once per process (about half a second, mostly opencc-js's dictionaries). */
export function bankSets(): { hans: BankSet; hant: BankSet } {
  cached ??= { hans: makeBankSet("zh-Hans", (s) => s), hant: makeBankSet("zh-Hant", toTraditional) };
  return cached;
}
