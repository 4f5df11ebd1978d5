/**
 * Explanations: for every character that had more than one possible form,
 * what was chosen, so an editor can check the conversion of a page.
 */
import { alternativesIndexFor } from "./alternatives.js";
import type { ConversionResult } from "./engine.js";
import type { DictionaryPipeline } from "./pipeline.js";
import type { ConversionDecision } from "./types.js";

const CONTEXT_RADIUS = 10;

function isInsideProtectedSpan(result: ConversionResult, offset: number): boolean {
  return result.protectedSpans.some((span) => offset >= span.start && offset < span.end);
}

/** The output for the source character at [offset, offset + length). */
function chosenForm(result: ConversionResult, offset: number, length: number): string {
  const piece = result.alignment.pieceAt(offset);
  if (!piece) return "";
  const unitwise = piece.sourceEnd - piece.sourceStart === piece.outputEnd - piece.outputStart;
  if (!unitwise) return result.text.slice(piece.outputStart, piece.outputEnd);
  const start = piece.outputStart + (offset - piece.sourceStart);
  return result.text.slice(start, start + length);
}

export function explainConversion(
  source: string,
  result: ConversionResult,
  pipeline: DictionaryPipeline | undefined,
): ConversionDecision[] {
  if (!pipeline) return [];
  const alternatives = alternativesIndexFor(pipeline);
  const decisions: ConversionDecision[] = [];
  for (let offset = 0; offset < source.length; ) {
    const character = String.fromCodePoint(source.codePointAt(offset)!);
    const forms = alternatives.alternativesFor(character);
    if (forms.length > 1 && !isInsideProtectedSpan(result, offset)) {
      decisions.push({
        offset,
        source: character,
        chosen: chosenForm(result, offset, character.length),
        alternatives: [...forms],
        context: source.slice(Math.max(0, offset - CONTEXT_RADIUS), offset + character.length + CONTEXT_RADIUS),
      });
    }
    offset += character.length;
  }
  return decisions;
}
