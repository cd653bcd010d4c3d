import type { IndicatorResult } from './result.js';

/** Fewer events than this flag a value as unreliable (shared/indicators.md, small numbers). */
export const UNRELIABLE_EVENTS = 20;

/** A result while it is being computed: its standard error (changes need it) and window. */
export type WorkingResult = IndicatorResult & { se?: number | null; end_year: number; k: number };
