import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryRows, tableExists, type Engine } from '../../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../../analysis/engine/node.js';
import { buildCube } from '../../../../analysis/indicators/cube/build.js';
import { computeIndicators } from '../../../../analysis/indicators/index.js';
import { cubeChangesFor, noteCubeChanges, updateCubeUnlocked } from '../../../../analysis/indicators/cube/update.js';
import { importFiles, type ImportProgress } from '../../../../analysis/ingest/index.js';
import type { CanonicalTable } from '../../../../analysis/model/schema.js';
import { MemoryStore } from '../../../../analysis/workspace/store.js';
import { Workspace } from '../../../../analysis/workspace/workspace.js';
import { emptyTablesEachTest, insertRows } from '../helpers.js';

/**
 * The cube's rows in a fixed order, to compare an updated cube with one built whole. Naming
 * the levels loads a saved workspace's village rows (lazy-engine.ts).
 */
const cubeRows = async (engine: Engine) =>
  (await queryRows(engine, `SELECT * FROM cube WHERE level IN ('province', 'commune', 'village') ORDER BY ALL`)).map((r) => JSON.stringify(r));

/** Rows in one list and not the other (a short failure message for cubes of thousands of rows). */
function difference(a: string[], b: string[]): { only: string[]; onlyOther: string[] } {
  const [sa, sb] = [new Set(a), new Set(b)];
  return { only: a.filter((r) => !sb.has(r)).slice(0, 3), onlyOther: b.filter((r) => !sa.has(r)).slice(0, 3) };
}
const same = (a: string[], b: string[]) => {
  expect(difference(a, b)).toEqual({ only: [], onlyOther: [] });
  expect(a.length).toBe(b.length);
};

/** The cube built whole from the tables as they are now. */
async function rebuilt(engine: Engine, villages: boolean): Promise<string[]> {
  await buildCube(engine, { source: 'a0', villages });
  return cubeRows(engine);
}

describe('a cube updated after an import equals one built whole (fixture province)', () => {
  const DIR = join(process.cwd(), 'fixtures/small/a0');
  const files = readdirSync(DIR).flatMap((c) => readdirSync(join(DIR, c)).map((f) => join(DIR, c, f)));
  const read = (path: string) => readFileSync(join(DIR, path), 'utf8');
  const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

  // A corrected export of 04465's births: 40 children's sex swapped and 20 mothers' birth dates
  // left out (those then come from the register); the same dates, so it replaces the first.
  const births = read('04465/sinh.csv')
    .split('\n')
    .map((line, i) => {
      if (i === 0 || i > 60 || line === '') return line;
      const f = line.split(',');
      if (i <= 40) f[5] = f[5] === 'Nam' ? 'Nữ' : 'Nam';
      else f[3] = '';
      return f.join(',');
    })
    .join('\n');
  // A corrected register of 04288: 30 persons born a year earlier.
  const register = read('04288/nhan_khau.csv')
    .split('\n')
    .map((line, i) => {
      if (i === 0 || i > 30 || line === '') return line;
      const f = line.split(',');
      f[8] = f[8]!.replace(/(\d{4})$/, (y) => String(Number(y) - 1));
      return f.join(',');
    })
    .join('\n');

  for (const villages of [false, true]) {
    it(`re-importing two communes' exports updates their rows and the province's, in the saved workspace too (${villages ? 'with' : 'without'} villages)`, async () => {
      const store = new MemoryStore();
      const first = await Workspace.open(store, await createNodeEngine());
      await importFiles(first, files.map((f) => ({ name: f.slice(DIR.length + 1), bytes: new Uint8Array(readFileSync(f)) })), { today: '2026-06-30' });
      await buildCube(first.engine, { source: 'a0', villages });
      const before = await cubeRows(first.engine);
      await first.save();
      await first.close();
      // As the app does: the saved workspace opened again (its registers and village rows load when first named).
      const ws = await Workspace.open(store, await createNodeEngine());
      // The years the cube was built for are saved with it.
      const [years] = await queryRows<{ source: string; first_year: number; last_year: number }>(ws.engine, `SELECT * FROM cube_years`);
      expect(years).toEqual({ source: 'a0', first_year: 2021, last_year: 2025 });
      const progress: ImportProgress[] = [];
      const summaries = await importFiles(ws, [file('04465/sinh-sua.csv', births), file('04288/nhan_khau-sua.csv', register)], {
        today: '2026-06-30',
        onProgress: (p) => progress.push(p),
      });
      expect(summaries.map((s) => s.replaced.length > 0)).toEqual([true, true]);
      // The import view says what the last seconds are spent on.
      expect(progress.at(-1)?.updatingCommunes).toBeGreaterThanOrEqual(2);
      // Updated, not dropped for a rebuild on next use.
      expect(await tableExists(ws.engine, 'cube')).toBe(true);
      const updated = await cubeRows(ws.engine);
      expect(difference(updated, before).only.length).toBeGreaterThan(0);
      await ws.close();
      // The import saved the updated cube.
      const saved = await Workspace.open(store, await createNodeEngine());
      try {
        same(await cubeRows(saved.engine), updated);
        same(updated, await rebuilt(saved.engine, villages));
      } finally {
        await saved.close();
      }
    });
  }
});

