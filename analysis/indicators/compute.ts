import { exclusive } from '../engine/exclusive.js';
import { hasRows, numberArray, queryRows, sqlString, tableExists, type Engine } from '../engine/engine.js';
import { buildCubeUnlocked, ensureCubeVillagesUnlocked } from './cube/build.js';
import { A0_TABLE_NAMES, A0_TABLE_OF, DATA_ELEMENTS, type DataElement } from '../model/data-elements.js';
import { CUBE_TABLE, VILLAGE_SEPARATOR, type CubeSource } from './cube/schema.js';
import { a0TablesOf, CELL_COLUMNS, missingReason, upperFirst, type A0Coverage } from './columns.js';
import { normal, poissonRate, srbWilson, wilson, type Interval } from './intervals.js';
import { E0_OF_SEX, lifeTableSeries, MIN_PERSON_YEARS, unitLifeTables, type LifeTableSeries } from './life-expectancy.js';
import { cubeDerived } from './cube-derived.js';
import type { LifeTableMethod } from './lifetable.js';
import { ASFR_CODES, INDICATORS, indicatorByCode, type IndicatorDef } from './registry.js';
import type { IndicatorResult, ResultFlag, UnitLevel } from './result.js';
import { smoothResults } from './smooth-results.js';
import { unitProvince } from './unit-province.js';
import {
  availabilitySql, COMMUNE_PROVINCE_TABLE, periodOrdinalSql, PERIODS_PER_YEAR, pivotSql, pooledSql, POOLED_TABLE, UNIT_AVAILABILITY_TABLE, wideSql, type PeriodType,
} from './wide.js';
import { addChanges } from './changes.js';
import { UNRELIABLE_EVENTS, unreliableReason, type WorkingResult } from './working.js';

/** The longest pooling the e₀ suppression note suggests: over more years, a mean of a changing mortality says little. */
const MAX_USEFUL_POOL = 10;

export { UNRELIABLE_EVENTS };

export interface ComputeOptions {
  /** Which cube rows to read; default A0 when the register holds anyone or there is no MIS export, else MIS. */
  source?: CubeSource;
  /** Levels to report; default all three. */
  level?: UnitLevel | UnitLevel[];
  /** Years [first, last]; pooled windows must lie inside. Default: every year with data. */
  years?: [number, number];
  /** Indicator codes; default all of INDICATORS. */
  indicators?: string[];
  /** Pool k consecutive years (windows ending at each year). Default 1. */
  pool?: number;
  smooth?: 'eb' | null;
  lifeTable?: LifeTableMethod;
  /** Rebuild the cube even when one exists. */
  rebuildCube?: boolean;
  /** Progress of a cube build this call starts (statements done of total). */
  onCubeProgress?: (done: number, total: number) => void;
  /**
   * Periods: years (default), or quarters or months for the indicators made of flows only
   * (subAnnual() says which; the others are left out). No pooling below a year.
   */
  periodType?: PeriodType;
}

/** Whether an indicator can be computed by quarter or month: every cell it reads is a flow total. */
export function subAnnual(def: IndicatorDef): boolean {
  if (!def.sql) return false;
  return def.sql.requires.every((name) => {
    const c = CELL_COLUMNS.find((x) => x.name === name);
    return !!c && c.at === 'cur' && c.ages === 'total' && DATA_ELEMENTS[c.element as keyof typeof DATA_ELEMENTS] === 'flow';
  });
}

const LEVELS: UnitLevel[] = ['province', 'commune', 'village'];
const levelsOf = (o: ComputeOptions): UnitLevel[] => (o.level ? (Array.isArray(o.level) ? o.level : [o.level]) : LEVELS);

/** A span of years as reasons write it: '2024', '2021–2025'. */
const yearSpan = (first: number, last: number) => (first === last ? String(first) : `${first}–${last}`);

/** Code-point order: unit codes and periods are ASCII, so no locale rules are needed. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Make sure the cube holds rows for a source and say which one to read. */
async function prepareCube(engine: Engine, o: ComputeOptions): Promise<CubeSource> {
  const cubeExists = await tableExists(engine, CUBE_TABLE);
  let source = o.source;
  if (!source && cubeExists) {
    // A saved cube says which source it was built from, without loading the register.
    const [r] = await queryRows<{ a0: number; mis: number }>(
      engine,
      `SELECT count(*) FILTER (WHERE source = 'a0') AS a0, count(*) FILTER (WHERE source = 'mis') AS mis FROM (SELECT DISTINCT source FROM ${CUBE_TABLE})`,
    );
    if (r?.a0) source = 'a0';
    else if (r?.mis) source = 'mis';
  }
  if (!source) {
    const holds = async (t: string) => (await tableExists(engine, t)) && (await hasRows(engine, t));
    // The register decides; without one, MIS exports when there are any, else the A0 event
    // tables alone (a station's births export gives the SRB and the screening rates).
    source = (await holds('nhan_khau')) || !(await holds('mis')) ? 'a0' : 'mis';
  }
  const built =
    cubeExists && (await hasRows(engine, `${CUBE_TABLE} WHERE source = ${sqlString(source)}`));
  const villages = levelsOf(o).includes('village');
  const onProgress = o.onCubeProgress;
  if (!built || o.rebuildCube) await buildCubeUnlocked(engine, { source, villages, ...(onProgress ? { onProgress } : {}) });
  else if (villages) await ensureCubeVillagesUnlocked(engine, source, onProgress);
  return source;
}

