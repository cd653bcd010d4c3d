import { dropQualitySummary } from './quality-report.js';
import { exclusive } from '../engine/exclusive.js';
import { dropCube } from '../indicators/cube/build.js';
import { cubeChangesFor, noteCubeChanges, updateCubeUnlocked, type CubeChanges, type CubeUpdate } from '../indicators/cube/update.js';
import { hasRows, queryRows, sqlString, type Engine } from '../engine/engine.js';
import { QUALITY_RULES, type RuleCode } from '../model/quality-rules.js';
import { CANONICAL_TABLES, castFromText, SCHEMA, type CanonicalTable, type ColumnDef } from '../model/schema.js';
import type { Workspace } from '../workspace/workspace.js';
import { IMPORT_LOG_COLUMNS, IMPORT_LOG_TABLE, QUALITY_REPORT_COLUMNS, QUALITY_TABLE } from '../workspace/tables.js';
import { insertTextColumns } from './arrow-text.js';
import { makeConverter, mappedColumns, stagingColumnDefs, type ConvertedChunk } from './convert.js';
import { planFast } from './fast-csv.js';
import { crossChecks } from './cross-checks.js';
import { todayIso } from './dates.js';
import type { Encoding } from './decode.js';
import { rankTables } from './detect.js';
import { FIELDS } from './fields.js';
import { A0_TABLE_NAMES } from '../model/data-elements.js';
import { findPreset, guessMapping, mappingFromGuesses, type ColumnMapping } from './mapping.js';
import { openFile } from './open-file.js';
import { itemCodes, wideMapping, wideToLong } from './wide.js';
import { problem, type Problem } from './problem.js';
import { contentHash } from './pseudonym.js';
import type { TabularSource } from './source.js';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  /** Rows read so far in this call, over all files. */
  rows: number;
  /** 0–100 over the whole call. */
  percent: number;
  /** After the files: the cube is being updated for this many communes (cube/update.ts). */
  updatingCommunes?: number;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  /** What became of the indicator cube after the files (update.ts): updated for `communes`, or dropped. */
  onCube?: (outcome: { update: CubeUpdate; communes: string[] }) => void;
  signal?: AbortSignal;
  /** User-confirmed mappings, keyed by file name or `${file name}#${sheet}`. */
  mappings?: Record<string, ColumnMapping>;
  /** Save the workspace after the imports (default true). */
  save?: boolean;
  /** "Today" for future-date checks (ISO); defaults to the current date. */
  today?: string;
  /** CSV bytes per chunk (memory vs. progress granularity); default 8 MB. */
  chunkBytes?: number;
  /**
   * Let DuckDB read plain UTF-8 CSVs (fast-csv.ts): true always, false never (tests compare
   * both); by default for files of FAST_CSV_MIN_BYTES or more (small files are quicker in JS:
   * the fast path's fixed cost is a dozen statements).
   */
  fastCsv?: boolean;
}

export interface Replacement {
  import_id: string;
  file_name: string;
  table: string;
  rows: number;
}

export type ImportStatus = 'imported' | 'duplicate' | 'fatal' | 'cancelled' | 'needs_mapping' | 'skipped';

/** The outcome for one table of one file (a workbook gives one per sheet). */
export interface ImportSummary {
  file: string;
  sheet: string | null;
  table: CanonicalTable | null;
  status: ImportStatus;
  importId: string | null;
  encoding: Encoding | null;
  rowsRead: number;
  kept: number;
  quarantined: number;
  warnings: number;
  /** Rows hit per rule code (errors and warnings). */
  rules: Partial<Record<RuleCode, number>>;
  /** Rows of earlier imports this one replaced (newer export for the same commune and period). */
  replaced: Replacement[];
  /** Set when the file could not be read at all. */
  fatal: Problem | null;
}

class Cancelled extends Error {}

/** Files at least this large take the DuckDB reading path by default. */
export const FAST_CSV_MIN_BYTES = 2 * 1024 * 1024;

function summary(file: string, sheet: string | null, status: ImportStatus, extra: Partial<ImportSummary> = {}): ImportSummary {
  return {
    file, sheet, table: null, status, importId: null, encoding: null,
    rowsRead: 0, kept: 0, quarantined: 0, warnings: 0, rules: {}, replaced: [], fatal: null, ...extra,
  };
}