describe('the communes an update rebuilds include those that look up the changed rows', () => {
  let engine!: Engine;
  emptyTablesEachTest((e) => (engine = e));

  // Five communes, so that two changed are fewer than half (else the cube is dropped instead).
  const COMMUNES = ['04288', '04303', '04456', '04465', '04468'];
  const person = (c: string, id: string, sex: string, birth: string, extra: Record<string, string | null> = {}) => ({
    province_code: '15', commune_code: c, village: 'Thôn 1', household_id: `${c}-${id}`, person_id: id, sex,
    birth_date: birth, residence_status: 'thuong_tru', entry_date: '2015-01-01', ...extra,
  });

  /** A built cube, then `change` (which notes its changes), then the update: it must equal a whole build. */
  async function check(change: (note: (table: CanonicalTable, rows: string) => Promise<void>) => Promise<void>): Promise<void> {
    for (const c of COMMUNES) await insertRows(engine, 'nhan_khau', [person(c, `${c}-pad`, 'M', '1970-01-01')]);
    // Events in 2022–2025 in every commune, so the years do not move.
    for (const c of COMMUNES)
      await insertRows(engine, 'chet', [
        { commune_code: c, person_id: `${c}-d1`, sex: 'M', birth_date: '1930-01-01', death_date: '2022-03-01' },
        { commune_code: c, person_id: `${c}-d2`, sex: 'M', birth_date: '1930-01-01', death_date: '2025-03-01' },
      ]);
    await buildCube(engine, { source: 'a0' });
    const changes = (await cubeChangesFor(engine))!;
    await change((table, rows) => noteCubeChanges(engine, changes, table, rows));
    expect(await updateCubeUnlocked(engine, changes)).toBe('updated');
    const updated = await cubeRows(engine);
    same(updated, await rebuilt(engine, false));
  }

  it("a birth without the mother's birth date, when another commune's register changes her", async () => {
    await insertRows(engine, 'nhan_khau', [person('04303', 'M1', 'F', '1990-06-01')]);
    await insertRows(engine, 'sinh', [{ commune_code: '04288', person_id: 'C1', mother_id: 'M1', birth_date: '2024-05-01', sex: 'F' }]);
    await check(async (note) => {
      await note('nhan_khau', `SELECT * FROM nhan_khau WHERE person_id = hash('M1')`);
      await engine.query(`UPDATE nhan_khau SET birth_date = DATE '1985-06-01' WHERE person_id = hash('M1')`);
      await note('nhan_khau', `SELECT * FROM nhan_khau WHERE person_id = hash('M1')`);
    });
  });

  it("a married woman, when her husband's death is recorded in another commune", async () => {
    await insertRows(engine, 'nhan_khau', [person('04288', 'W1', 'F', '1990-01-01'), person('04288', 'H1', 'M', '1985-01-01')]);
    await insertRows(engine, 'ket_hon', [{ commune_code: '04288', husband_id: 'H1', wife_id: 'W1', marriage_date: '2012-01-01' }]);
    await check(async (note) => {
      await insertRows(engine, 'chet', [{ commune_code: '04303', person_id: 'H1', sex: 'M', birth_date: '1985-01-01', death_date: '2023-07-01' }]);
      await note('chet', `SELECT * FROM chet WHERE person_id = hash('H1')`);
    });
  });

  it('a woman on one register, when her marriage is recorded in another commune', async () => {
    await insertRows(engine, 'nhan_khau', [person('04288', 'W2', 'F', '1992-01-01')]);
    await check(async (note) => {
      await insertRows(engine, 'ket_hon', [{ commune_code: '04303', husband_id: 'H2', wife_id: 'W2', marriage_date: '2021-04-01' }]);
      await note('ket_hon', `SELECT * FROM ket_hon WHERE wife_id = hash('W2')`);
    });
  });

  it("a married woman, when her husband's condom use is recorded in the marriage's commune", async () => {
    await insertRows(engine, 'nhan_khau', [person('04288', 'W3', 'F', '1993-01-01')]);
    await insertRows(engine, 'ket_hon', [{ commune_code: '04303', husband_id: 'H3', wife_id: 'W3', marriage_date: '2016-01-01' }]);
    await check(async (note) => {
      await insertRows(engine, 'bptt', [
        { commune_code: '04303', person_id: 'H3', method: 'condom', modern: true, new_acceptor: false, start_date: '2022-02-01' },
      ]);
      await note('bptt', `SELECT * FROM bptt WHERE person_id = hash('H3')`);
    });
  });
});

