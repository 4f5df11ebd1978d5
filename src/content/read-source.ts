import { isUtf8, transcode } from "node:buffer";
import type { ProblemCollector } from "./problems.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
/** Buffer's transcode needs ICU, which official Node builds have. */
const canTranscode = process.versions.icu !== undefined;

/**
 * Decodes a content file strictly: invalid UTF-8 and NUL are errors (never a silent U+FFFD), and a BOM or
 * CRLF line endings are normalised away so they build exactly like the clean file.
 */
export function decodeSource(bytes: Uint8Array, file: string, problems: ProblemCollector): string | undefined {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8Offset(bytes);
    const { line, column } = lineColumnOfByte(bytes, offset);
    problems.error(file, line, column, "invalid-utf8", `the file is not valid UTF-8 (first bad byte at offset ${offset}); save it as UTF-8`);
    return undefined;
  }
  const text = decodeValidUtf8(bytes);
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    const { line, column } = lineColumnOfIndex(text, nul);
    problems.error(file, line, column, "nul-character", "the file contains a NUL character; remove it");
    return undefined;
  }
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/**
 * Bytes already checked to be UTF-8, as TextDecoder decodes them. For CJK text Node 20's own UTF-8 decoder
 * is several times slower than ICU's converter behind `transcode`; on valid UTF-8 both give the same
 * UTF-16, and TextDecoder's dropping of one leading byte order mark is done here.
 */
export function decodeValidUtf8(bytes: Uint8Array): string {
  if (!canTranscode) return utf8.decode(bytes);
  const text = transcode(bytes, "utf8", "ucs2").toString("ucs2");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function lineColumnOfIndex(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, so decode the valid part of the line before the bad byte.
  const column = utf8DecodeLenient(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

function utf8DecodeLenient(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/** Walks UTF-8 sequences by hand to find where decoding fails, as TextDecoder does not say. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let length: number;
    let min: number;
    if (lead < 0x80) {
      i++;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + length > bytes.length) return i;
    let codePoint = lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}
