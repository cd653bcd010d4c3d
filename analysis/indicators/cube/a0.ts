import { ageGroupSql } from '../../model/age-groups.js';
import { SINGLE_AGE_ELEMENT } from './schema.js';
import { sqlString } from '../../engine/engine.js';
import { MALE_METHODS } from '../../model/schema.js';

/**
 * Completed years at a date: a birthday counts from its month and day, so a 29 February
 * birthday is reached on 1 March in common years (fixtures/README.md, Definitions).
 */
export function ageSql(birth: string, at: string): string {
  return `(year(${at}) - year(${birth}) - CASE WHEN month(${at}) * 100 + day(${at}) < month(${birth}) * 100 + day(${birth}) THEN 1 ELSE 0 END)`;
}

/**
 * greatest(x, c) and least(x, c) for a constant c, NULL x giving c as they do: as CASE,
 * which duckdb-wasm evaluates several times faster (measured 0.42 s vs 0.01 s on 5M rows).
 */
const atLeast = (x: string, c: number) => `CASE WHEN ${x} > ${c} THEN ${x} ELSE ${c} END`;
const atMost = (x: string, c: number) => `CASE WHEN ${x} < ${c} THEN ${x} ELSE ${c} END`;

const QUARTERS = [1, 2, 3, 4];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * Bit m − 1 set for each month m of year y at whose last day a person (entry_date, exit_date,
 * birth_date) is in the population and aged 60 or more: entry ≤ the month's end < exit, and
 * the 60th birthday reached by then (ageSql's rule: a 29 February birthday on 1 March in
 * common years). Months from the later of the entry's month and the birthday's to the month
 * before the exit's.
 */
function elderlyMonths(y: string): string {
  const fromEntry = `CASE WHEN year(entry_date) < ${y} THEN 1 WHEN year(entry_date) = ${y} THEN month(entry_date) ELSE 13 END`;
  const from60 =
    `CASE WHEN ${y} - year(birth_date) > 60 THEN 1 WHEN ${y} - year(birth_date) = 60 THEN month(birth_date) + ` +
    `CASE WHEN day(birth_date) > day(last_day(make_date(${y}, month(birth_date), 1))) THEN 1 ELSE 0 END ELSE 13 END`;
  const lo = `CASE WHEN ${fromEntry} > ${from60} THEN ${fromEntry} ELSE ${from60} END`;
  const hi = `CASE WHEN exit_date IS NULL OR year(exit_date) > ${y} THEN 12 WHEN year(exit_date) = ${y} THEN month(exit_date) - 1 ELSE 0 END`;
  return `CASE WHEN ${lo} > ${hi} THEN 0 ELSE ((1 << ${hi}) - 1) - ((1 << (${lo} - 1)) - 1) END`;
}

/** The temporary tables a0DetailSql and a0SingleAgesSql create (the build drops them, whatever happens). */
export const A0_TEMP_TABLES = ['_cube_detail', '_who', '_who_any', '_spells', '_mw', '_evm'] as const;

/**
 * SQL that turns the canonical A0 tables into `_cube_detail` rows at commune × village
 * level, finest sex × age group only (marginals are added by the roll-up).
 * Stocks at 31/12 of every year from firstYear − 1 (for the average population of the
 * first year) to lastYear; flows by year, quarter and month of the event date.
 * Without `villages` every row's village is NULL: commune and province rows only, which is
 * a third less work (the village rows are three quarters of the cube).
 * With `communes`, the rows of those communes only (a cube updated after an import, update.ts):
 * their registers and events, and whatever they look up in other communes' (a mother's birth
 * date, a husband's death, a marriage or male method recorded elsewhere) from all of them.
 */
