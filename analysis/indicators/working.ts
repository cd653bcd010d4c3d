import type { IndicatorResult } from './result.js';

/** Fewer events than this flag a value as unreliable (shared/indicators.md, small numbers). */
export const UNRELIABLE_EVENTS = 20;

/** Why a value is flagged unreliable, with its events (Vietnamese · English). */
export function unreliableReason(events: number): string {
  return `Dưới ${UNRELIABLE_EVENTS} sự kiện (${events}) · fewer than ${UNRELIABLE_EVENTS} events (${events})`;
}

/**
 * A result while it is being computed: its standard error (changes need it), its window and
 * the window's rank in the output order (level, unit code, period).
 */
export type WorkingResult = IndicatorResult & { se?: number | null; end_year: number; k: number; rank: number };