/** Years with data: a first year with stocks only (A0's 31/12 before the first year, or an
 * MIS export's opening population) only serves the average population of the next. */
async function dataYears(engine: Engine, source: CubeSource, pt: PeriodType): Promise<[number, number] | null> {
  const flows = Object.entries(DATA_ELEMENTS).filter(([, k]) => k === 'flow').map(([e]) => sqlString(e)).join(', ');
  const ord = periodOrdinalSql(pt);
  const [r] = await queryRows<{ lo: number | null; hi: number | null; flo: number | null }>(
    engine,
    `SELECT min(${ord}) AS lo, max(${ord}) AS hi, min(${ord}) FILTER (WHERE element IN (${flows})) AS flo
     FROM ${CUBE_TABLE} WHERE source = ${sqlString(source)} AND period_type = '${pt}' AND level = 'province'`,
  );
  if (!r || r.lo === null || r.hi === null) return null;
  return [r.flo ?? r.lo, r.hi];
}

/**
 * Every SQL indicator for every window of the pooled table, as one row per window (w, its
 * rowid): columns v0, n0, q0, e0, s0 (value, numerator, denominator, events, se of the first indicator), v1, …
 * and m0, m1, … (whether each required column is NULL). NULL numbers come as NaN, so every
 * number column is a plain Float64Array on the JS side. One wide row per window costs a
 * third of a union of one SELECT per indicator (and a tenth of its conversion).
 */
function indicatorsSql(defs: IndicatorDef[], required: string[]): string {
  const nan = (x: string | null | undefined) => `coalesce(CAST(${x ?? 'NULL'} AS DOUBLE), 'NaN'::DOUBLE)`;
  const cols = defs.flatMap((def, d) => {
    const s = def.sql!;
    return [`${nan(s.value)} AS v${d}`, `${nan(s.num)} AS n${d}`, `${nan(s.den)} AS q${d}`, `${nan(s.events)} AS e${d}`, `${nan(s.se)} AS s${d}`];
  });
  const nulls = required.map((c, i) => `${c} IS NULL AS m${i}`);
  return `SELECT rowid AS w, ${[...cols, ...nulls].join(', ')} FROM ${POOLED_TABLE}`;
}

/** A window of the pooled table: its unit and period, and its place in the output order. */
interface PooledKey {
  level: UnitLevel;
  unit_code: string;
  unit_name: string;
  period: string;
  end_year: number;
  k: number;
  rank: number;
}