/**
 * The mapping a sheet gets: the user's, else a saved preset, else exact header matches.
 * A wide MIS report form is read as its long equivalent (the source is replaced).
 */
function resolveSheet(
  ws: Workspace,
  file: string,
  src: TabularSource,
  opts: ImportOptions,
): { src: TabularSource; mapping: ColumnMapping | undefined } {
  const user = opts.mappings?.[`${file}#${src.sheet}`] ?? opts.mappings?.[file];
  if (user && user.columns && Object.keys(user.columns).length > 0) return { src, mapping: user };
  const preset = findPreset(ws.presets, src.headers);
  if (preset) return { src, mapping: preset.mapping };
  const best = rankTables(src.headers, src.sheet)[0];
  if (best && best.missingRequired.length === 0 && best.matched >= 2)
    return { src, mapping: mappingFromGuesses(best.table, guessMapping(best.table, src.headers)) };
  const codes = itemCodes(ws.presets, user);
  const wide = wideToLong(src, codes);
  if (wide) return { src: wide, mapping: wideMapping(codes) };
  return { src, mapping: user };
}

/**
 * Import files into the workspace. Files are taken in canonical-table order (registers
 * before events, so births can be checked against mothers). Each table of each file is
 * staged, checked and committed in one transaction; a file that cannot be read, or a
 * cancelled import, leaves the workspace as it was. The workspace is saved at the end.
 */
export function importFiles(ws: Workspace, files: InputFile[], opts: ImportOptions = {}): Promise<ImportSummary[]> {
  // Imports and indicator computations on one engine take turns (see exclusive.ts).
  return exclusive(ws.engine, () => importUnlocked(ws, files, opts));
}

