import { CANONICAL_TABLES, createTableSql } from '../analysis/model/schema.js';

/**
 * A synthetic province in SQL: persons on the register from 2020 with births, deaths, moves, …
 * Wives (and their contraception) are one person in five drawn by hash: every fifth person
 * (range step 5) left the communes ≡ 4 (mod 5) without a marriage, which the engine rightly
 * takes for files left out (compute.ts, a0MissingFiles).
 */
export function syntheticSql(n: number): string[] {
  const h = (i: string, salt: number, mod: number) => `(hash(${i} * 7919 + ${salt}) % ${mod})`;
  const communes = 100;
  // Person i lives in household i // 4, and a household in one commune (persons of one
  // household were spread over four communes before 01/12: 4.9 M one-person households).
  const code = (i: string) => `lpad(CAST(10000 + (${i} // 4) % ${communes} AS VARCHAR), 5, '0')`;
  const ev = (_m: number, salt: number) => `DATE '2021-01-01' + CAST(${h('i', salt, 1826)} AS INTEGER)`;
  return [
    ...CANONICAL_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`),
    ...CANONICAL_TABLES.map((t) => createTableSql(t)),
    `INSERT INTO nhan_khau (province_code, commune_code, village, household_id, person_id, sex, birth_date, residence_status, entry_date, entry_reason, exit_date, exit_reason, marital_status)
     SELECT '15', ${code('i')}, 'Thôn ' || CAST((i // ${communes}) % 12 AS VARCHAR), 'H' || CAST(i // 4 AS VARCHAR), hash(i),
       CASE WHEN ${h('i', 1, 2)} = 0 THEN 'M' ELSE 'F' END, b,
       CASE WHEN ${h('i', 2, 50)} = 0 THEN 'tam_tru' WHEN ${h('i', 2, 50)} = 1 THEN 'tam_vang' ELSE 'thuong_tru' END,
       greatest(b, DATE '2020-01-01'), CASE WHEN b > DATE '2020-01-01' THEN 'birth' ELSE 'opening' END,
       CASE WHEN ${h('i', 3, 100)} < 4 THEN DATE '2020-01-01' + 1 + CAST(${h('i', 4, 2150)} AS INTEGER) END,
       CASE WHEN ${h('i', 3, 100)} < 2 THEN 'death' WHEN ${h('i', 3, 100)} < 4 THEN 'moved_out' END, NULL
     FROM (SELECT i, DATE '1925-01-01' + CAST(${h('i', 5, 34600)} AS INTEGER) AS b FROM range(${n}) t(i))`,
    `INSERT INTO sinh (commune_code, person_id, mother_id, mother_birth_date, birth_date, sex, birth_order, newborn_screening_date, newborn_screening_diseases)
     SELECT ${code('i')}, NULL, hash(i), NULL, ${ev(0, 6)}, CASE WHEN ${h('i', 7, 100)} < 53 THEN 'M' ELSE 'F' END,
       1 + CAST(${h('i', 8, 4)} AS INTEGER), ${ev(0, 6)} + 3, CAST(${h('i', 9, 6)} AS INTEGER)
     FROM range(0, ${n}, 13) t(i)`,
    `INSERT INTO chet (commune_code, person_id, death_date) SELECT commune_code, person_id, exit_date FROM nhan_khau WHERE exit_reason = 'death'`,
    `INSERT INTO chuyen_cu (commune_code, person_id, move_type, move_date)
     SELECT commune_code, person_id, 'out', exit_date FROM nhan_khau WHERE exit_reason = 'moved_out'
     UNION ALL SELECT ${code('i')}, hash(i), 'in', ${ev(0, 10)} FROM range(0, ${n}, 50) t(i)`,
    `INSERT INTO ket_hon (commune_code, husband_id, wife_id, husband_birth_date, wife_birth_date, marriage_date, premarital_check, consanguineous)
     SELECT ${code('i')}, hash(i + 1), hash(i), DATE '1990-01-01', DATE '1992-01-01',
       DATE '2010-01-01' + CAST(${h('i', 11, 5800)} AS INTEGER), ${h('i', 12, 2)} = 0, ${h('i', 13, 100)} = 0
     FROM range(${n}) t(i) WHERE ${h('i', 22, 5)} = 0`,
    `INSERT INTO mang_thai (commune_code, person_id, pregnancy_date, prenatal_screening_date, prenatal_screening_diseases)
     SELECT ${code('i')}, hash(i), ${ev(0, 14)}, ${ev(0, 14)} + 30, CAST(${h('i', 15, 5)} AS INTEGER) FROM range(0, ${n}, 12) t(i)`,
    `INSERT INTO bptt (commune_code, person_id, method, modern, start_date, end_date, new_acceptor)
     SELECT ${code('i')}, hash(i), 'pill', ${h('i', 16, 4)} > 0, DATE '2015-01-01' + CAST(${h('i', 17, 3800)} AS INTEGER),
       CASE WHEN ${h('i', 18, 2)} = 0 THEN DATE '2022-01-01' + CAST(${h('i', 19, 1000)} AS INTEGER) END, ${h('i', 20, 3)} = 0
     FROM range(${n}) t(i) WHERE ${h('i', 22, 5)} = 0`,
    `INSERT INTO kham_nct (commune_code, person_id, check_date)
     SELECT ${code('i')}, hash(i), ${ev(0, 21)} FROM range(0, ${n}, 4) t(i)`,
  ];
}