interface SqlRow {
  value: number;
  numerator: number;
  denominator: number;
  events: number;
  se: number;
  missing: string[] | null;
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * The A0 tables that hold rows but give no cell in any year of the wide build (_ind_av):
 * a file of other years, told apart from one never imported. Only those tables are read,
 * and only for a row (the rare case: a register's other tables load when first read).
 */
async function a0Coverage(engine: Engine, first: number, last: number): Promise<A0Coverage> {
  const byTable = new Map<string, string>();
  for (const c of CELL_COLUMNS) if (c.at === 'cur') byTable.set(A0_TABLE_OF[c.element as DataElement], c.name);
  const [seen] = await queryRows<Record<string, boolean | null>>(
    // Not aliased by the tables' names: naming a register would load it (lazy-engine.ts).
    engine, `SELECT ${[...byTable].map(([t, c]) => `bool_or(${c}) AS seen_${t}`).join(', ')} FROM _ind_av`,
  );
  const unrecorded = new Set<string>();
  for (const t of byTable.keys()) {
    if (seen?.[`seen_${t}`] || !(await tableExists(engine, t))) continue;
    if (await hasRows(engine, t)) unrecorded.add(t);
  }
  return { unrecorded, years: yearSpan(first, last) };
}

/** A commune's name and province. */
type CommuneInfo = { name: string; province: string };

/** Each commune of a source's cube with its name and its province among the cube's (unitProvince). */
async function communeMap(engine: Engine, source: CubeSource): Promise<Map<string, CommuneInfo>> {
  const rows = await queryRows<{ level: string; unit_code: string; unit_name: string }>(
    engine,
    `SELECT level, unit_code, any_value(unit_name) AS unit_name FROM ${CUBE_TABLE}
     WHERE source = ${sqlString(source)} AND level IN ('commune', 'province') AND period_type = 'year' GROUP BY 1, 2`,
  );
  const provinces = new Set(rows.filter((r) => r.level === 'province').map((r) => r.unit_code));
  return new Map(rows.filter((r) => r.level === 'commune').map((r) => [r.unit_code, { name: r.unit_name, province: unitProvince(r.unit_code, provinces) }]));
}

/** The communes' provinces as a table, for the provinces' availability (wide.ts). */
async function communeProvinces(engine: Engine, communes: Map<string, CommuneInfo>): Promise<void> {
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${COMMUNE_PROVINCE_TABLE} (unit_code VARCHAR, province_code VARCHAR)`);
  if (communes.size === 0) return;
  const values = [...communes].map(([code, c]) => `(${sqlString(code)}, ${sqlString(c.province)})`);
  await engine.query(`INSERT INTO ${COMMUNE_PROVINCE_TABLE} VALUES ${values.join(', ')}`);
}

/**
 * Why a unit's window cannot be computed though its indicators' columns exist elsewhere: by
 * `level|unit_code`, then year; `next` when the gap also takes the year-end that the next
 * year's average population needs.
 */
type Gaps = Map<string, Map<number, { reason: string; next: boolean }>>;

/**
 * The gaps of communes (`commune|code`, year, reason), and of their provinces, which are
 * short of them: a province's reason names its communes (three, then "…").
 */
function communeGaps(
  found: Array<{ unit_code: string; year: number; reason: string }>, communes: Map<string, CommuneInfo>, next: boolean,
  provinceReason: (year: number, n: number, list: string) => string,
): Gaps {
  const gaps: Gaps = new Map();
  for (const r of found) addGap(gaps, `commune|${r.unit_code}`, r.year, r.reason, next);
  for (const p of shortProvinces(found.map((r) => ({ unit_code: r.unit_code, what: r.year })), communes))
    addGap(gaps, `province|${p.province}`, p.what, provinceReason(p.what, p.n, p.list), next);
  return gaps;
}

/**
 * Communes short of something (a year, a table), grouped by their province and what they
 * are short of: how many, and the list a province's reason names (three, then "…").
 */
function shortProvinces<T extends string | number>(
  found: Array<{ unit_code: string; what: T }>, communes: Map<string, CommuneInfo>,
): Array<{ province: string; what: T; n: number; list: string }> {
  const short = new Map<string, { province: string; what: T; names: string[] }>();
  for (const r of found) {
    const c = communes.get(r.unit_code);
    const province = c?.province ?? '??';
    const key = `${province}|${r.what}`;
    const g = short.get(key) ?? { province, what: r.what, names: [] };
    g.names.push(`${c?.name ?? r.unit_code} (${r.unit_code})`);
    short.set(key, g);
  }
  return [...short.values()].map(({ province, what, names }) => ({
    province, what, n: names.length, list: names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', '),
  }));
}

/**
 * MIS years a commune has no figures for while others have (left out of the export, or only
 * part of the year given), and the provinces short of those communes. A window needs its
 * years and the year-end before it (average population).
 */
async function misGaps(engine: Engine, communes: Map<string, CommuneInfo>, first: number, last: number): Promise<Gaps> {
  const rows = await queryRows<{ unit_code: string; year: number; upto: string | null }>(
    engine,
    `WITH c AS (SELECT DISTINCT unit_code FROM _ind_avu), y AS (SELECT DISTINCT year FROM _ind_avu WHERE year BETWEEN ${first - 1} AND ${last}),
     absent AS (SELECT c.unit_code, y.year FROM c CROSS JOIN y ANTI JOIN _ind_avu u ON u.unit_code = c.unit_code AND u.year = y.year)
     SELECT a.unit_code, a.year, max(s.period) AS upto FROM absent a
     LEFT JOIN ${CUBE_TABLE} s ON s.source = 'mis' AND s.level = 'commune' AND s.unit_code = a.unit_code AND s.year = a.year AND s.period_type <> 'year'
     GROUP BY a.unit_code, a.year ORDER BY a.unit_code`,
  );
  const found = rows.map((r) => ({
    unit_code: r.unit_code,
    year: r.year,
    reason: r.upto
      ? `Số liệu năm ${r.year} của xã chỉ đến kỳ ${r.upto}, chưa đủ cả năm · this commune's figures for ${r.year} run only to ${r.upto}, not a full year`
      : `Không có số liệu của xã năm ${r.year} · no figures for this commune in ${r.year}`,
  }));
  return communeGaps(found, communes, true, (y, n, list) =>
    `Thiếu số liệu cả năm ${y} của ${n} xã: ${list} · ${n} commune${n > 1 ? 's' : ''} without figures for the whole of ${y}: ${list}`);
}

function addGap(gaps: Gaps, key: string, year: number, reason: string, next: boolean): void {
  const m = gaps.get(key) ?? new Map<number, { reason: string; next: boolean }>();
  if (!m.has(year)) m.set(year, { reason, next });
  gaps.set(key, m);
}

/**
 * A0 first or last year that a commune's events (births, deaths, moves) do not cover whole:
 * registers exported on 30/06/2025 have half of 2025's births (CBR, TFR halved, e₀ inflated),
 * and registers come one folder per commune, so one commune's may stop early. Read from the
 * cube's months by commune; the province of such a commune is short of it. The empty months
 * at either end are a cut only when that many would be very unlikely at the commune's
 * monthly rate over the years computed (P < 1/1000, Poisson): a commune of 2,000 people has
 * about five events a month and may well have none in December. The year-end stocks are the
 * register's as exported: the next year is not affected.
 */