async function importUnlocked(ws: Workspace, files: InputFile[], opts: ImportOptions): Promise<ImportSummary[]> {
  const today = opts.today ?? todayIso();
  const results: ImportSummary[] = [];
  const planned: Array<{ file: InputFile; index: number; order: number; hash: string }> = [];
  for (const [index, file] of files.entries()) {
    const hash = await contentHash(file.bytes);
    // Order by the table the headers announce; a quick look at the first rows is enough.
    const peek = openFile(file.name, file.bytes.subarray(0, 65536), 5);
    let order: number = CANONICAL_TABLES.length;
    if (peek.ok) {
      for (const s of peek.sources) {
        const m = resolveSheet(ws, file.name, s, opts).mapping;
        if (m) order = Math.min(order, CANONICAL_TABLES.indexOf(m.table));
      }
    }
    planned.push({ file, index, order, hash });
  }
  planned.sort((a, b) => a.order - b.order || a.index - b.index);
  let rowsSoFar = 0;
  let cancelled = false;
  let changed = false;
  // A built cube is updated for what the batch changes rather than rebuilt whole (update.ts).
  const cube = await cubeChangesFor(ws.engine);
  try {
    for (const [i, { file, hash }] of planned.entries()) {
      if (cancelled || opts.signal?.aborted) {
        cancelled = true;
        results.push(summary(file.name, null, 'cancelled'));
        continue;
      }
      const seen = await queryRows<{ n: number }>(
        ws.engine,
        `SELECT count(*) AS n FROM ${IMPORT_LOG_TABLE} WHERE content_hash = ${sqlString(hash)}`,
      );
      if ((seen[0]?.n ?? 0) > 0) {
        results.push(summary(file.name, null, 'duplicate'));
        continue;
      }
      const opened = openFile(file.name, file.bytes, Infinity, opts.chunkBytes);
      const at = { file: file.name, sheet: null, table: null };
      if (!opened.ok) {
        results.push(summary(file.name, null, 'fatal', { fatal: problem(opened.rule, at, null, null, opened.detail) }));
        continue;
      }
      const sheets = opened.sources.map((src) => resolveSheet(ws, file.name, src, opts));
      if (sheets.every((s) => !s.mapping)) {
        const headers = opened.sources[0]?.headers ?? [];
        results.push(
          summary(file.name, null, 'fatal', { encoding: opened.encoding, fatal: problem('file_unrecognised', at, 1, null, headers.join(', '), null, nearestTable(headers)) }),
        );
        continue;
      }
      for (const [sheetIndex, { src, mapping }] of sheets.entries()) {
        if (!mapping) {
          // A notes sheet beside the data sheets of a workbook.
          results.push(summary(file.name, src.sheet, 'skipped', { encoding: opened.encoding }));
          continue;
        }
        try {
          const s = await importSource(ws, {
            file: file.name, src, mapping, hash, importId: `${hash.slice(0, 16)}.${sheetIndex}`,
            encoding: opened.encoding, strictWidth: opened.kind === 'text', today, signal: opts.signal, cube, fast: opts.fastCsv ?? file.bytes.length >= FAST_CSV_MIN_BYTES, chunkBytes: opts.chunkBytes,
            onRows: (rows, fraction) => {
              opts.onProgress?.({
                file: file.name, fileIndex: i, fileCount: planned.length, rows: rowsSoFar + rows,
                percent: Math.min(100, ((i + (sheetIndex + fraction) / sheets.length) / planned.length) * 100),
              });
            },
          });
          rowsSoFar += s.rowsRead;
          results.push(s);
          changed = true;
        } catch (e) {
          if (!(e instanceof Cancelled)) throw e;
          cancelled = true;
          results.push(summary(file.name, src.sheet, 'cancelled', { table: mapping.table }));
          break;
        }
      }
    }
  } finally {
    // The cube and the quality summary are derived from these tables: the cube is updated
    // for the communes changed (or dropped, to be rebuilt by the next computation); the next
    // save recomputes the summary (once for many imports). Also when a later file failed:
    // the files before it are in the tables.
    if (changed) {
      const last = planned.length - 1;
      if (cube && cube.communes.size > 0)
        tell(() => opts.onProgress?.({ file: planned[last]?.file.name ?? '', fileIndex: last, fileCount: planned.length, rows: rowsSoFar, percent: 100, updatingCommunes: cube.communes.size }));
      const update = await updateOrDropCube(ws.engine, cube);
      tell(() => opts.onCube?.({ update, communes: update === 'updated' && cube ? [...cube.communes].sort() : [] }));
      await dropQualitySummary(ws.engine);
    }
  }
  if (changed && opts.save !== false) await ws.save();
  return results;
}

/**
 * Call a caller's callback after the files: one that throws (its view gone) must not keep the
 * cube from being updated or dropped, and the import's own error, if any, is the one thrown.
 */
function tell(callback: () => void): void {
  try {
    callback();
  } catch {
    // ignored, as above
  }
}

/**
 * The cube after an import: updated for the communes it changed, else dropped. An update that
 * fails drops it too: the next computation rebuilds it whole with the same statements, so an
 * error would show there, and the imported rows stay.
 */
async function updateOrDropCube(engine: Engine, cube: CubeChanges | null): Promise<CubeUpdate> {
  try {
    if (cube) return await updateCubeUnlocked(engine, cube);
  } catch {
    // dropped below
  }
  await dropCube(engine);
  return 'dropped';
}

interface SourceJob {
  file: string;
  src: TabularSource;
  mapping: ColumnMapping;
  hash: string;
  importId: string;
  encoding: Encoding | null;
  strictWidth: boolean;
  today: string;
  signal: AbortSignal | undefined;
  fast: boolean;
  chunkBytes: number | undefined;
  onRows: (rows: number, fraction: number) => void;
  /** What the batch changes for a built cube, or null when there is none to update. */
  cube: CubeChanges | null;
}

/** Event date that defines the period an export covers, per table (replacement key). */
const EVENT_DATE: Partial<Record<CanonicalTable, string>> = {
  sinh: 'birth_date',
  chet: 'death_date',
  chuyen_cu: 'move_date',
  ket_hon: 'marriage_date',
  mang_thai: 'pregnancy_date',
  bptt: 'start_date',
  kham_nct: 'check_date',
};

/**
 * For headers no table fits: the table they come close to (three of its columns or more) and
 * the required columns it lacks, by their formats.md names, so the user knows what to add.
 */
