import { communeByCode, normaliseCommuneCode, normaliseProvinceCode } from '../model/admin-units.js';
import { parseWholeNumber } from '../model/whole-number.js';
import { SCHEMA, type CanonicalTable, type ColumnDef } from '../model/schema.js';
import type { RuleCode } from '../model/quality-rules.js';
import { isModern, normaliseCode } from './codes.js';
import { ageAt, parseDate } from './dates.js';
import { ELEMENTS } from './elements.js';
import { FIELDS, type FieldDef } from './fields.js';
import type { ColumnMapping } from './mapping.js';
import { parsePeriod } from './period.js';
import { problem, type Problem } from './problem.js';
import type { Pseudonymiser } from './pseudonym.js';
import type { RowChunk } from './source.js';
import { fold } from './fold.js';

/** Staging columns: the canonical columns without import_id (the staging table's default). */
export function stagingColumnDefs(table: CanonicalTable): ColumnDef[] {
  return SCHEMA[table].columns.filter((c) => c.name !== 'import_id');
}

/** The names of the staging columns, in the order the converter fills them. */
export function stagingColumns(table: CanonicalTable): string[] {
  return stagingColumnDefs(table).map((c) => c.name);
}

export interface ConvertContext {
  table: CanonicalTable;
  mapping: ColumnMapping;
  headers: string[];
  file: string;
  sheet: string | null;
  /** CSV rows must have as many fields as the header; spreadsheet rows may be shorter. */
  strictWidth: boolean;
  pseudonymise: Pseudonymiser;
  today: string;
}

