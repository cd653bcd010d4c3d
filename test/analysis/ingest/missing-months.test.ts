import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../analysis/engine/engine.js';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { missingMonths } from '../../../analysis/ingest/index.js';
import { communeByCode } from '../../../analysis/model/admin-units.js';
import { createCanonicalTables, insertRows } from '../indicators/helpers.js';

// Two communes of Lào Cai: births in January–March 2024 in one, February only in the other;
// the register also holds a 1990 marriage and a 1995 contraceptive spell (historic dates).
const A = '02647';
const B = '02671';
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await createCanonicalTables(engine);
  await insertRows(engine, 'sinh', [
    { commune_code: A, person_id: 'C1', birth_date: '2024-01-10' },
    { commune_code: A, person_id: 'C2', birth_date: '2024-03-05' },
    { commune_code: B, person_id: 'C3', birth_date: '2024-02-20' },
  ]);
  await insertRows(engine, 'ket_hon', [{ commune_code: A, wife_id: 'W1', husband_id: 'H1', marriage_date: '1990-06-01' }]);
  await insertRows(engine, 'bptt', [
    { commune_code: A, person_id: 'W1', start_date: '1995-04-01' },
    { commune_code: A, person_id: 'W1', start_date: '2024-02-14' },
  ]);
}, 60_000);
afterAll(() => engine.close());

describe('missingMonths', () => {
  it('spans the months of current events only; historic marriages and spells count within it but do not widen it', async () => {
    expect(communeByCode(A)?.provinceCode).toBe(communeByCode(B)?.provinceCode);
    const { span, missing } = await missingMonths(engine);
    expect(span).toEqual(['2024-01', '2024-02', '2024-03']);
    const of = (c: string) => missing.filter((m) => m.commune_code === c).map((m) => m.month);
    // A: January and March from births, February from the 2024 spell.
    expect(of(A)).toEqual([]);
    expect(of(B)).toEqual(['2024-01', '2024-03']);
    // Every other commune of the province: the three months, none from 1990 or 1995.
    const months = new Set(missing.map((m) => m.month));
    expect([...months].sort()).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});
