/**
 * Dates as a news desk writes them. A time without an offset is wall-clock time in the site's zone
 * (Asia/Shanghai by default), never the build machine's TZ, so every machine builds the same pages.
 */
export interface ZonedInstant {
  /** Milliseconds since the epoch (UTC). */
  readonly epochMs: number;
  /** Whether the source gave a time of day (a bare date is shown without one). */
  readonly hasTime: boolean;
}

const DATE_FORMS =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\s*(Z|[+-]\d{2}:?\d{2}))?)?$/;

export const DATE_FORMAT_HINT = "write it as 2020-11-13 14:45, 2020-11-13T14:45:00+08:00 or 2020-11-13";

export function parseNewsDate(text: string, timeZone: string): ZonedInstant | undefined {
  const match = DATE_FORMS.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, offset] = match;
  const fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  if (!isValidCalendarTime(fields)) return undefined;
  const wallAsUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  const hasTime = h !== undefined;
  if (offset !== undefined) {
    return { epochMs: wallAsUtc - parseOffsetMinutes(offset) * 60_000, hasTime };
  }
  return { epochMs: zonedWallTimeToEpoch(wallAsUtc, timeZone), hasTime };
}

function isValidCalendarTime(f: { year: number; month: number; day: number; hour: number; minute: number; second: number }): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  return f.day <= daysInMonth;
}

function parseOffsetMinutes(offset: string): number {
  if (offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    wallClockFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  readonly offsetMinutes: number;
}

/** Zone offsets only change on quarter-hour boundaries, so one Intl lookup serves a whole quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's UTC offset in minutes at an instant; Intl is slow, so offsets are cached per quarter hour. */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    offset = offsetFromIntl(bucket * QUARTER_HOUR_MS, timeZone);
    zone.set(bucket, offset);
  }
  return offset;
}

/** The last reading: an instant is often shown several ways in a row (its date, its ISO form, its URL). */
let lastReading: { readonly epochMs: number; readonly timeZone: string; readonly wall: WallClock } | undefined;

export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  if (lastReading?.epochMs === epochMs && lastReading.timeZone === timeZone) return lastReading.wall;
  const offsetMinutes = offsetMinutesAt(epochMs, timeZone);
  const date = new Date(epochMs + offsetMinutes * 60_000);
  const wall = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    weekday: date.getUTCDay(),
    offsetMinutes,
  };
  lastReading = { epochMs, timeZone, wall };
  return wall;
}

/** `11/13/2020, 14:45:00`: how en-US writes the fields wallClockFormatter asks for. */
const US_WALL_CLOCK = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

/** The zone's UTC offset in minutes at an instant, from the wall-clock time Intl gives for it there. */
function offsetFromIntl(epochMs: number, timeZone: string): number {
  const formatter = wallClockFormatter(timeZone);
  // format() read with a fixed pattern costs a fraction of formatToParts(), which builds an object per
  // field; anything the pattern does not match (another ICU's punctuation) is read from the parts.
  const match = US_WALL_CLOCK.exec(formatter.format(epochMs));
  const parts: Record<string, string | undefined> = {};
  if (match) [, parts.month, parts.day, parts.year, parts.hour, parts.minute, parts.second] = match;
  else for (const part of formatter.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** Finds the instant whose wall-clock time in `timeZone` equals the given one (first match across a DST gap). */
function zonedWallTimeToEpoch(wallAsUtc: number, timeZone: string): number {
  let guess = wallAsUtc - wallClockAt(wallAsUtc, timeZone).offsetMinutes * 60_000;
  const offsetAtGuess = wallClockAt(guess, timeZone).offsetMinutes;
  guess = wallAsUtc - offsetAtGuess * 60_000;
  return guess;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `2020-11-13T14:45:00+08:00`: the machine-readable form for `<time datetime>`, feeds and JSON-LD. */
export function toIsoWithOffset(epochMs: number, timeZone: string): string {
  const w = wallClockAt(epochMs, timeZone);
  const sign = w.offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(w.offsetMinutes);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const CHINESE_WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

/** `2020-11-13 14:45 星期五` (or without the time for a date-only article). */
export function formatNewsDate(instant: ZonedInstant, timeZone: string): string {
  const w = wallClockAt(instant.epochMs, timeZone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  const time = instant.hasTime ? ` ${pad(w.hour)}:${pad(w.minute)}` : "";
  return `${date}${time} ${CHINESE_WEEKDAYS[w.weekday]}`;
}
