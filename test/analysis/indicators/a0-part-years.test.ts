import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../analysis/engine/engine.js';
import { computeIndicators, evaluateTargets, type IndicatorResult } from '../../../analysis/indicators/index.js';
import { emptyTablesEachTest, insertRows } from './helpers.js';

// Registers exported in the middle of a year: that year's births are half a year's.
let engine: Engine;
emptyTablesEachTest((e) => (engine = e));

const C = '11674';
// Two communes of one province (Lào Cai) for the commune-by-commune case.
const C2 = '04456';
const find = (rows: IndicatorResult[], indicator: string, period: string) => {
  const r = rows.find((x) => x.indicator === indicator && x.level === 'commune' && x.period === period);
  if (!r) throw new Error(`no ${indicator} ${period}`);
  return r;
};

/** 1,000 residents of `commune` since 2015; `perMonth` births on the 10th of every month from 01/2024 to `lastMonth`. */
async function register(perMonth: number, lastMonth: string, commune = C): Promise<void> {
  await insertRows(
    engine,
    'nhan_khau',
    Array.from({ length: 1000 }, (_, i) => ({
      commune_code: commune, person_id: `P${i}`, sex: i % 2 ? 'M' : 'F', birth_date: '1990-01-01', residence_status: 'thuong_tru', entry_date: '2015-01-01',
    })),
  );
  const births = [];
  for (let m = 0; `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}` <= lastMonth; m++) {
    const d = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-10`;
    for (let i = 0; i < perMonth; i++) births.push({ commune_code: commune, mother_id: `P${(2 * (m * perMonth + i)) % 1000}`, birth_date: d, sex: i % 2 ? 'M' : 'F' });
  }
  await insertRows(engine, 'sinh', births);
}

describe('A0 registers cut in the middle of a year', () => {
  it('make that year not computable, saying up to which month they run; the full year before stands', async () => {
    // 10 births a month, the export taken in July 2025: 60 births in 2025 where a year has 120.
    await register(10, '2025-06');
    const res = await computeIndicators(engine, { source: 'a0', level: 'commune', indicators: ['cbr', 'cbr_change', 'population'] });
    expect(find(res, 'cbr', '2024').value).toBeCloseTo((120 / 1000) * 1000, 10);
    const reason =
      'Sổ A0 của xã chỉ có sự kiện (sinh, chết, chuyển đi/đến) đến tháng 06/2025: năm 2025 chưa đủ · ' +
      "this commune's A0 registers record events (births, deaths, moves) only up to 06/2025: 2025 is not a full year";
    // Before: CBR 2025 = 60‰, half the rate, and a change of −60 points.
    expect(find(res, 'cbr', '2025')).toMatchObject({ value: null, numerator: null, flag: 'not_computable', reason });
    expect(find(res, 'cbr_change', '2025')).toMatchObject({ value: null, flag: 'not_computable', reason });
    expect(find(res, 'population', '2025')).toMatchObject({ value: null, flag: 'not_computable', reason });
    // A 2025 target cannot be judged on half a year, and is not judged on 2024 either.
    const [t] = evaluateTargets(res, [{ indicator: 'cbr', unit_code: C, unit_name: C, year: 2025, comparator: '<=', target: 100, unit: '‰', source_text: 'CBR ≤ 100‰' }]);
    expect(t).toMatchObject({ status: 'no_data', period: '2025' });
  });

  it("one commune's registers cut: that commune and the province's total are not computable, the other commune stands", async () => {
    // Registers come one folder per commune; 04465's stops in June (both are Lào Cai's).
    await register(10, '2025-12', C2);
    await register(10, '2025-06', '04465');
    const res = await computeIndicators(engine, { source: 'a0', level: ['province', 'commune'], indicators: ['cbr'] });
    const at = (unit: string) => res.find((r) => r.unit_code === unit && r.period === '2025')!;
    expect(at(C2).value).toBeCloseTo(120, 10);
    expect(at('04465')).toMatchObject({ value: null, flag: 'not_computable' });
    expect(at('04465').reason).toMatch(/^Sổ A0 của xã chỉ có sự kiện \(sinh, chết, chuyển đi\/đến\) đến tháng 06\/2025/);
    // Before: (120 + 60) births over 2,000 people, 90‰, with no word.
    const province = res.find((r) => r.level === 'province' && r.period === '2025')!;
    expect(province).toMatchObject({ value: null, flag: 'not_computable' });
    expect(province.reason).toMatch(/^Sổ A0 của 1 xã chưa đủ năm 2025: .*\(04465\)/);
  });

  it('but a small register with no event in December is not taken for a cut one', async () => {
    // Two births a month: an empty December is likely enough (e^−2) to be chance.
    await register(2, '2025-11');
    const res = await computeIndicators(engine, { source: 'a0', level: 'commune', indicators: ['cbr'] });
    expect(find(res, 'cbr', '2025').value).toBeCloseTo((22 / 1000) * 1000, 10);
  });
});