async function a0PartYears(engine: Engine, communes: Map<string, CommuneInfo>, first: number, last: number): Promise<Gaps> {
  const rows = await queryRows<{ unit_code: string; lo: number; hi: number; n: number }>(
    engine,
    `SELECT unit_code, min(o) AS lo, max(o) AS hi, sum(n) AS n FROM (
       SELECT unit_code, year * 12 + CAST(right(period, 2) AS INTEGER) - 1 AS o, sum(value) AS n
       FROM ${CUBE_TABLE} WHERE source = 'a0' AND level = 'commune' AND period_type = 'month' AND sex = 'T'
         AND element IN ('births', 'deaths', 'in_migrants', 'out_migrants') AND year BETWEEN ${first} AND ${last}
       GROUP BY 1, 2)
     GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1`,
  );
  const month = (o: number) => `${String((o % 12) + 1).padStart(2, '0')}/${Math.floor(o / 12)}`;
  const events = 'sự kiện (sinh, chết, chuyển đi/đến)';
  const found: Array<{ unit_code: string; year: number; reason: string }> = [];
  for (const r of rows) {
    const perMonth = r.n / (r.hi - r.lo + 1);
    const cut = (months: number) => months > 0 && perMonth * months > Math.log(1000);
    if (cut(last * 12 + 11 - r.hi))
      found.push({
        unit_code: r.unit_code,
        year: last,
        reason:
          Math.floor(r.hi / 12) === last
            ? `Sổ A0 của xã chỉ có ${events} đến tháng ${month(r.hi)}: năm ${last} chưa đủ · this commune's A0 registers record events (births, deaths, moves) only up to ${month(r.hi)}: ${last} is not a full year`
            : `Sổ A0 của xã không có ${events} năm ${last} · this commune's A0 registers record no events (births, deaths, moves) in ${last}`,
      });
    if (cut(r.lo - first * 12))
      found.push({ unit_code: r.unit_code, year: first, reason: `Sổ A0 của xã chỉ có ${events} từ tháng ${month(r.lo)}: năm ${first} chưa đủ · this commune's A0 registers record events (births, deaths, moves) only from ${month(r.lo)}: ${first} is not a full year` });
  }
  return communeGaps(found, communes, false, (y, n, list) =>
    `Sổ A0 của ${n} xã chưa đủ năm ${y}: ${list} · the A0 registers of ${n} commune${n > 1 ? 's' : ''} do not cover ${y} whole: ${list}`);
}

/** A0 tables a unit lacks: `commune|code` or `province|code` → table → reason. */
type Lacks = Map<string, Map<string, string>>;

/**
 * A0 event tables of which a commune on the register has no record at all in the years
 * computed, where its population makes that very unlikely (P < 1/1000, Poisson, at the
 * rate per person of all communes): that commune's file was not imported. Its indicators
 * from the table are not computable rather than 0, and so are its province's, which is
 * short of it (a commune's births export left out read CBR 0 ‰ and lowered the province's
 * 19.2 ‰ to 12.8 ‰ without a flag). A small commune with no record may well have none:
 * its 0 stands.
 */
async function a0MissingFiles(engine: Engine, communes: Map<string, CommuneInfo>, first: number, last: number): Promise<Lacks> {
  const pairs = Object.entries(A0_TABLE_OF).filter(([, t]) => t !== 'nhan_khau');
  // Tables by number: a statement naming a table would load it (lazy-engine.ts).
  const tables = [...new Set(pairs.map(([, t]) => t))];
  const cells = `source = 'a0' AND level = 'commune' AND period_type = 'year' AND sex = 'T' AND age_group = 'total' AND year BETWEEN ${first} AND ${last}`;
  const found = await queryRows<{ unit_code: string; t: number; expected: number }>(
    engine,
    `WITH el(element, t) AS (VALUES ${pairs.map(([e, t]) => `(${sqlString(e)}, ${tables.indexOf(t)})`).join(', ')}),
     pop AS (SELECT unit_code, sum(value) AS py FROM ${CUBE_TABLE} WHERE ${cells} AND element = 'population' GROUP BY 1 HAVING sum(value) > 0),
     ev AS (SELECT unit_code, t, sum(value) AS n FROM ${CUBE_TABLE} JOIN el USING (element) WHERE ${cells} GROUP BY 1, 2),
     rate AS (SELECT t, sum(n) / (SELECT sum(py) FROM pop) AS r FROM ev GROUP BY 1)
     SELECT p.unit_code, r.t, r.r * p.py AS expected FROM pop p CROSS JOIN rate r
     LEFT JOIN ev e ON e.unit_code = p.unit_code AND e.t = r.t
     WHERE coalesce(e.n, 0) = 0 AND r.r * p.py > ln(1000) ORDER BY 1, 2`,
  );
  const rows = found.map((r) => ({ ...r, what: tables[r.t]! }));
  const lacks: Lacks = new Map();
  const add = (key: string, t: string, reason: string) => lacks.set(key, (lacks.get(key) ?? new Map<string, string>()).set(t, reason));
  const years = yearSpan(first, last);
  const named = (t: string) => A0_TABLE_NAMES[t as keyof typeof A0_TABLE_NAMES];
  for (const r of rows) {
    const n = (locale: string) => fmtCount(Math.round(r.expected), locale, 0);
    add(`commune|${r.unit_code}`, r.what,
      `${upperFirst(named(r.what).vi)} (${r.what}) không có bản ghi nào của xã trong ${years}, trong khi theo dân số phải có khoảng ${n('vi-VN')}: có lẽ chưa nhập tệp của xã · ` +
      `no ${named(r.what).en} (${r.what}) record of this commune in ${years}, where its population would give about ${n('en-GB')}: its file was probably not imported`);
  }
  for (const { province, what: t, n, list } of shortProvinces(rows, communes))
    add(`province|${province}`, t,
      `${upperFirst(named(t).vi)} (${t}) không có bản ghi nào của ${n} xã, có lẽ chưa nhập tệp: ${list} · ` +
      `no ${named(t).en} (${t}) record of ${n} commune${n > 1 ? 's' : ''}, whose file${n > 1 ? 's were' : ' was'} probably not imported: ${list}`);
  return lacks;
}