function nearestTable(headers: string[]): { vi: string; en: string } | undefined {
  const best = rankTables(headers)[0];
  if (!best || best.matched < 3 || best.missingRequired.length === 0) return undefined;
  const names = best.missingRequired.map((n) => FIELDS[best.table].find((f) => f.name === n)?.headers[0] ?? n).join(', ');
  const name = (A0_TABLE_NAMES as Partial<Record<string, { vi: string; en: string }>>)[best.table] ?? { vi: 'báo cáo MIS', en: 'an MIS report' };
  return {
    vi: `giống ${name.vi} (${best.table}) nhưng thiếu cột ${names}`,
    en: `looks like the ${name.en} table (${best.table}) but lacks the column(s) ${names}`,
  };
}

async function importSource(ws: Workspace, job: SourceJob): Promise<ImportSummary> {
  const { engine } = ws;
  const table = job.mapping.table;
  const staged = stagingColumnDefs(table);
  const cols = staged.map((c) => c.name);
  const convert = makeConverter({
    table, mapping: job.mapping, headers: job.src.headers, file: job.file, sheet: job.src.sheet,
    strictWidth: job.strictWidth, pseudonymise: ws.pseudonymise, today: job.today,
  });
  const problems: Problem[] = [];
  let read = 0;
  let quarantined = 0;
  await dropStaging(engine);
  // The staged rows already have the canonical table's columns and types (import_id by
  // default), so the commit can make this table the canonical one. Not TEMP: a whole file's
  // rows wait here, and only the attached database compresses them (uncompressed, a 5 M-row
  // register raised the import's peak from 4.4 to 5.8 GB, no faster).
  const id = sqlString(job.importId);
  await engine.query(
    `CREATE TABLE ${STAGING} (${SCHEMA[table].columns
      .map((c) => `"${c.name}" ${c.type}${c.name === 'import_id' ? ` DEFAULT ${id}` : ''}`)
      .join(', ')})`,
  );
  try {
    const absorb = async (c: ConvertedChunk) => {
      read += c.read;
      quarantined += c.quarantined;
      for (const p of c.problems) problems.push(p);
      if (c.kept > 0) await insertTyped(engine, STAGING, staged, c.columns);
    };
    const fast = job.src.raw && job.fast
      ? planFast({
          engine, table, mapping: job.mapping, headers: job.src.headers, raw: job.src.raw, columns: cols,
          pseudonymise: ws.pseudonymise, helpers: ws.helpers, today: job.today, sliceBytes: job.chunkBytes, tag: job.importId.replace(/\W/g, '_'),
          checkpoint: (fraction) => {
            if (job.signal?.aborted) throw new Cancelled();
            job.onRows(read, fraction);
          },
        })
      : undefined;
    // DuckDB reads and converts the plain rows; the converter sees only the others.
    const done = fast ? await fast.run((chunk) => absorb(convert(chunk))) : null;
    if (fast && !done) {
      // DuckDB refused a slice: start again with the JS reader.
      await engine.query(`DELETE FROM ${STAGING}`);
      problems.length = 0;
      read = 0;
      quarantined = 0;
    }
    if (done) {
      read += done.clean;
      if (read !== done.read) throw new Error(`fast path: ${read} rows accounted for, ${done.read} read`);
      job.onRows(read, 1);
    } else {
      for (const chunk of job.src.chunks()) {
        if (job.signal?.aborted) throw new Cancelled();
        await absorb(convert(chunk));
        job.onRows(read, chunk.progress);
        // Let the UI breathe and cancellation arrive between chunks.
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    if (job.signal?.aborted) throw new Cancelled();
    // Set-based checks: errors quarantine the staged row.
    const at = { file: job.file, sheet: job.src.sheet, table };
    const findings = await crossChecks(engine, table);
    const dropRows = new Set<number>();
    for (const f of findings) {
      const p = problem(f.rule, at, f.source_row, f.column, f.value, f.commune_code);
      problems.push(p);
      if (p.severity === 'error') dropRows.add(f.source_row);
    }
    if (dropRows.size > 0) {
      await engine.query(`DELETE FROM ${STAGING} WHERE source_row IN (${[...dropRows].join(',')})`);
      quarantined += dropRows.size;
    }
    const [{ n: kept }] = (await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${STAGING}`)) as [{ n: number }];
    // The report names the file's own column ("Ngày sinh"), as the user will look for it.
    const headerOf = new Map(mappedColumns({ table, mapping: job.mapping, headers: job.src.headers }).map(([i, f]) => [f.name, job.src.headers[i]!]));
    for (const p of problems) if (p.column !== null && headerOf.has(p.column)) p.column = headerOf.get(p.column)!;
    const replaced = await commit(ws, job, table, problems, { read, kept, quarantined });
    // Per rule, the number of records it hit: a register row with two future dates is one
    // record; a report form's record is a commune's cell, so its row is keyed by commune too.
    // The quality report keeps every finding, cell by cell.
    const rowsByRule = new Map<RuleCode, Set<string>>();
    let warnings = 0;
    problems.forEach((p, i) => {
      if (!rowsByRule.has(p.rule)) rowsByRule.set(p.rule, new Set());
      rowsByRule.get(p.rule)!.add(p.row === null ? `file-${i}` : `${p.row}|${p.commune_code ?? ''}`);
      if (p.severity === 'warning') warnings++;
    });
    const rules: Partial<Record<RuleCode, number>> = Object.fromEntries([...rowsByRule].map(([r, rows]) => [r, rows.size]));
    return {
      file: job.file, sheet: job.src.sheet, table, status: 'imported', importId: job.importId, encoding: job.encoding,
      rowsRead: read, kept, quarantined, warnings, rules, replaced, fatal: null,
    };
  } finally {
    await dropStaging(engine);
  }
}

/** The staged rows of one source, typed as the canonical table (see importSource). */
const STAGING = 'stg';
/** Text columns on their way to the staging table (insertTyped). */
const TEXT_ROWS = 'tmp_rows';

/** The staging tables of one source (left over from a crash, or done with). */
async function dropStaging(engine: Engine): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${STAGING}; DROP TABLE IF EXISTS ${TEXT_ROWS}`);
}

/** Replace older exports, insert the staged rows, the problems and the log line, in one transaction. */
async function commit(
  ws: Workspace,
  job: SourceJob,
  table: CanonicalTable,
  problems: Problem[],
  counts: { read: number; kept: number; quarantined: number },
): Promise<Replacement[]> {
  const { engine } = ws;
  // Rows of earlier imports covering the same commune (and period) as this export.
  const eventDate = EVENT_DATE[table];
  let cover: string;
  if (table === 'nhan_khau') cover = `t.commune_code IN (SELECT DISTINCT commune_code FROM ${STAGING})`;
  else if (table === 'mis') cover = `(t.commune_code, t.period) IN (SELECT DISTINCT commune_code, period FROM ${STAGING})`;
  else
    cover = `EXISTS (SELECT 1 FROM (SELECT commune_code, min(${eventDate}) AS lo, max(${eventDate}) AS hi
                FROM ${STAGING} GROUP BY commune_code) c
              WHERE c.commune_code = t.commune_code AND t.${eventDate} BETWEEN c.lo AND c.hi)`;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  // The communes whose cube rows the rows replaced and the rows staged change (update.ts).
  // Before the transaction: a failed look-up must not abort it (noting fails softly).
  if (job.cube) {
    await noteCubeChanges(engine, job.cube, table, `SELECT * FROM ${table} t WHERE ${cover}`);
    await noteCubeChanges(engine, job.cube, table, `SELECT * FROM ${STAGING}`);
  }
  await engine.query('BEGIN TRANSACTION');
  try {
    const replacedRows = await queryRows<{ import_id: string; rows: number }>(
      engine,
      `SELECT import_id, count(*) AS rows FROM ${table} t WHERE ${cover} GROUP BY import_id ORDER BY import_id`,
    );
    const replaced: Replacement[] = [];
    if (replacedRows.length > 0) {
      const names = await queryRows<{ import_id: string; file_name: string }>(
        engine,
        `SELECT import_id, file_name FROM ${IMPORT_LOG_TABLE} WHERE import_id IN (${replacedRows.map((r) => sqlString(r.import_id)).join(',')})`,
      );
      for (const r of replacedRows)
        replaced.push({ import_id: r.import_id, file_name: names.find((n) => n.import_id === r.import_id)?.file_name ?? '', table, rows: r.rows });
      await engine.query(`DELETE FROM ${table} t WHERE ${cover}`);
      // Problems of imports whose rows are all gone no longer describe the workspace.
      await engine.query(
        `DELETE FROM ${QUALITY_TABLE} WHERE import_id IN (${replacedRows.map((r) => sqlString(r.import_id)).join(',')})
           AND import_id NOT IN (SELECT DISTINCT import_id FROM ${table})`,
      );
    }
    // Into an empty table (a first import, or every row replaced), the staged table takes its
    // place: no copy at all (its import_id default goes). Otherwise the rows are copied by one
    // INSERT inside the transaction, which holds them uncompressed until COMMIT (for a 5 M-row
    // register: 1 GB more duckdb-wasm memory, which never shrinks, and 10 s compressing them);
    // exports of a commune at a time, the usual case, are small.
    if (!(await hasRows(engine, table))) {
      await engine.query(`DROP TABLE ${table}`);
      await engine.query(`ALTER TABLE ${STAGING} RENAME TO ${table}`);
      await engine.query(`ALTER TABLE ${table} ALTER COLUMN import_id DROP DEFAULT`);
    } else {
      await engine.query(`INSERT INTO ${table} SELECT * FROM ${STAGING}`);
    }
    await insertProblems(engine, job.importId, problems);
    const log: Record<string, string | null> = {
      import_id: job.importId, file_name: job.file, sheet: job.src.sheet, content_hash: job.hash,
      imported_at: new Date().toISOString(), table_name: table, encoding: job.encoding,
      rows_read: String(counts.read), kept: String(counts.kept), quarantined: String(counts.quarantined),
      warnings: String(warnings), replaced: JSON.stringify(replaced),
    };
    // One statement (per-file overhead matters when 99 communes send 8 files each).
    await engine.query(
      `INSERT INTO ${IMPORT_LOG_TABLE} SELECT ${IMPORT_LOG_COLUMNS.map((c) => `CAST(${log[c.name] === null || log[c.name] === undefined ? 'NULL' : sqlString(log[c.name]!)} AS ${c.type})`).join(', ')}`,
    );
    await engine.query('COMMIT');
    return replaced;
  } catch (e) {
    await engine.query('ROLLBACK');
    throw e;
  }
}

async function insertProblems(engine: Engine, importId: string, problems: Problem[]): Promise<void> {
  if (problems.length === 0) return;
  const get: Record<string, (p: Problem) => string | null> = {
    import_id: () => importId,
    file: (p) => p.file,
    sheet: (p) => p.sheet,
    row: (p) => (p.row === null ? null : String(p.row)),
    column: (p) => p.column,
    value: (p) => p.value,
    rule: (p) => p.rule,
    severity: (p) => p.severity,
    message_vi: (p) => p.message_vi,
    message_en: (p) => p.message_en,
    table_name: (p) => p.table,
    commune_code: (p) => p.commune_code,
  };
  await insertTyped(engine, QUALITY_TABLE, QUALITY_REPORT_COLUMNS, QUALITY_REPORT_COLUMNS.map((c) => problems.map(get[c.name]!)));
}

/** Insert text columns into (those columns of) a typed table through a temporary text table. */
async function insertTyped(
  engine: Engine,
  table: string,
  columns: ColumnDef[],
  data: (string | null)[][],
): Promise<void> {
  await insertTextColumns(engine, TEXT_ROWS, columns.map((c) => c.name), data);
  await engine.query(
    `INSERT INTO ${table} (${columns.map((c) => `"${c.name}"`).join(', ')})
     SELECT ${columns.map((c) => castFromText(`"${c.name}"`, c.type)).join(', ')} FROM ${TEXT_ROWS}`,
  );
  await engine.query(`DROP TABLE ${TEXT_ROWS}`);
}

/** Problem messages of a rule, for UIs that show rule filters. */
export function ruleMessages(rule: RuleCode): { vi: string; en: string; severity: string } {
  return QUALITY_RULES[rule];
}