export interface ConvertedChunk {
  /** Column-major values of the kept rows, in stagingColumns() order. */
  columns: (string | null)[][];
  problems: Problem[];
  read: number;
  kept: number;
  quarantined: number;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const text = (v: unknown) => (typeof v === 'number' ? String(v) : String(v).trim());
/** The largest value of an INTEGER column. */
const INT_MAX = 2_147_483_647;
/** Ids typed into a spreadsheet may come back as 12345.0. */
const idText = (v: unknown) => text(v).replace(/\.0+$/, '');

/** Date columns that must not lie after today, and pairs that must be ordered. */
const ORDER: Partial<Record<CanonicalTable, Array<[string, string]>>> = {
  nhan_khau: [
    ['birth_date', 'entry_date'],
    ['entry_date', 'exit_date'],
    ['birth_date', 'exit_date'],
  ],
  sinh: [
    ['mother_birth_date', 'birth_date'],
    ['birth_date', 'newborn_screening_date'],
  ],
  chet: [['birth_date', 'death_date']],
  ket_hon: [
    ['husband_birth_date', 'marriage_date'],
    ['wife_birth_date', 'marriage_date'],
  ],
  mang_thai: [['pregnancy_date', 'prenatal_screening_date']],
  bptt: [['start_date', 'end_date']],
};

/**
 * A cell as the user typed it, for a report; a spreadsheet's date cell is a day number, so
 * its ISO form then.
 */
function typedCell(cells: readonly unknown[], index: number, iso: string): string {
  const cell = cells[index];
  return typeof cell === 'string' ? cell.trim() : iso;
}

/** (file column index, field) for each column of the file the mapping maps. */
export function mappedColumns(ctx: Pick<ConvertContext, 'table' | 'mapping' | 'headers'>): Array<[number, FieldDef]> {
  const fieldsByName = new Map(FIELDS[ctx.table].map((f) => [f.name, f]));
  const mapped: Array<[number, FieldDef]> = [];
  // Presets were saved for another file's spelling of the same headers: match folded.
  const byFolded = new Map(Object.entries(ctx.mapping.columns).map(([h, f]) => [fold(h), f]));
  ctx.headers.forEach((h, i) => {
    const name = ctx.mapping.columns[h] ?? byFolded.get(fold(h));
    const field = name ? fieldsByName.get(name) : undefined;
    if (field) mapped.push([i, field]);
  });
  return mapped;
}

/** Builds a chunk converter: raw cells → validated, normalised staging values + problems. */
export function makeConverter(ctx: ConvertContext) {
  const cols = stagingColumns(ctx.table);
  const colIndex = new Map(cols.map((c, i) => [c, i]));
  const mapped = mappedColumns(ctx);
  const cellOf = new Map(mapped.map(([i, f]) => [f.name, i]));
  const mappedNames = new Set(mapped.map(([, f]) => f.name));
  const requiredAbsent = FIELDS[ctx.table].filter((f) => f.required && !mappedNames.has(f.name));
  const at = { file: ctx.file, sheet: ctx.sheet, table: ctx.table };
  const width = ctx.headers.length;
  const codes = ctx.mapping.codes ?? {};

  return function convert(chunk: RowChunk): ConvertedChunk {
    const out: (string | null)[][] = cols.map(() => []);
    const problems: Problem[] = [];
    let kept = 0;
    let quarantined = 0;
    for (const b of chunk.broken) {
      problems.push(problem('row_malformed', at, b.row, null, b.reason));
      quarantined++;
    }
    for (const x of chunk.refused ?? []) {
      const p = problem(x.rule, at, x.row, x.column, x.value, x.commune);
      problems.push(p);
      quarantined++;
    }
    const vals: (string | null)[] = new Array(cols.length);
    for (let r = 0; r < chunk.rows.length; r++) {
      const cells = chunk.rows[r]!;
      const rowNo = chunk.rowNumbers[r]!;
      vals.fill(null);
      let error = false;
      const rowProblems: Problem[] = [];
      let commune: string | null = null;
      const report = (rule: RuleCode, column: string | null, value: unknown) => {
        const p = problem(rule, at, rowNo, column, value, commune);
        rowProblems.push(p);
        if (p.severity === 'error') error = true;
      };
      if (ctx.strictWidth && cells.length !== width) {
        const extraBlank = cells.length > width && cells.slice(width).every(blank);
        if (!extraBlank) {
          problems.push(problem('row_malformed', at, rowNo, null, cells.join(',').slice(0, 200)));
          quarantined++;
          continue;
        }
      }
      for (const field of requiredAbsent) {
        if (ctx.table === 'ket_hon') continue;
        report('required_missing', field.name, null);
      }
      const imputed = new Set<string>();
      for (const [i, field] of mapped) {
        const raw = cells[i];
        const name = field.name;
        const idx = colIndex.get(name);
        if (blank(raw)) {
          if (field.required) report('required_missing', name, null);
          if (field.kind === 'residence') vals[idx!] = 'thuong_tru';
          if (field.kind === 'yesno' && idx !== undefined) vals[idx] = 'false';
          continue;
        }
        switch (field.kind) {
          case 'commune': {
            const s = idText(raw);
            const code = normaliseCommuneCode(s);
            commune = code;
            if (!communeByCode(code)) report('unknown_commune', name, s);
            else if (code !== s) report('commune_code_padded', name, s);
            vals[idx!] = code;
            break;
          }
          case 'province':
            vals[idx!] = normaliseProvinceCode(idText(raw));
            break;
          case 'text':
            vals[idx!] = text(raw);
            break;
          case 'id':
            vals[idx!] = ctx.pseudonymise(idText(raw));
            break;
          case 'name':
            break; // personal data: never stored
          case 'date': {
            const d = parseDate(raw);
            if (!d.ok) report('date_invalid', name, raw);
            else {
              if (d.imputed) {
                report('date_partial', name, raw);
                imputed.add(name);
              }
              if (d.iso > ctx.today) report('date_future', name, raw);
              vals[idx!] = d.iso;
            }
            break;
          }
          case 'int':
          case 'age': {
            const n = Number(text(raw));
            // The canonical column is an INTEGER: a larger value would abort the import at its cast.
            if (!Number.isInteger(n) || n < 0 || n > INT_MAX || (field.kind === 'age' && n > 120)) report('value_invalid', name, raw);
            else vals[idx!] = String(n);
            break;
          }
          case 'screening': {
            const m = fold(text(raw)).match(/^(?:du)?(\d)(?:benh)?$/);
            const max = ctx.table === 'sinh' ? 5 : 4;
            if (!m || +m[1]! > max) report('value_invalid', name, raw);
            else vals[idx!] = m[1]!;
            break;
          }
          case 'count': {
            // "6.500" is 6500 people; a fraction ("2.5" births) is an error, not a count. A
            // spreadsheet's number cell is its value (12.125 is not twelve thousand).
            const n = typeof raw === 'number' ? (Number.isInteger(raw) ? raw : NaN) : parseWholeNumber(text(raw));
            if (!Number.isFinite(n) || n < 0) report('value_invalid', name, raw);
            else vals[idx!] = String(n);
            break;
          }
          case 'period': {
            const p = parsePeriod(raw);
            if (!p) report('value_invalid', name, raw);
            else {
              vals[colIndex.get('period')!] = p.period;
              vals[colIndex.get('period_type')!] = p.periodType;
              vals[colIndex.get('year')!] = String(p.year);
            }
            break;
          }
          case 'element': {
            const s = text(raw);
            const user = codes[name]?.[fold(s)] ?? codes[name]?.[s];
            const code = user ?? s.toLowerCase();
            if (!(code in ELEMENTS)) report('value_invalid', name, raw);
            else vals[idx!] = code;
            break;
          }
          default: {
            const c = normaliseCode(field.kind, raw, codes[name]);
            if (!c.ok) report('value_invalid', name, raw);
            else vals[idx!] = c.value;
          }
        }
      }
      // Cross-field checks within the row.
      for (const [a, b] of ORDER[ctx.table] ?? []) {
        const va = vals[colIndex.get(a)!];
        const vb = vals[colIndex.get(b)!];
        if (va && vb && va > vb) report('date_order', b, `${typedCell(cells, cellOf.get(a)!, va)} > ${typedCell(cells, cellOf.get(b)!, vb)}`);
      }
      finishRow(ctx.table, vals, colIndex, imputed, report);
      problems.push(...rowProblems);
      if (error) {
        quarantined++;
        continue;
      }
      vals[colIndex.get('source_row')!] = String(rowNo);
      for (let c = 0; c < cols.length; c++) out[c]!.push(vals[c]!);
      kept++;
    }
    return { columns: out, problems, read: chunk.rows.length + chunk.broken.length + (chunk.refused?.length ?? 0), kept, quarantined };
  };
}

/** Derived columns and table-specific rules. */
function finishRow(
  table: CanonicalTable,
  vals: (string | null)[],
  col: Map<string, number>,
  imputed: Set<string>,
  report: (rule: RuleCode, column: string | null, value: unknown) => void,
): void {
  const get = (n: string) => vals[col.get(n)!] ?? null;
  const set = (n: string, v: string | null) => (vals[col.get(n)!] = v);
  switch (table) {
    case 'nhan_khau':
      set('birth_date_imputed', imputed.has('birth_date') ? 'true' : 'false');
      if (get('residence_status') === null) set('residence_status', 'thuong_tru');
      break;
    case 'sinh': {
      const mb = get('mother_birth_date');
      const b = get('birth_date');
      if (mb && b) {
        const age = ageAt(mb, b);
        if (age < 10 || age > 55) report('mother_age_implausible', 'mother_birth_date', `${mb} (${age})`);
      }
      break;
    }
    case 'ket_hon': {
      const md = get('marriage_date');
      for (const who of ['husband', 'wife'] as const) {
        const bd = get(`${who}_birth_date`);
        if (bd && md) set(`${who}_age`, String(ageAt(bd, md)));
        if (!bd && get(`${who}_age`) === null) report('required_missing', `${who}_birth_date`, null);
      }
      break;
    }
    case 'bptt': {
      const m = get('method');
      if (m) set('modern', isModern(m) ? 'true' : 'false');
      break;
    }
  }
}