/** Why a window's unit (a village: its commune) cannot give an indicator read from `tables`, if it lacks one. */
function lackOf(lacks: Lacks | undefined, w: { level: string; unit_code: string }, tables: readonly string[]): string | undefined {
  if (!lacks || lacks.size === 0) return undefined;
  for (const key of unitKeys(w)) {
    const lack = lacks.get(key);
    for (const t of tables) if (lack?.has(t)) return lack.get(t);
  }
  return undefined;
}

/** The keys of a unit's gaps and lacks: its own, and a village's commune's (a village is in its commune's). */
function unitKeys(w: { level: string; unit_code: string }): string[] {
  const own = `${w.level}|${w.unit_code}`;
  return w.level === 'village' ? [own, `commune|${w.unit_code.split(VILLAGE_SEPARATOR)[0]}`] : [own];
}

/**
 * The gap a window falls in: one of its years, or (`before`: the value needs it, and could not
 * be computed) the year-end before it.
 */
function gapOf(gaps: Gaps | undefined, w: { level: string; unit_code: string; end_year: number; k: number }, before = true): string | undefined {
  if (!gaps) return undefined;
  for (const key of unitKeys(w)) {
    const m = gaps.get(key);
    if (!m) continue;
    for (let y = w.end_year - w.k; y <= w.end_year; y++) {
      const g = m.get(y);
      if (g && (y > w.end_year - w.k || (g.next && before))) return g.reason;
    }
  }
  return undefined;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/**
 * x as `locale` writes it, with at most `decimals` decimals. The formats are made once:
 * toLocaleString makes one per call, and the reasons of a province's suppressed e₀ took
 * 0.1 s of a computation that way.
 */
function fmtCount(x: number, locale: string, decimals = 1): string {
  const key = `${locale}:${decimals}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals })));
  return f.format(x);
}

/** Interval and flag of one row computed in SQL. */
function finish(def: IndicatorDef, r: SqlRow, w: PooledKey, source: CubeSource, coverage?: A0Coverage, gaps?: Gaps, lack?: (w: PooledKey) => string | undefined): WorkingResult {
  const out: WorkingResult = {
    indicator: def.code, unit_code: w.unit_code, unit_name: w.unit_name, level: w.level, period: w.period,
    value: finite(r.value) ? r.value : null, lower: null, upper: null,
    numerator: finite(r.numerator) ? r.numerator : null, denominator: finite(r.denominator) ? r.denominator : null,
    events: finite(r.events) ? r.events : null, flag: '', se: finite(r.se) ? r.se : null, end_year: w.end_year, k: w.k, rank: w.rank,
  };
  const gap = gapOf(gaps, w, out.value === null) ?? lack?.(w);
  if (out.value === null || gap) {
    out.value = null;
    out.flag = 'not_computable';
    out.reason = gap ?? (r.missing ? missingReason(r.missing, source, coverage) : 'Mẫu số bằng 0 · the denominator is zero');
    out.lower = out.upper = null;
    // Without the data, partial sums would read as the indicator's numerator and denominator.
    if (gap || r.missing) out.numerator = out.denominator = out.events = null;
    return out;
  }
  const n = out.numerator ?? 0;
  const d = out.denominator ?? 0;
  if (def.interval === 'wilson' && n > d) {
    // A share over 100 %: the data contradict themselves (e.g. more persons checked than
    // persons 60+); the numbers stay for the analyst to see which.
    out.value = out.lower = out.upper = null;
    out.flag = 'not_computable';
    out.reason = `Tử số lớn hơn mẫu số (${fmtCount(n, 'vi-VN')} > ${fmtCount(d, 'vi-VN')}): số liệu không khớp nhau · the numerator exceeds the denominator (${fmtCount(n, 'en-GB')} > ${fmtCount(d, 'en-GB')}): the data disagree`;
    return out;
  }
  let ci: Interval | null = null;
  if (def.interval === 'poisson') ci = poissonRate(n, d, def.scale ?? 1);
  else if (def.interval === 'wilson') {
    // A proportion's interval in percent.
    ci = wilson(n, d);
    if (ci) {
      ci.lower *= 100;
      ci.upper *= 100;
    }
  } else if (def.interval === 'srb_wilson') ci = srbWilson(n, d);
  else if (def.interval === 'normal' && out.se != null) ci = normal(out.value, out.se);
  if (ci) {
    // Fertility cannot be negative: a normal interval is cut at 0.
    out.lower = def.kind === 'tfr' ? Math.max(0, ci.lower) : ci.lower;
    out.upper = Number.isFinite(ci.upper) ? ci.upper : null;
  }
  if (def.interval !== 'none' && out.events !== null && out.events < UNRELIABLE_EVENTS) {
    out.flag = 'unreliable';
    out.reason = unreliableReason(out.events);
  }
  return out;
}

/** The pooled table's windows by rowid, ranked in output order (level, unit code, period). */
async function pooledWindows(engine: Engine): Promise<PooledKey[]> {
  const rows = await queryRows<Omit<PooledKey, 'rank'> & { w: number }>(
    engine, `SELECT rowid AS w, level, unit_code, unit_name, period, end_year, k FROM ${POOLED_TABLE}`,
  );
  const windows: PooledKey[] = [];
  for (const r of rows) windows[r.w] = { level: r.level, unit_code: r.unit_code, unit_name: r.unit_name, period: r.period, end_year: r.end_year, k: r.k, rank: 0 };
  const lorder = new Map(LEVELS.map((l, i) => [l, i]));
  [...windows]
    .sort((a, b) => lorder.get(a.level)! - lorder.get(b.level)! || cmp(a.unit_code, b.unit_code) || cmp(a.period, b.period))
    .forEach((w, i) => (w.rank = i));
  return windows;
}

/** The SQL-defined indicators for every window, in indicator then window order. */
async function sqlIndicatorRows(
  engine: Engine, defs: IndicatorDef[], windows: PooledKey[], source: CubeSource, coverage?: A0Coverage, gaps?: Gaps, lacks?: Lacks,
): Promise<WorkingResult[]> {
  const required = [...new Set(defs.flatMap((d) => d.sql!.requires))];
  const table = await engine.query(indicatorsSql(defs, required));
  const n = table.numRows;
  const w = numberArray(table.getChild('w'), 'w');
  const isNull = required.map((_, i) => table.getChild(`m${i}`)!);
  // Row indices in window order, so each indicator's rows come out sorted.
  const byRank = Array.from({ length: n }, (_, i) => i).sort((a, b) => windows[w[a]!]!.rank - windows[w[b]!]!.rank);
  const rows = new Array<WorkingResult>(n * defs.length);
  // One scratch row that finish() copies from: no object per row besides the result.
  const r: SqlRow = { value: NaN, numerator: NaN, denominator: NaN, events: NaN, se: NaN, missing: null };
  defs.forEach((def, d) => {
    // NULL arrives as NaN (indicatorsSql): every column is a plain typed array.
    const [v, num, den, ev, se] = ['v', 'n', 'q', 'e', 's'].map((p) => numberArray(table.getChild(`${p}${d}`), `${p}${d}`)) as [
      ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>,
    ];
    const req = def.sql!.requires.map((c) => isNull[required.indexOf(c)]!);
    // The tables it reads, once per indicator (not per row).
    const tables = lacks?.size ? a0TablesOf(def.sql!.requires) : [];
    const lack = (x: PooledKey) => lackOf(lacks, x, tables);
    for (let j = 0; j < n; j++) {
      const i = byRank[j]!;
      r.value = v[i]!;
      r.numerator = num[i]!;
      r.denominator = den[i]!;
      r.events = ev[i]!;
      r.se = se[i]!;
      r.missing = null;
      if (Number.isNaN(r.value)) {
        const missing = def.sql!.requires.filter((_, j) => req[j]!.get(i) === true);
        if (missing.length > 0) r.missing = missing;
      }
      rows[d * n + j] = finish(def, r, windows[w[i]!]!, source, coverage, gaps, lack);
    }
  });
  return rows;
}

/**
 * Every requested indicator for every unit of the requested levels and every period, from
 * the cube (built from the canonical tables when absent). Rows are ordered by registry
 * order, level, unit and period.
 */
export function computeIndicators(engine: Engine, options: ComputeOptions = {}): Promise<IndicatorResult[]> {
  // The temp tables below are per engine: concurrent callers must take turns.
  return exclusive(engine, () => computeUnlocked(engine, options));
}

async function computeUnlocked(engine: Engine, options: ComputeOptions): Promise<IndicatorResult[]> {
  const source = await prepareCube(engine, options);
  const pt = options.periodType ?? 'year';
  const k = pt === 'year' ? Math.max(1, Math.floor(options.pool ?? 1)) : 1;
  const levels = levelsOf(options);
  let wanted = (options.indicators ?? INDICATORS.map((d) => d.code)).map((c) => c.trim()).filter(Boolean);
  for (const c of wanted) if (!indicatorByCode(c)) throw new Error(`Không có chỉ tiêu · unknown indicator: ${c}`);
  if (pt !== 'year') wanted = wanted.filter((c) => subAnnual(indicatorByCode(c)!));
  const span = await dataYears(engine, source, pt);
  if (!span || wanted.length === 0) return [];
  const [first, last] = span;
  // Changes need the window before the first one reported.
  const needChanges = wanted.some((c) => indicatorByCode(c)!.kind === 'change');
  // What depends on the cube, the source and the levels only is kept for the next computation.
  const derived = await cubeDerived(engine);
  const unitsKey = `${source}|${[...levels].sort().join(',')}`;
  await derived.tables('pivot', `${unitsKey}|${pt}`, async () => {
    for (const sql of pivotSql(source, levels, pt)) await engine.query(sql);
  });
  const communes = await derived.value('communes', source, () => communeMap(engine, source));
  await derived.tables('availability', `${unitsKey}|${pt}|${first}|${last}`, async () => {
    if (source === 'mis') await communeProvinces(engine, communes);
    for (const sql of availabilitySql(source, first, last, pt)) await engine.query(sql);
  });
  for (const sql of wideSql(source, first, last)) await engine.query(sql);
  // Both depend on the cube alone (and the years): kept for the next computation.
  const gaps =
    pt !== 'year'
      ? undefined
      : source === 'mis'
        ? await derived.value('mis gaps', `${first}|${last}`, () => misGaps(engine, communes, first, last))
        : await derived.value('a0 part years', `${first}|${last}`, () => a0PartYears(engine, communes, first, last));
  const lacks =
    source === 'a0' && pt === 'year' ? await derived.value('a0 missing files', `${first}|${last}`, () => a0MissingFiles(engine, communes, first, last)) : undefined;
  await engine.query(pooledSql(k, first, last, pt));

  const defs = new Set(wanted);
  for (const c of wanted) {
    const of = indicatorByCode(c)!.of;
    if (of) defs.add(of);
  }
  // A smoothed TFR is the sum of the smoothed age-specific rates (smooth-results.ts).
  if (options.smooth === 'eb' && defs.has('tfr')) for (const c of ASFR_CODES) defs.add(c);
  const sqlDefs = [...defs].map((c) => indicatorByCode(c)!).filter((d) => d.sql);
  const windows = await pooledWindows(engine);
  // Sub-annual periods have no stocks at all: their reasons are the exports' (wideSql).
  const coverage =
    source === 'a0' && pt === 'year' ? await derived.value('a0 coverage', `${unitsKey}|${first}|${last}`, () => a0Coverage(engine, first, last)) : undefined;
  let rows: WorkingResult[] = sqlDefs.length > 0 ? await sqlIndicatorRows(engine, sqlDefs, windows, source, coverage, gaps, lacks) : [];
  const ltCodes = [...defs].filter((c) => indicatorByCode(c)!.kind === 'life_table');
  if (ltCodes.length > 0) {
    const series = await derived.value('life-table series', unitsKey, () => lifeTableSeries(engine, source, levels));
    rows.push(...(await lifeExpectancyRows(engine, series, source, levels, first, last, k, options.lifeTable ?? 'cd', ltCodes, windows, coverage, gaps, lacks)));
  }
  if (needChanges) rows = addChanges(rows, wanted);

  // Keep the requested indicators and windows inside the requested years.
  const per = PERIODS_PER_YEAR[pt];
  const [y0, y1] = options.years ?? [Math.floor(first / per), Math.floor(last / per)];
  const yearOf = (ordinal: number) => Math.floor(ordinal / per);
  const keep = new Set(wanted);
  let out = rows.filter((r) => yearOf(r.end_year - r.k + 1) >= y0 && yearOf(r.end_year) <= y1);
  // Before the indicators are picked: a TFR's smoothed value is made from its rates'.
  if (options.smooth === 'eb') out = smoothResults(out);
  out = out.filter((r) => keep.has(r.indicator));
  // Registry order, then the window's rank (level, unit code, period). Rows come grouped by
  // indicator and mostly in window order already: a bucket per indicator, sorted if needed.
  const buckets = new Map<string, WorkingResult[]>();
  for (const r of out) {
    const b = buckets.get(r.indicator);
    if (b) b.push(r);
    else buckets.set(r.indicator, [r]);
  }
  const results: IndicatorResult[] = [];
  for (const def of INDICATORS) {
    const b = buckets.get(def.code);
    if (!b) continue;
    for (let i = 1; i < b.length; i++) {
      if (b[i - 1]!.rank > b[i]!.rank) {
        b.sort((x, y) => x.rank - y.rank);
        break;
      }
    }
    // Written out rather than a rest spread: the spread copied 20,000 objects slowly.
    for (const r of b) {
      const o: IndicatorResult = {
        indicator: r.indicator, unit_code: r.unit_code, unit_name: r.unit_name, level: r.level, period: r.period,
        value: r.value, lower: r.lower, upper: r.upper, numerator: r.numerator, denominator: r.denominator,
        events: r.events, flag: r.flag,
      };
      if (r.reason !== undefined) o.reason = r.reason;
      if (r.smoothed !== undefined) o.smoothed = r.smoothed;
      results.push(o);
    }
  }
  return results;
}

async function lifeExpectancyRows(
  engine: Engine, series: LifeTableSeries[], source: CubeSource, levels: UnitLevel[], first: number, last: number, k: number, method: LifeTableMethod,
  codes: string[], windows: PooledKey[], coverage?: A0Coverage, gaps?: Gaps, lacks?: Lacks,
): Promise<WorkingResult[]> {
  // Years with population and deaths by age group, of both sexes and of each (an MIS export
  // may lack them); a window also needs the year-end before it. From the wide build's
  // availability: per year for A0, per unit and year for MIS (a commune left out of a year).
  const cols = { T: ['pop_0', 'd_0'], M: ['pop_0_m', 'd_0_m'], F: ['pop_0_f', 'd_0_f'] } as const;
  const all = Object.values(cols).flat();
  const av = await queryRows<Record<string, boolean | null> & { unit: string; year: number }>(
    engine,
    source === 'mis'
      ? `SELECT level || '|' || unit_code AS unit, year, ${all.join(', ')} FROM ${UNIT_AVAILABILITY_TABLE}`
      : `SELECT '' AS unit, year, ${all.join(', ')} FROM _ind_av`,
  );
  const yearsOf = new Map<string, Set<number>>();
  const anywhere = new Set<string>();
  for (const r of av) for (const c of all) if (r[c]) {
    const key = `${r.unit}|${c}`;
    yearsOf.set(key, (yearsOf.get(key) ?? new Set<number>()).add(r.year));
    anywhere.add(c);
  }
  const none = new Set<number>();
  const tables = new Map(
    (await unitLifeTables(engine, { source, levels, firstYear: first, lastYear: last, pool: k, method }, series)).map((t) => [
      `${t.level}|${t.unit_code}|${t.end_year}|${t.sex}`, t,
    ]),
  );
  const noDeaths = (c: string) =>
    source === 'a0' ? missingReason([c], source, coverage) : c === 'd_0' ? 'Dữ liệu không có số chết theo nhóm tuổi · the figures have no deaths by age group' : missingReason([c], source);
  const out: WorkingResult[] = [];
  // Every unit and window gets its rows, even when the export has no age groups at all.
  for (const w of windows) for (const sex of ['T', 'M', 'F'] as const) {
    const indicator = E0_OF_SEX[sex];
    if (!codes.includes(indicator)) continue;
    const t = tables.get(`${w.level}|${w.unit_code}|${w.end_year}|${sex}`);
    const py = t ? t.personYears.reduce((s, v) => s + v, 0) : 0;
    const deaths = t ? t.deaths.reduce((s, v) => s + v, 0) : 0;
    const r: WorkingResult = {
      indicator, unit_code: w.unit_code, unit_name: w.unit_name, level: w.level, period: w.period,
      value: null, lower: null, upper: null, numerator: deaths, denominator: py, events: deaths, flag: '', end_year: w.end_year, k,
      rank: w.rank,
    };
    let flag: ResultFlag = '';
    const window = Array.from({ length: k }, (_, i) => w.end_year - i);
    const [pc, dc] = cols[sex];
    const unit = source === 'mis' ? `${w.level}|${w.unit_code}` : '';
    const popYears = yearsOf.get(`${unit}|${pc}`) ?? none;
    const deathYears = yearsOf.get(`${unit}|${dc}`) ?? none;
    const gap = gapOf(gaps, w) ?? lackOf(lacks, w, ['chet']);
    // The most basic lack first: no age groups at all, then none by sex.
    const lacking = ['d_0', 'pop_0', dc, pc].find((c) => !anywhere.has(c));
    if (lacking) {
      flag = 'not_computable';
      r.reason = lacking.startsWith('d_') ? noDeaths(lacking) : missingReason([lacking], source, coverage);
    } else if (gap) {
      flag = 'not_computable';
      r.reason = gap;
    } else if (!popYears.has(w.end_year - k) || window.some((y) => !popYears.has(y))) {
      flag = 'not_computable';
      r.reason = missingReason(['pop_prev']);
    } else if (window.some((y) => !deathYears.has(y))) {
      flag = 'not_computable';
      r.reason = noDeaths(dc);
    } else if (py < MIN_PERSON_YEARS) {
      flag = 'suppressed';
      // How many years a pooling would need at this population: what the analyst can act on
      // (beyond ten years, or with no person-years at all, pooling is no answer).
      const need = py > 0 ? Math.ceil(MIN_PERSON_YEARS / (py / k)) : Infinity;
      const n = (x: number, locale: string) => fmtCount(Math.round(x), locale, 0);
      const [vi, en] =
        need <= MAX_USEFUL_POOL
          ? [`cần gộp khoảng ${need} năm`, `pool about ${need} years`]
          : [`quá ít để tính kể cả khi gộp ${MAX_USEFUL_POOL} năm`, `too few even over ${MAX_USEFUL_POOL} years`];
      r.reason =
        `Dưới ${n(MIN_PERSON_YEARS, 'vi-VN')} người-năm (${n(py, 'vi-VN')}${k > 1 ? ` trong ${k} năm` : ''}): ${vi} · ` +
        `under ${n(MIN_PERSON_YEARS, 'en-GB')} person-years (${n(py, 'en-GB')}${k > 1 ? ` over ${k} years` : ''}): ${en}`;
    } else if (!t?.table) {
      flag = 'not_computable';
      r.reason = 'Có nhóm tuổi không có dân số, hoặc nhóm 85+ không có ca chết · an age group has no person-years, or 85+ has no deaths';
    } else {
      r.value = t.table.e0;
      r.lower = t.table.lower;
      r.upper = t.table.upper;
      r.se = t.table.se0;
      if (deaths < UNRELIABLE_EVENTS) {
        flag = 'unreliable';
        r.reason = unreliableReason(deaths);
      }
    }
    r.flag = flag;
    // Deaths and person-years of a window the data do not cover are partial sums, not its own.
    if (flag === 'not_computable') r.numerator = r.denominator = r.events = null;
    out.push(r);
  }
  return out;
}