export function a0DetailSql(firstYear: number, lastYear: number, villages = true, communes?: readonly string[]): string[] {
  const y0 = firstYear - 1;
  const y1 = lastYear;
  // A table's rows of the communes built; `all` where other communes' rows are looked up.
  const inScope = communes ? `commune_code IN (${communes.map(sqlString).join(', ')})` : 'true';
  const of = (t: string) => (communes ? `(SELECT * FROM ${t} WHERE ${inScope})` : t);
  // Where a village enters the cube (the register); events take their person's.
  const village = (x: string) => (villages ? x : 'CAST(NULL AS VARCHAR)');
  const age = (birth: string, at: string) => ageSql(birth, at);
  // Bit i set for each year y0 + i in [lo, hi] (clamped to the cube's years): 0 when empty.
  const mask = (lo: string, hi: string) =>
    `CASE WHEN ${atLeast(lo, y0)} > ${atMost(hi, y1)} THEN 0::BIGINT ELSE ` +
    `((1::BIGINT << (${atMost(hi, y1)} - ${y0} + 1)) - 1) - ((1::BIGINT << (${atLeast(lo, y0)} - ${y0})) - 1) END`;
  const ag = ageGroupSql;
  // Population at t: Thường trú or Tạm vắng, entry_date ≤ t and (exit_date null or > t).
  // At t = 31/12/y that is year(entry) ≤ y and year(exit) > y; age at 31/12/y = y − birth year.
  const firstIn = `year(entry_date)`;
  const lastIn = `CASE WHEN exit_date IS NULL THEN ${y1} ELSE year(exit_date) - 1 END`;
  const resident = `coalesce(residence_status, 'thuong_tru') IN ('thuong_tru', 'tam_vang') AND entry_date IS NOT NULL`;
  // The (commune, person) pairs the events below look up in the register. Without villages
  // only what the event rows lack: a mother's birth date, a dead person's sex or birth date,
  // a mover's sex and birth date (marriages, pregnancies and acceptors need only the village):
  // a fifth of the keys on the 5 M synthetic province.
  const lookedUp = [
    `SELECT commune_code, mother_id AS x FROM ${of('sinh')}${villages ? '' : ' WHERE mother_birth_date IS NULL'}`,
    `SELECT commune_code, person_id FROM ${of('chet')}${villages ? '' : ' WHERE sex IS NULL OR birth_date IS NULL'}`,
    `SELECT commune_code, person_id FROM ${of('chuyen_cu')}`,
    ...(villages
      ? [
          `SELECT commune_code, person_id FROM ${of('sinh')}`,
          `SELECT commune_code, wife_id FROM ${of('ket_hon')}`,
          `SELECT commune_code, husband_id FROM ${of('ket_hon')}`,
          `SELECT commune_code, person_id FROM ${of('mang_thai')}`,
          `SELECT commune_code, person_id FROM ${of('bptt')} WHERE new_acceptor`,
        ]
      : []),
  ];
  // A LEFT JOIN to _who that only gives the village: none without villages.
  const villageOf = (alias: string, on: string) =>
    villages ? `LEFT JOIN _who ${alias} ON ${alias}.k = hash(${on})` : '';
  // A contraceptive spell's years (in use at 31/12: start ≤ t < end), and which spells count.
  const spellYears = mask('year(start_date)', `CASE WHEN end_date IS NULL THEN ${y1} ELSE year(end_date) - 1 END`);
  const modernSpell = 'modern AND start_date IS NOT NULL AND commune_code IS NOT NULL AND person_id IS NOT NULL';
  // Events (commune_code, village, d, element, sex, age_group) of the cube's years, counted by month into _evm.
  const monthly = (events: string) =>
    `INSERT INTO _evm
     SELECT commune_code, village, year(d), month(d), element, sex, age_group, count(*)
     FROM (${events}) ev(commune_code, village, d, element, sex, age_group)
     WHERE year(d) BETWEEN ${firstYear} AND ${y1} GROUP BY ALL`;
  return [
    `CREATE OR REPLACE TEMP TABLE _cube_detail (commune_code VARCHAR, village VARCHAR, period VARCHAR,
       period_type VARCHAR, year INTEGER, element VARCHAR, sex VARCHAR, age_group VARCHAR, value DOUBLE)`,
    // Who is who: village, sex and birth date of a person on a commune's register (any status).
    // Only persons that events refer to (most of the register has none).
    // Keyed by one 64-bit hash of (commune, person): a much cheaper aggregation and join key.
    // Lookups are always by the event's (commune, person), so the filter is on that same
    // integer key (a semi-join on integers rather than a UNION of strings). No DISTINCT: the
    // semi-join's table of keys absorbs repeats (0.5 s less on 3.4 M event ids).
    `CREATE OR REPLACE TEMP TABLE _who AS
     WITH ids AS (
       SELECT hash(commune_code, x) AS h FROM (${lookedUp.join(' UNION ALL ')})
       WHERE x IS NOT NULL AND commune_code IS NOT NULL)
     SELECT hash(n.commune_code, n.person_id) AS k, ${village('any_value(n.village)')} AS village,
       any_value(n.sex) AS sex, any_value(n.birth_date) AS birth_date
     FROM ${of('nhan_khau')} n SEMI JOIN ids ON ids.h = hash(n.commune_code, n.person_id)
     WHERE n.person_id IS NOT NULL AND n.commune_code IS NOT NULL
     GROUP BY k`,
    // Mothers' birth dates from any commune's register, only where neither the birth row nor
    // the commune's own register (_who) has it: the fallback of the births below, which most
    // births never reach (0.7–1.0 s → 0.2 s on the 5M synthetic province).
    `CREATE OR REPLACE TEMP TABLE _who_any AS SELECT person_id, any_value(birth_date) AS birth_date
     FROM nhan_khau WHERE person_id IN (
       SELECT s.mother_id FROM ${of('sinh')} s ANTI JOIN (SELECT k FROM _who WHERE birth_date IS NOT NULL) w ON w.k = hash(s.commune_code, s.mother_id)
       WHERE s.mother_birth_date IS NULL)
     GROUP BY person_id`,
    // Population stock: identical spells counted once (5M persons → a few hundred thousand
    // rows), then expanded by year; kept for the single ages (a0SingleAgesSql).
    `CREATE OR REPLACE TEMP TABLE _spells AS
     SELECT commune_code, ${village('village')} AS village, coalesce(sex, 'U') AS sex, year(birth_date) AS byear,
       ${atLeast(firstIn, y0)} AS ys, ${atMost(lastIn, y1)} AS ye, count(*) AS n
     FROM ${of('nhan_khau')} WHERE ${resident} GROUP BY ALL`,
    `INSERT INTO _cube_detail
     SELECT commune_code, village, CAST(y AS VARCHAR), 'year', y, 'population', sex, ${ag('y - byear')}, sum(n)
     FROM _spells JOIN range(${y0}, ${y1 + 1}) t(y) ON y BETWEEN ys AND ye
     WHERE byear IS NULL OR y >= byear GROUP BY ALL`,
    `INSERT INTO _cube_detail
     SELECT commune_code, village, period, period_type, year, 'elderly', sex, age_group, value
     FROM _cube_detail WHERE element = 'population' AND age_group IN ('60-64','65-69','70-74','75-79','80-84','85+')`,
    // Households present at 31/12: those with at least one member present (.1, .2 suffixes
    // are extra sheets). Each member's years on the register as a bit mask, OR-ed per
    // household: one aggregation instead of expanding every person by year.
    `INSERT INTO _cube_detail
     WITH hh AS (
       SELECT any_value(commune_code) AS commune_code, any_value(village) AS village,
         bit_or(CASE WHEN ys > ye THEN 0 ELSE ((1::BIGINT << (ye - ${y0} + 1)) - 1) - ((1::BIGINT << (ys - ${y0})) - 1) END) AS mask
       FROM (SELECT commune_code, ${village('village')} AS village,
               CASE WHEN contains(household_id, '.') THEN regexp_replace(household_id, '\\.\\d+$', '') ELSE household_id END AS hh,
               ${atLeast(firstIn, y0)} AS ys, ${atMost(lastIn, y1)} AS ye
             FROM ${of('nhan_khau')} WHERE ${resident} AND household_id IS NOT NULL)
       GROUP BY hash(commune_code, hh)),
     -- Households sharing a village and a mask are counted before the expansion by year.
     hm AS (SELECT commune_code, village, mask, count(*) AS n FROM hh GROUP BY ALL)
     SELECT commune_code, village, CAST(y AS VARCHAR), 'year', y, 'households', 'T', 'total', sum(n)
     FROM hm JOIN range(${y0}, ${y1 + 1}) t(y) ON (mask >> (y - ${y0})) & 1 = 1 GROUP BY ALL`,
    // Married women 15–49 at 31/12: a marriage recorded in ket_hon dated ≤ t whose husband had
    // not died by t (the register's marital status is as of the export, not as of t); modern
    // users among them: a modern spell with start ≤ t < end, hers or, for a male method
    // (formats.md: bptt records those under the husband), her husband's while they are
    // married. Each condition is a mask of the years at whose 31/12 it holds; a woman counts
    // in the years where all bits are set.
    `CREATE OR REPLACE TEMP TABLE _mw AS
     WITH deaths AS (
       SELECT person_id, min(death_date) AS died FROM chet WHERE death_date IS NOT NULL GROUP BY person_id),
     -- Persons are keyed by their pseudonym (already a 64-bit integer) for marriages, and by a
     -- 64-bit hash of commune × person for the spells, which the register keeps per commune;
     -- women with the same village, birth year and masks are counted before the expansion by year.
     -- Two scans of bptt: one aggregate with a FILTER for male methods was no faster on 2 M
     -- persons (the husbands' join then builds on every spell, not on the male ones).
     modern AS (
       SELECT hash(commune_code, person_id) AS k, bit_or(${spellYears}) AS m
       FROM ${of('bptt')} WHERE ${modernSpell} GROUP BY 1),
     male AS (
       SELECT hash(commune_code, person_id) AS k, bit_or(${spellYears}) AS m
       FROM bptt WHERE ${modernSpell} AND method IN (${MALE_METHODS.map(sqlString).join(', ')}) GROUP BY 1),
     married AS (
       SELECT k.h, bit_or(k.m) AS m, bit_or(k.m & coalesce(ml.m, 0)) AS hm
       FROM (
         SELECT k.wife_id AS h, hash(k.commune_code, k.husband_id) AS hk,
           ${mask('year(k.marriage_date)', `CASE WHEN dh.died IS NULL THEN ${y1} ELSE year(dh.died) - 1 END`)} AS m
         FROM ket_hon k LEFT JOIN deaths dh ON dh.person_id = k.husband_id
         WHERE k.wife_id IS NOT NULL AND k.marriage_date IS NOT NULL
           ${communes ? `AND k.wife_id IN (SELECT person_id FROM ${of('nhan_khau')})` : ''}) k
       LEFT JOIN male ml ON ml.k = k.hk
       GROUP BY 1),
     w AS (
       SELECT n.commune_code, ${village('n.village')} AS village, hash(n.commune_code, n.person_id) AS k, year(n.birth_date) AS byear,
         ${mask('year(n.entry_date)', lastIn.replaceAll('exit_date', 'n.exit_date'))}
           & ${mask('year(n.birth_date) + 15', 'year(n.birth_date) + 49')} & mr.m AS m, mr.hm
       FROM ${of('nhan_khau')} n JOIN married mr ON mr.h = n.person_id
       WHERE ${resident.replaceAll('residence_status', 'n.residence_status').replaceAll('entry_date', 'n.entry_date')}
         AND n.sex = 'F' AND n.person_id IS NOT NULL),
     g AS (
       SELECT w.commune_code, w.village, w.byear, w.m, coalesce(md.m, 0) | w.hm AS mm, count(*) AS n
       FROM w LEFT JOIN modern md ON md.k = w.k GROUP BY ALL)
     SELECT commune_code, village, y, y - byear AS age, ((mm >> (y - ${y0})) & 1) = 1 AS modern, n
     FROM g JOIN range(${y0}, ${y1 + 1}) t(y) ON ((g.m >> (y - ${y0})) & 1) = 1`,
    `INSERT INTO _cube_detail
     SELECT commune_code, village, CAST(y AS VARCHAR), 'year', y, 'women_married_15_49', 'F', ${ag('age')}, sum(n)
     FROM _mw GROUP BY ALL`,
    `INSERT INTO _cube_detail
     SELECT commune_code, village, CAST(y AS VARCHAR), 'year', y, 'modern_method_users', 'F', ${ag('age')}, sum(n)
     FROM _mw WHERE modern GROUP BY ALL`,
    // Flow events counted by month as each table is read (no table of every event); expanded
    // to year, quarter and month below.
    `CREATE OR REPLACE TEMP TABLE _evm (commune_code VARCHAR, village VARCHAR, y INTEGER, mo INTEGER, element VARCHAR,
       sex VARCHAR, age_group VARCHAR, n BIGINT)`,
    // Births: sex of the child, mother's exact age at the birth; village of the mother.
    monthly(`
     WITH b AS (
       SELECT s.commune_code, ${village('coalesce(m.village, c.village)')} AS village, s.birth_date AS d, coalesce(s.sex, 'U') AS sex,
         ${age('coalesce(s.mother_birth_date, m.birth_date, ma.birth_date)', 's.birth_date')} AS mage,
         s.birth_order, s.newborn_screening_diseases, s.newborn_screening_date
       FROM ${of('sinh')} s
       LEFT JOIN _who m ON m.k = hash(s.commune_code, s.mother_id)
       LEFT JOIN _who_any ma ON ma.person_id = s.mother_id
       ${villageOf('c', 's.commune_code, s.person_id')}
       WHERE s.birth_date IS NOT NULL)
     SELECT commune_code, village, d, 'births', sex, ${ag('mage')} FROM b
     UNION ALL SELECT commune_code, village, d, 'births_order_2', sex, ${ag('mage')} FROM b WHERE birth_order = 2
     UNION ALL SELECT commune_code, village, d, 'births_order_3plus', sex, ${ag('mage')} FROM b WHERE birth_order >= 3
     UNION ALL SELECT commune_code, village, d, 'newborn_screened', sex, 'total' FROM b WHERE newborn_screening_diseases >= 5 AND newborn_screening_date IS NOT NULL`),
    // Deaths: exact age at death.
    monthly(`
     SELECT d.commune_code, w.village, d.death_date, 'deaths', coalesce(d.sex, w.sex, 'U'),
       ${ag(age('coalesce(d.birth_date, w.birth_date)', 'd.death_date'))}
     FROM ${of('chet')} d LEFT JOIN _who w ON w.k = hash(d.commune_code, d.person_id)
     WHERE d.death_date IS NOT NULL`),
    monthly(`
     SELECT m.commune_code, w.village, m.move_date, CASE m.move_type WHEN 'in' THEN 'in_migrants' ELSE 'out_migrants' END,
       coalesce(w.sex, 'U'), ${ag(age('w.birth_date', 'm.move_date'))}
     FROM ${of('chuyen_cu')} m LEFT JOIN _who w ON w.k = hash(m.commune_code, m.person_id)
     WHERE m.move_date IS NOT NULL AND m.move_type IN ('in', 'out')`),
    // Marriages are couples: one row per couple; a spouse under legal age makes a child marriage.
    monthly(`
     WITH k AS (
       SELECT k.commune_code, ${village('coalesce(wv.village, hv.village)')} AS village, k.marriage_date AS d,
         coalesce(${age('k.wife_birth_date', 'k.marriage_date')}, k.wife_age) AS wa,
         coalesce(${age('k.husband_birth_date', 'k.marriage_date')}, k.husband_age) AS ha,
         k.premarital_check, k.consanguineous
       FROM ${of('ket_hon')} k
       ${villageOf('wv', 'k.commune_code, k.wife_id')} ${villageOf('hv', 'k.commune_code, k.husband_id')}
       WHERE k.marriage_date IS NOT NULL)
     SELECT commune_code, village, d, 'marriages', 'T', 'total' FROM k
     UNION ALL SELECT commune_code, village, d, 'child_marriages', 'T', 'total' FROM k WHERE wa < 18 OR ha < 20
     UNION ALL SELECT commune_code, village, d, 'consanguineous_marriages', 'T', 'total' FROM k WHERE consanguineous
     UNION ALL SELECT commune_code, village, d, 'premarital_checked', 'T', 'total' FROM k WHERE premarital_check`),
    monthly(`
     SELECT p.commune_code, ${village('w.village')}, p.pregnancy_date, e.element, 'F', 'total'
     FROM ${of('mang_thai')} p ${villageOf('w', 'p.commune_code, p.person_id')}
     JOIN (VALUES ('pregnancies'), ('prenatal_screened')) e(element)
       ON e.element = 'pregnancies' OR (p.prenatal_screening_diseases >= 4 AND p.prenatal_screening_date IS NOT NULL)
     WHERE p.pregnancy_date IS NOT NULL`),
    monthly(`
     SELECT b.commune_code, ${village('w.village')}, b.start_date, 'new_acceptors', 'T', 'total'
     FROM ${of('bptt')} b ${villageOf('w', 'b.commune_code, b.person_id')}
     WHERE b.new_acceptor AND b.modern AND b.start_date IS NOT NULL`),
    // Years keep the age groups, quarters and months only sex and only communes (sub-annual
    // series are for trends; village × month × age cells would be mostly empty and make most
    // of the cube).
    // The months are summed over ages (and villages) once; their labels come from a table of
    // the cube's months rather than being spelt on every row (0.8–1.0 → 0.6 s on 560 k rows).
    `INSERT INTO _cube_detail
     WITH s AS (SELECT commune_code, y, mo, element, sex, sum(n) AS n FROM _evm GROUP BY ALL),
     lab AS (
       SELECT y, mo, CAST(y AS VARCHAR) || '-Q' || CAST((mo + 2) // 3 AS VARCHAR) AS quarter,
         CAST(y AS VARCHAR) || '-' || lpad(CAST(mo AS VARCHAR), 2, '0') AS month
       FROM range(${firstYear}, ${y1 + 1}) a(y), range(1, 13) b(mo))
     SELECT commune_code, village, CAST(y AS VARCHAR), 'year', y, element, sex, age_group, sum(n)
     FROM _evm GROUP BY ALL
     UNION ALL
     SELECT s.commune_code, NULL, any_value(l.quarter), 'quarter', s.y, s.element, s.sex, 'total', sum(s.n)
     FROM s JOIN lab l ON l.y = s.y AND l.mo = s.mo GROUP BY s.commune_code, s.y, (s.mo + 2) // 3, s.element, s.sex
     UNION ALL
     SELECT s.commune_code, NULL, l.month, 'month', s.y, s.element, s.sex, 'total', s.n
     FROM s JOIN lab l ON l.y = s.y AND l.mo = s.mo`,
    `DROP TABLE IF EXISTS _evm`,
    // Elderly checked: persons in the population at the period's end, aged 60+ then, with at
    // least one check in the period (each person once per period). One row per person and
    // year, not per period: the months with a check as a bit mask, and the months at whose
    // end the person is on the register and 60+ as another (one range of months, from the
    // entry and the 60th birthday to the month before the exit); a quarter counts when a
    // month of it has a check and its last month passes, the year likewise with December.
    // Rows per period, joined then deduplicated, took 7–9 s on the 5 M bench workspace.
    `INSERT INTO _cube_detail
     WITH n AS (
       SELECT hash(commune_code, person_id) AS k, commune_code, ${village('village')} AS village, coalesce(sex, 'U') AS sex, birth_date, entry_date, exit_date
       FROM ${of('nhan_khau')}
       WHERE ${resident} AND year(birth_date) <= ${y1 - 60} AND commune_code IS NOT NULL AND person_id IS NOT NULL),
     c AS (
       SELECT hash(commune_code, person_id) AS k, year(check_date) AS y, bit_or(1 << (month(check_date) - 1)) AS months FROM ${of('kham_nct')}
       WHERE check_date IS NOT NULL AND commune_code IS NOT NULL AND person_id IS NOT NULL
         AND year(check_date) BETWEEN ${firstYear} AND ${y1}
       GROUP BY 1, 2),
     j AS (
       SELECT n.commune_code, n.village, n.sex, n.birth_date, n.k, c.y, c.months, ${elderlyMonths('c.y')} AS pass
       FROM c JOIN n ON n.k = c.k),
     -- Several register rows of one person (spells) count once where they agree on village,
     -- sex and birth date.
     jj AS (
       SELECT commune_code, village, sex, birth_date, y, any_value(months) AS months, bit_or(pass) AS pass
       FROM j GROUP BY commune_code, village, sex, birth_date, k, y),
     g AS (
       SELECT commune_code, village, sex, y, ${ag(age('birth_date', 'make_date(y, 12, 31)'))} AS age_group,
         count(*) FILTER (WHERE pass & ${1 << 11} <> 0) AS yr,
         ${QUARTERS.map((q) => `count(*) FILTER (WHERE months & ${7 << (3 * (q - 1))} <> 0 AND pass & ${1 << (3 * q - 1)} <> 0) AS q${q}`).join(', ')},
         ${MONTHS.map((m) => `count(*) FILTER (WHERE months & pass & ${1 << (m - 1)} <> 0) AS m${m}`).join(', ')}
       FROM jj GROUP BY ALL),
     t AS (
       SELECT commune_code, sex, y, [${QUARTERS.map((q) => `sum(q${q})`).join(', ')}] AS q, [${MONTHS.map((m) => `sum(m${m})`).join(', ')}] AS m
       FROM g GROUP BY ALL)
     SELECT commune_code, village, CAST(y AS VARCHAR), 'year', y, 'elderly_checked', sex, age_group, sum(yr)
     FROM g GROUP BY ALL HAVING sum(yr) > 0
     UNION ALL
     SELECT * FROM (
       SELECT commune_code, NULL, CAST(y AS VARCHAR) || '-Q' || CAST(unnest(range(1, 5)) AS VARCHAR), 'quarter', y, 'elderly_checked',
         sex, 'total', unnest(q) AS n FROM t) WHERE n > 0
     UNION ALL
     SELECT * FROM (
       SELECT commune_code, NULL, CAST(y AS VARCHAR) || '-' || lpad(CAST(unnest(range(1, 13)) AS VARCHAR), 2, '0'), 'month', y, 'elderly_checked',
         sex, 'total', unnest(m) AS n FROM t) WHERE n > 0`,
    `DROP TABLE IF EXISTS _mw`,
  ];
}

/**
 * After marginalsSql: the population at 31/12 by single year of age straight into
 * `_cube_cells` (no village, so the roll-up makes commune and province rows only), from the
 * spells of a0DetailSql (same residence rule and ages as the population stock).
 */
export function a0SingleAgesSql(firstYear: number, lastYear: number): string {
  const y0 = firstYear - 1;
  const y1 = lastYear;
  return `INSERT INTO _cube_cells
     WITH spells AS (SELECT commune_code, byear, ys, ye, sum(n) AS n FROM _spells WHERE byear IS NOT NULL GROUP BY ALL)
     SELECT commune_code, NULL, CAST(y AS VARCHAR), 'year', y, '${SINGLE_AGE_ELEMENT}', 'T', CAST(y - byear AS VARCHAR), sum(n)
     FROM spells JOIN range(${y0}, ${y1 + 1}) t(y) ON y BETWEEN ys AND ye
     WHERE y - byear BETWEEN 0 AND 120 GROUP BY ALL`;
}