describe('when the cube is rebuilt whole instead', () => {
  let engine!: Engine;
  emptyTablesEachTest((e) => (engine = e));
  const COMMUNES = ['04288', '04303', '04456', '04465', '04468'];

  async function builtCube(): Promise<void> {
    for (const c of COMMUNES)
      await insertRows(engine, 'chet', [
        { commune_code: c, person_id: `${c}-d1`, sex: 'M', birth_date: '1930-01-01', death_date: '2022-03-01' },
        { commune_code: c, person_id: `${c}-d2`, sex: 'M', birth_date: '1930-01-01', death_date: '2025-03-01' },
      ]);
    await buildCube(engine, { source: 'a0' });
  }
  /** What an import starting now would note, with `communes` changed. */
  const changes = async (communes: string[]) => {
    const c = (await cubeChangesFor(engine))!;
    for (const x of communes) c.communes.add(x);
    return c;
  };

  it('most communes changed: the cube is dropped (and the changes stop being noted)', async () => {
    await builtCube();
    const c = await changes(COMMUNES.slice(0, 3));
    await noteCubeChanges(engine, c, 'chet', `SELECT * FROM chet WHERE commune_code = '04468'`);
    expect(c.communes.size).toBe(3);
    expect(await updateCubeUnlocked(engine, c)).toBe('dropped');
    expect(await tableExists(engine, 'cube')).toBe(false);
  });

  it("the register's years moved: the cube is dropped", async () => {
    await builtCube();
    const c = await changes(['04288']);
    await insertRows(engine, 'chet', [{ commune_code: '04288', person_id: 'late', sex: 'F', birth_date: '1940-01-01', death_date: '2026-02-01' }]);
    expect(await updateCubeUnlocked(engine, c)).toBe('dropped');
    expect(await tableExists(engine, 'cube')).toBe(false);
  });

  it("the register's first year moved, though the cube's first flows did not (a stray 1955 birth corrected)", async () => {
    // Review case: the stray date widens the years to 40 (1986–2025) while the cube's first
    // flow stays 2022 in most communes; a marriage of 2000 elsewhere has rows the new years lack.
    await insertRows(engine, 'sinh', [{ commune_code: '04288', person_id: 'S1', mother_id: 'M0', birth_date: '1955-05-01', sex: 'F' }]);
    await insertRows(engine, 'ket_hon', [{ commune_code: '04303', husband_id: 'H9', wife_id: 'W9', marriage_date: '2000-06-01' }]);
    await builtCube();
    const c = await changes([]);
    await noteCubeChanges(engine, c, 'sinh', `SELECT * FROM sinh WHERE person_id = hash('S1')`);
    await engine.query(`UPDATE sinh SET birth_date = DATE '2023-05-01' WHERE person_id = hash('S1')`);
    expect(await updateCubeUnlocked(engine, c)).toBe('dropped');
  });

  it('a look-up that fails while noting: the import goes on and the cube is dropped', async () => {
    await builtCube();
    const c = await changes([]);
    await noteCubeChanges(engine, c, 'chet', `SELECT * FROM no_such_table`);
    expect(c.unknown).toBe(true);
    expect(await updateCubeUnlocked(engine, c)).toBe('dropped');
  });

  it('an MIS export changed: its rows go, the A0 rows of a register stay', async () => {
    await insertRows(engine, 'nhan_khau', COMMUNES.map((c) => ({ commune_code: c, person_id: `${c}-p`, sex: 'F', birth_date: '1980-01-01', residence_status: 'thuong_tru', entry_date: '2015-01-01' })));
    await builtCube();
    const a0 = await cubeRows(engine);
    await engine.query(`INSERT INTO cube SELECT * REPLACE ('mis' AS source) FROM cube`);
    expect(await updateCubeUnlocked(engine, { ...(await changes([])), mis: true })).toBe('updated');
    same(await cubeRows(engine), a0);
  });

  it('an MIS export imported into a workspace of births only: the next computation reads the MIS export', async () => {
    // Review of 63838c4: the births-only A0 cube, saved, kept the source A0 for good.
    await insertRows(engine, 'sinh', [{ commune_code: '04465', mother_id: 'M1', mother_birth_date: '1995-01-01', birth_date: '2024-12-01', sex: 'M' }]);
    expect((await computeIndicators(engine, { level: 'commune', indicators: ['cbr'] }))[0]).toMatchObject({ flag: 'not_computable' });
    const c = await changes([]);
    await insertRows(engine, 'mis', [
      { commune_code: '04465', period: '2023', period_type: 'year', year: 2023, element: 'population', value: 1000 },
      { commune_code: '04465', period: '2024', period_type: 'year', year: 2024, element: 'population', value: 1000 },
      { commune_code: '04465', period: '2024', period_type: 'year', year: 2024, element: 'births', value: 20 },
    ]);
    await noteCubeChanges(engine, c, 'mis', 'SELECT * FROM mis');
    expect(await updateCubeUnlocked(engine, c)).toBe('dropped');
    const [cbr] = await computeIndicators(engine, { level: 'commune', indicators: ['cbr'] });
    expect(cbr).toMatchObject({ unit_code: '04465', period: '2024', value: 20, numerator: 20, denominator: 1000 });
  });
});
