/**
 * The fast path for large CSV register exports: DuckDB parses the file (all columns
 * VARCHAR, declared, no sniffing) and converts in SQL every row whose values are all in
 * their plain forms (dd/mm/yyyy dates, known labels, valid commune codes, ids without
 * stray spaces, no blank required field, dates ordered and not in the future …). Every
 * other row, with its row number, goes through the row-by-row converter (convert.ts), which
 * reports each problem exactly as it does for the other readers. So the SQL only has to
 * recognise clean rows and give the same values the converter would; it never reports.
 *
 * Person identifiers are pseudonymised in JS row by row and joined back by position.
 *
 * The path is taken only for files DuckDB reads exactly as the JS reader does: UTF-8, the
 * header on the first line, every record with as many fields as the header, no blank line
 * in the middle (row numbers are record numbers), no decomposed (NFD) text. Anything else
 * uses the JS reader.
 */
import { queryRows, type Engine } from '../engine/engine.js';
import { communeByCode } from '../model/admin-units.js';
import { MODERN_METHODS, SCHEMA, type CanonicalTable } from '../model/schema.js';
import { normaliseCode } from './codes.js';
import { FIELDS, type FieldDef, type FieldKind } from './fields.js';
import { fold } from './fold.js';
import type { ColumnMapping } from './mapping.js';
import type { Pseudonymiser } from './pseudonym.js';
import { scanSlice, type SliceFacts, type SliceScan } from './slice-scan.js';
import { hashIdColumns, type HashHelper } from './id-hashing.js';
import type { RawCsv, RowChunk } from './source.js';
import { insertTempColumns } from './arrow-text.js';
import type { Vector } from 'apache-arrow';

/** Labels the SQL recognises per coded kind; their values come from normaliseCode itself. */
const LABELS: Partial<Record<FieldKind, string[]>> = {
  sex: ['Nam', 'Nữ', 'M', 'F', '1', '2', 'Male', 'Female'],
  residence: ['Thường trú', 'Tạm vắng', 'Tạm trú'],
  entry_reason: ['Mở sổ', 'Sinh', 'Chuyển đến'],
  exit_reason: ['Chết', 'Chuyển đi'],
  move_type: ['Chuyển đến', 'Chuyển đi'],
  method: [
    'Đình sản nam', 'Đình sản nữ', 'Dụng cụ tử cung', 'Vòng', 'Dụng cụ tử cung / Vòng', 'Thuốc cấy', 'Thuốc tiêm',
    'Thuốc uống', 'Bao cao su', 'Tính vòng kinh', 'Xuất tinh ngoài', 'Khác',
  ],
  yesno: ['Có', 'Không', 'x', 'X', '1', '0', 'TRUE', 'FALSE', 'true', 'false'],
};

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The characters String.prototype.trim() removes. */
const WS = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff].map((c) => `chr(${c})`).join(', ');
/** No whitespace at either end (what trim() would remove). */
const untrimmed = (x: string) => `left(${x}, 1) NOT IN (${WS}) AND right(${x}, 1) NOT IN (${WS})`;

function codeCase(kind: FieldKind, x: string): string | undefined {
  const labels = LABELS[kind];
  if (!labels) return undefined;
  const all = new Set<string>();
  for (const l of labels) for (const v of [l, l.toLowerCase(), l.toUpperCase()]) all.add(v);
  const whens: string[] = [];
  for (const l of all) {
    const r = normaliseCode(kind, l);
    if (r.ok && r.value !== null) whens.push(`WHEN ${q(l)} THEN ${q(r.value)}`);
  }
  return `CASE ${x} ${whens.join(' ')} END`;
}

const ORDER_PAIRS: Partial<Record<CanonicalTable, Array<[string, string]>>> = {
  nhan_khau: [['birth_date', 'entry_date'], ['entry_date', 'exit_date'], ['birth_date', 'exit_date']],
  sinh: [['mother_birth_date', 'birth_date'], ['birth_date', 'newborn_screening_date']],
  chet: [['birth_date', 'death_date']],
  ket_hon: [['husband_birth_date', 'marriage_date'], ['wife_birth_date', 'marriage_date']],
  mang_thai: [['pregnancy_date', 'prenatal_screening_date']],
  bptt: [['start_date', 'end_date']],
};

