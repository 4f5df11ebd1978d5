/**
 * The corpus plan: for every article its id, publication minute, section, script, draft flag and related
 * ids. Articles are numbered in publication order over 2006-01-01 … 2025-12-31 (Beijing time, 08:00–21:59),
 * ids grow with time like a newsroom's, and no two articles share an id or a publication minute.
 */
import { SECTIONS } from "./banks.js";
import { forItem, type Rng } from "./prng.js";

export const FIRST_DAY_UTC = Date.UTC(2006, 0, 1);
export const DAYS = 7305; // 2006-01-01 … 2025-12-31
const FIRST_MINUTE = 8 * 60;
const MINUTES_PER_DAY = 14 * 60;
const TOTAL_SLOTS = DAYS * MINUTES_PER_DAY;
const FIRST_ID = 1_000_000;
const ID_RANGE = 8_999_999 - FIRST_ID;

export interface Plan {
  readonly count: number;
  readonly seed: number;
  /** The id as written in front matter: digits, sometimes with a leading zero (then it is text). */
  readonly ids: readonly string[];
  /** Minutes since 2006-01-01 00:00 Beijing time. */
  readonly minutes: Float64Array;
  readonly section: Uint8Array;
  readonly hant: Uint8Array;
  readonly draft: Uint8Array;
  readonly related: readonly (readonly number[])[];
}

/** `count` evenly spread slots, each placed at random inside its own stretch: distinct and increasing. */
function spread(rng: Rng, index: number, count: number, total: number): number {
  const lo = Math.floor((index * total) / count);
  const hi = Math.floor(((index + 1) * total) / count) - 1;
  return lo + rng.int(0, Math.max(0, hi - lo));
}

export function planCorpus(count: number, seed: number): Plan {
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive whole number, not ${count}`);
  if (count > ID_RANGE || count > TOTAL_SLOTS) throw new Error(`--count ${count} is more than this generator can give distinct ids and minutes`);
  const ids: string[] = new Array<string>(count);
  const minutes = new Float64Array(count);
  const section = new Uint8Array(count);
  const hant = new Uint8Array(count);
  const draft = new Uint8Array(count);
  const shares = SECTIONS.map((s) => s.share);
  const totalShare = shares.reduce((a, b) => a + b, 0);
  const bySection: number[][] = SECTIONS.map(() => []);
  for (let i = 0; i < count; i++) {
    const rng = forItem(seed, "plan", i);
    const slot = spread(rng, i, count, TOTAL_SLOTS);
    minutes[i] = Math.floor(slot / MINUTES_PER_DAY) * 1440 + FIRST_MINUTE + (slot % MINUTES_PER_DAY);
    const idNumber = FIRST_ID + spread(rng, i, count, ID_RANGE);
    ids[i] = rng.chance(0.015) ? `0${idNumber}` : String(idNumber);
    let pick = rng.next() * totalShare;
    let s = 0;
    while (s < shares.length - 1 && (pick -= shares[s]!) >= 0) s++;
    section[i] = s;
    hant[i] = rng.chance(0.25) ? 1 : 0;
    // About 1% drafts, at fixed positions so that even a small corpus has one.
    draft[i] = i % 97 === 5 ? 1 : 0;
    bySection[s]!.push(i);
  }

  // Related: mostly earlier articles of the same section, sometimes a nearby one from elsewhere; never a
  // draft (a draft is not published, so a link to it would be dropped) and never the article itself.
  const positionInSection = new Uint32Array(count);
  for (const list of bySection) list.forEach((article, position) => (positionInSection[article] = position));
  const related: number[][] = new Array<number[]>(count);
  for (let i = 0; i < count; i++) {
    const rng = forItem(seed, "related", i);
    const chosen: number[] = [];
    const wanted = rng.chance(0.8) ? rng.int(1, 4) : 0;
    const own = bySection[section[i]!]!;
    for (let attempt = 0; chosen.length < wanted && attempt < wanted * 4; attempt++) {
      let candidate: number;
      if (rng.chance(0.8)) {
        const position = positionInSection[i]! + rng.int(-40, 8);
        candidate = own[Math.min(own.length - 1, Math.max(0, position))]!;
      } else {
        candidate = Math.min(count - 1, Math.max(0, i + rng.int(-200, 50)));
      }
      if (candidate !== i && !draft[candidate] && !chosen.includes(candidate)) chosen.push(candidate);
    }
    related[i] = chosen;
  }
  return { count, seed, ids, minutes, section, hant, draft, related };
}

export interface Moment {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `2020-11-13 14:45` */
  readonly local: string;
  /** `2020-11-13T14:45:00+08:00` */
  readonly iso: string;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A minute count (since 2006-01-01 00:00 Beijing time) as calendar fields; pure arithmetic, no time zone. */
export function moment(minutesSinceStart: number): Moment {
  const day = Math.floor(minutesSinceStart / 1440);
  const minuteOfDay = minutesSinceStart - day * 1440;
  const date = new Date(FIRST_DAY_UTC + day * 86_400_000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const dayOfMonth = date.getUTCDate();
  const ymd = `${year}-${pad(month)}-${pad(dayOfMonth)}`;
  const hm = `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
  return { year, month, day: dayOfMonth, local: `${ymd} ${hm}`, iso: `${ymd}T${hm}:00+08:00` };
}
