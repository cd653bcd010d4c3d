import { QUALITY_RULES, type RuleCode, type Severity } from '../model/quality-rules.js';

/** One line of the quality report. */
export interface Problem {
  file: string;
  sheet: string | null;
  /** 1-based row in the file or sheet (header = row 1); null for file-level problems. */
  row: number | null;
  column: string | null;
  value: string | null;
  rule: RuleCode;
  severity: Severity;
  message_vi: string;
  message_en: string;
  table: string | null;
  commune_code: string | null;
}

export function problem(
  rule: RuleCode,
  at: { file: string; sheet: string | null; table: string | null },
  row: number | null,
  column: string | null,
  value: unknown,
  commune: string | null = null,
  detail?: { vi: string; en: string },
): Problem {
  const def = QUALITY_RULES[rule];
  return {
    file: at.file,
    sheet: at.sheet,
    row,
    column,
    value: value === null || value === undefined ? null : String(value).slice(0, 200),
    rule,
    severity: def.severity,
    message_vi: detail ? `${def.vi}: ${detail.vi}` : def.vi,
    message_en: detail ? `${def.en}: ${detail.en}` : def.en,
    table: at.table,
    commune_code: commune,
  };
}