/** Whole years from parsed date a to parsed date b, as ageAt() computes them from the ISO text
 * (the years' difference, less one before the birthday). */
const ageSql = (a: string, b: string) =>
  `(year(${b}) - year(${a}) - CASE WHEN month(${b}) * 100 + day(${b}) < month(${a}) * 100 + day(${a}) THEN 1 ELSE 0 END)`;


/** The clean-row tests that depend on the slice: SQL testing column `x`. */
interface SliceTests {
  /** No whitespace at either end (as trim() leaves it). */
  trimmed(x: string): string;
  /** Not an id Excel made a number ("12.0"). */
  notDotZero(x: string): string;
  /** A valid 2025 commune code. */
  commune(x: string): string;
}

/** Bytes per slice DuckDB reads at once. */
const SLICE_BYTES = 64 * 1024 * 1024;

/** Slices of about `size` bytes ending just after a newline outside quotes. */
export function sliceBounds(bytes: Uint8Array, start: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const quoted = bytes.indexOf(0x22, start) >= 0;
  let pos = start;
  while (pos < bytes.length) {
    let end = Math.min(bytes.length, pos + size);
    if (end < bytes.length) {
      if (!quoted) {
        const nl = bytes.indexOf(0x0a, end);
        end = nl < 0 ? bytes.length : nl + 1;
      } else {
        let quotes = 0;
        for (let i = pos; i < end; i++) if (bytes[i] === 0x22) quotes++;
        while (end < bytes.length) {
          const c = bytes[end++]!;
          if (c === 0x22) quotes++;
          else if (c === 0x0a && quotes % 2 === 0) break;
        }
      }
    }
    // A slice of blank lines only (the end of the file) holds no record.
    let i = pos;
    while (i < end && (bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
    if (i < end) out.push([pos, end]);
    pos = end;
  }
  return out;
}

/** The import's JS work another thread can do (workspace/node-offload.ts). */
export interface ImportHelpers {
  /** The slices' byte scans. */
  sliceScan: SliceScan;
  /** A share of the pseudonyms. */
  hashHelper: HashHelper;
}

export interface FastJob {
  engine: Engine;
  table: CanonicalTable;
  mapping: ColumnMapping;
  headers: string[];
  raw: RawCsv;
  columns: string[];
  pseudonymise: Pseudonymiser;
  /** Another thread for the byte scans and the pseudonyms (Node); else they run here. */
  helpers?: ImportHelpers | undefined;
  today: string;
  /** A unique suffix for the temporary names. */
  tag: string;
  /** Bytes per slice (default 64 MB). */
  sliceBytes?: number;
  /** Checked between steps; throws to cancel. */
  checkpoint: (fraction: number) => void;
}

export interface FastPlan {
  /**
   * Null when DuckDB's strict reader refuses a slice or its scan finds it irregular (a record
   * of another width, a blank line …): the caller drops what was staged and uses the JS reader.
   */
  run(convertDirty: (chunk: RowChunk) => Promise<void>): Promise<{ read: number; clean: number } | null>;
}

/**
 * A plan for the fast path, or undefined when the file or its mapping needs the JS reader.
 * The caller has created `stg`, typed as the canonical table (import_id by default).
 */
export function planFast(job: FastJob): FastPlan | undefined {
  const { table, mapping, headers } = job;
  if (table === 'mis') return undefined;
  if (mapping.codes && Object.values(mapping.codes).some((t) => Object.keys(t).length > 0)) return undefined;
  const fieldsByName = new Map(FIELDS[table].map((f) => [f.name, f]));
  const byFolded = new Map(Object.entries(mapping.columns).map(([h, f]) => [fold(h), f]));
  const mapped = new Map<string, { index: number; field: FieldDef }>();
  for (const [i, h] of headers.entries()) {
    const name = mapping.columns[h] ?? byFolded.get(fold(h));
    const field = name ? fieldsByName.get(name) : undefined;
    if (!field) continue;
    if (mapped.has(field.name)) return undefined;
    mapped.set(field.name, { index: i, field });
  }
  if (FIELDS[table].some((f) => f.required && !mapped.has(f.name))) return undefined;

  const rawName = `raw_${job.tag}`;
  const idName = `pid_${job.tag}`;
  const dirtyName = `dirty_${job.tag}`;
  const col = (i: number) => `r.c${i}`;
  // The tests of a row; those that depend on the slice (what its scan found, its commune
  // codes) are functions of it.
  const clean: Array<string | ((t: SliceTests) => string)> = [];
  const out = new Map<string, string>();
  const stamps = new Map<string, string>();
  // Parsed dates and decoded codes, computed once per row in an inner projection: the
  // tests and the output read them several times (a date up to four times).
  const inner: string[] = [];
  const idCols: number[] = [];
  const communeCols: number[] = [];
  for (const [name, { index, field }] of mapped) {
    const x = col(index);
    const blankOk = field.required ? 'false' : 'true';
    switch (field.kind) {
      case 'commune':
        communeCols.push(index);
        clean.push((t) => t.commune(x));
        out.set(name, x);
        break;
      case 'province':
        clean.push(`(${x} IS NULL OR regexp_full_match(${x}, '[0-9]{2}'))`);
        out.set(name, x);
        break;
      case 'text':
        clean.push((t) => `(${x} IS NULL AND ${blankOk} OR ${x} IS NOT NULL AND ${t.trimmed(x)})`);
        out.set(name, x);
        break;
      case 'id': {
        clean.push((t) => `(${x} IS NULL AND ${blankOk} OR ${x} IS NOT NULL AND ${t.trimmed(x)} AND length(${x}) <= 200 AND ${t.notDotZero(x)})`);
        out.set(name, `r.p${index}`);
        idCols.push(index);
        break;
      }
      case 'name':
        break;
      case 'date': {
        // dd/mm/yyyy (or yyyy-mm-dd): 10 characters that strptime reads, between 1880 and today.
        inner.push(`CASE WHEN substr(${x}, 3, 1) = '/' THEN try_strptime(${x}, '%d/%m/%Y') ELSE try_strptime(${x}, '%Y-%m-%d') END AS d${index}`);
        const d = `r.d${index}`;
        const hi = job.today < '2200-12-31' ? job.today : '2200-12-31';
        clean.push(`(${x} IS NULL AND ${blankOk} OR length(${x}) = 10 AND CAST(${d} AS DATE) BETWEEN DATE '1880-01-01' AND DATE ${q(hi)})`);
        stamps.set(name, d);
        out.set(name, `CAST(${d} AS DATE)`);
        break;
      }
      case 'int':
      case 'age':
        clean.push(`(${x} IS NULL AND ${blankOk} OR regexp_full_match(${x}, '[0-9]{1,${field.kind === 'age' ? 2 : 9}}'))`);
        out.set(name, `CAST(CAST(${x} AS BIGINT) AS VARCHAR)`);
        break;
      case 'screening': {
        const max = table === 'sinh' ? 5 : 4;
        clean.push(`(${x} IS NULL AND ${blankOk} OR ${x} IN (${Array.from({ length: max + 1 }, (_, i) => `'${i}'`).join(',')}))`);
        out.set(name, x);
        break;
      }
      default: {
        const code = codeCase(field.kind, x);
        if (!code) return undefined;
        inner.push(`${code} AS k${index}`);
        const c = `r.k${index}`;
        const blankValue = field.kind === 'residence' ? "'thuong_tru'" : field.kind === 'yesno' ? "'false'" : 'NULL';
        clean.push(`(${x} IS NULL AND ${blankOk} OR ${c} IS NOT NULL)`);
        out.set(name, `CASE WHEN ${x} IS NULL THEN ${blankValue} ELSE ${c} END`);
      }
    }
  }
  for (const [a, b] of ORDER_PAIRS[table] ?? []) {
    const da = stamps.get(a);
    const db = stamps.get(b);
    if (da && db) clean.push(`(${da} IS NULL OR ${db} IS NULL OR ${da} <= ${db})`);
  }
  // Derived columns and table rules (convert.ts finishRow).
  switch (table) {
    case 'nhan_khau':
      out.set('birth_date_imputed', "'false'");
      if (!out.has('residence_status')) out.set('residence_status', "'thuong_tru'");
      break;
    case 'sinh': {
      const mb = stamps.get('mother_birth_date');
      const b = stamps.get('birth_date');
      if (mb && b) clean.push(`(${mb} IS NULL OR ${b} IS NULL OR ${ageSql(mb, b)} BETWEEN 10 AND 55)`);
      break;
    }
    case 'ket_hon': {
      const md = stamps.get('marriage_date');
      for (const who of ['husband', 'wife']) {
        const bd = stamps.get(`${who}_birth_date`);
        const age = out.get(`${who}_age`);
        if (bd && md) out.set(`${who}_age`, `CASE WHEN ${bd} IS NOT NULL THEN CAST(${ageSql(bd, md)} AS VARCHAR) ELSE ${age ?? 'NULL'} END`);
        clean.push(`(${bd ?? 'NULL'} IS NOT NULL OR ${age ?? 'NULL'} IS NOT NULL)`);
      }
      break;
    }
    case 'bptt': {
      const m = out.get('method');
      if (m) out.set('modern', `CASE WHEN ${m} IS NULL THEN NULL WHEN ${m} IN (${MODERN_METHODS.map(q).join(',')}) THEN 'true' ELSE 'false' END`);
      break;
    }
  }
  out.set('source_row', 'r.rid + SOURCE_ROW_OFFSET');
  // Typed as the staging table (dates are already DATEs, from their parsed value).
  const types = new Map(SCHEMA[table].columns.map((c) => [c.name, c.type]));
  const typed = (c: string) => {
    const x = out.get(c) ?? 'NULL';
    return types.get(c) === 'VARCHAR' ? x : `CAST(${x} AS ${types.get(c)})`;
  };
  const select = job.columns.map((c) => `${typed(c)} AS "${c}"`).join(', ');
  const insertColumns = job.columns.map((c) => `"${c}"`).join(', ');
  const cleanSql = (t: SliceTests) => (clean.length ? clean.map((c) => `coalesce(${typeof c === 'string' ? c : c(t)}, false)`).join(' AND ') : 'true');
  const width = headers.length;

  return {
    async run(convertDirty) {
      const { engine } = job;
      const file = `${rawName}.csv`;
      const colsDecl = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
      const delim = job.raw.delimiter === '\t' ? '\\t' : job.raw.delimiter;
      // Only the mapped columns are kept (names and ignored columns never enter DuckDB).
      const keep = [...mapped.values()].filter(({ field }) => field.kind !== 'name').map(({ index }) => index);
      const bytes = job.raw.bytes;
      let read = 0;
      let dirtyCount = 0;
      // Slices of the file bound the memory a 700 MB export needs at once.
      const slices = sliceBounds(bytes, job.raw.bodyStart, job.sliceBytes ?? SLICE_BYTES);
      for (const [k, [a, b]] of slices.entries()) {
        // The slice's byte scans run on the worker during its read, when there is one.
        const last = k === slices.length - 1;
        let facts: SliceFacts | Promise<SliceFacts> | undefined = job.helpers?.sliceScan(bytes.slice(a, b), job.raw.delimiter, width, last);
        // Awaited below, unless the read fails first: never an unhandled rejection.
        facts?.catch(() => undefined);
        await engine.registerFile(file, bytes.slice(a, b));
        try {
          await engine.query(`DROP TABLE IF EXISTS ${rawName}`);
          const reading = engine.query(
            `CREATE TEMP TABLE ${rawName} AS SELECT ${keep.map((i) => `c${i}`).join(', ')} FROM read_csv('${file}', columns = {${colsDecl}},
               header = false, auto_detect = false, delim = '${delim}', quote = '"', escape = '"', strict_mode = true,
               null_padding = false, parallel = false)`,
          );
          reading.catch(() => undefined);
          // Without a helper thread the scans run here, while duckdb-wasm's own worker reads (the
          // app; a blocking Node engine has read already).
          facts ??= scanSlice(bytes.subarray(a, b), job.raw.delimiter, width, last);
          await reading;
        } catch {
          await engine.query(`DROP TABLE IF EXISTS ${rawName}`);
          return null;
        } finally {
          await engine.dropFile(file);
        }
        try {
          const offset = read + 2;
          const { regular, exotic, padded, dotZero } = await facts;
          // Not read by DuckDB as by the JS reader (a record of another width, a blank line,
          // decomposed text): the caller starts again with the JS reader.
          if (!regular) return null;
          // Commune columns: the slice's distinct values that are valid 2025 codes (when all are,
          // a value is all the test asks).
          const communeTests = new Map<string, string>();
          for (const i of communeCols) {
            const vals = (await queryRows<{ v: string }>(engine, `SELECT DISTINCT c${i} AS v FROM ${rawName} WHERE c${i} IS NOT NULL`)).map((r) => r.v);
            const ok = vals.filter((v) => /^\d{5}$/.test(v) && communeByCode(v));
            communeTests.set(col(i), ok.length === vals.length ? `${col(i)} IS NOT NULL` : `${col(i)} IN (${ok.length ? ok.map(q).join(',') : 'NULL'})`);
          }
          // The tests the slice's scan shows cannot fail are left out (each costs DuckDB ≈ 0.2 s
          // per 64 MB): no field with whitespace at an end, no ".0" (ids Excel made numbers).
          const sliceClean = cleanSql({
            trimmed: (x) => (exotic ? untrimmed(x) : padded ? `${x} = trim(${x})` : 'true'),
            notDotZero: (x) => (dotZero ? `NOT (suffix(${x}, '0') AND suffix(rtrim(${x}, '0'), '.'))` : 'true'),
            commune: (x) => communeTests.get(x)!,
          });
          // Pseudonyms: computed row by row in the slice's order (pN for column cN), while DuckDB
          // runs the clean-row test: by a worker thread and this one (Node), or here while
          // duckdb-wasm's own worker runs the query (the app).
          const idRaw = idCols.length ? await engine.query(`SELECT ${idCols.map((i) => `c${i}`).join(', ')} FROM ${rawName}`) : null;
          const hashing = idRaw ? hashIdColumns(idRaw, idCols.length, job.pseudonymise, job.helpers?.hashHelper) : null;
          // Rows that are not plain go to the row-by-row converter (usually few).
          const rows = (more: string) => `(SELECT *, r.rowid AS rid${inner.map((e) => `, ${e}`).join('')} FROM ${rawName} r${more}) r`;
          const dirtyDone = engine.query(`CREATE TEMP TABLE ${dirtyName} AS SELECT r.rid FROM ${rows('')} WHERE NOT (${sliceClean})`).then(
            () => null,
            (e: unknown) => e ?? new Error('clean-row test failed'),
          );
          // Let the query be posted before hashing on this thread.
          if (hashing && !job.helpers) await new Promise((r) => setTimeout(r, 0));
          const hashed = hashing ? await hashing.finish() : null;
          const failed = await dirtyDone;
          if (failed) throw failed;
          let ids = '';
          if (hashed) {
            const vectors: Record<string, Vector> = {};
            idCols.forEach((i, j) => (vectors[`p${i}`] = hashed[j]!));
            await insertTempColumns(engine, idName, vectors);
            ids = ` POSITIONAL JOIN ${idName}`;
          }
          await engine.query(
            `INSERT INTO stg (${insertColumns}) SELECT ${select.replace('SOURCE_ROW_OFFSET', String(offset))} FROM ${rows(ids)}
             WHERE r.rid NOT IN (SELECT rid FROM ${dirtyName})`,
          );
          const [{ n }] = (await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${rawName}`)) as [{ n: number }];
          const dirty = await engine.query(
            `SELECT CAST(r.rowid + ${offset} AS INTEGER) AS row_no, ${keep.map((i) => `r.c${i}`).join(', ')}
             FROM ${rawName} r SEMI JOIN ${dirtyName} d ON d.rid = r.rowid ORDER BY r.rowid`,
          );
          for (const batch of dirty.batches) {
            const cols = Array.from({ length: keep.length + 1 }, (_, i) => batch.getChildAt(i)!);
            const rows: unknown[][] = [];
            const rowNumbers: number[] = [];
            for (let r = 0; r < batch.numRows; r++) {
              rowNumbers.push(Number(cols[0]!.get(r)));
              const cells: unknown[] = new Array<unknown>(width).fill('');
              for (let c = 0; c < keep.length; c++) cells[keep[c]!] = cols[c + 1]!.get(r) ?? '';
              rows.push(cells);
            }
            dirtyCount += rows.length;
            await convertDirty({ rows, rowNumbers, broken: [], progress: b / bytes.length });
          }
          read += n;
        } finally {
          await engine.query(`DROP TABLE IF EXISTS ${rawName}`);
          await engine.query(`DROP TABLE IF EXISTS ${idName}`);
          await engine.query(`DROP TABLE IF EXISTS ${dirtyName}`);
        }
        job.checkpoint(b / bytes.length);
      }
      return { read, clean: read - dirtyCount };
    },
  };
}
