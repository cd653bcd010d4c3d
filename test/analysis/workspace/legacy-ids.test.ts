import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, RecordBatchReader, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { queryRows } from '../../../analysis/engine/engine.js';
import { importFiles, qualityReport } from '../../../analysis/ingest/index.js';
import { pseudonymText } from '../../../analysis/model/schema.js';
import { openNodeWorkspace } from '../../../analysis/workspace/node-open.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** The type of a column in a saved Arrow part. */
function partType(file: string, column: string): DataType | undefined {
  const reader = RecordBatchReader.from(new Uint8Array(readFileSync(file)));
  reader.open();
  return reader.schema.fields.find((f) => f.name === column)?.type;
}

describe('a version 2 workspace (pseudonyms as 20 hex digits)', () => {
  it('opens with its ids as the new pseudonyms: they join new imports, and the next save rewrites the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-v2-'));
    const key = new Uint8Array(32).map((_, i) => 3 * i + 11);
    writeFileSync(join(dir, 'pseudonym-key.bin'), key);
    // Version 2's pseudonym: the first 10 bytes of HMAC-SHA-256(key, id) as hex.
    const old = (id: string) => createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 20);
    const engine = await createNodeEngine();
    const part = await engine.query(
      `SELECT '15' AS province_code, '04465' AS commune_code, 'H1' AS household_id, person_id, mother_id, 'F' AS sex,
         DATE '1960-01-01' AS birth_date, false AS birth_date_imputed, 'thuong_tru' AS residence_status,
         DATE '2021-01-01' AS entry_date, 'opening' AS entry_reason, 'i1' AS import_id, CAST(r AS INTEGER) AS source_row
       FROM (VALUES ('${old('A1')}', NULL, 2), ('${old('B2')}', '${old('A1')}', 3)) t(person_id, mother_id, r)`,
    );
    await engine.close();
    writeFileSync(join(dir, 'nhan_khau.g1.0.arrow'), tableToIPC(part, 'stream'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ format: 'danso-workspace', version: 2, generation: 1, savedAt: '', tables: { nhan_khau: [{ file: 'nhan_khau.g1.0.arrow', rows: 2 }] }, presets: [] }),
    );
    expect(DataType.isUtf8(partType(join(dir, 'nhan_khau.g1.0.arrow'), 'person_id')!)).toBe(true);

    const ws = await openNodeWorkspace(dir);
    const hmac16 = (id: string) => createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 16);
    expect(
      await queryRows(ws.engine, `SELECT ${pseudonymText('person_id')} AS p, ${pseudonymText('mother_id')} AS m, source_row FROM nhan_khau ORDER BY source_row`),
    ).toEqual([
      { p: hmac16('A1'), m: null, source_row: 2 },
      { p: hmac16('B2'), m: hmac16('A1'), source_row: 3 },
    ]);
    // A death imported now names a person of the old register: it joins, no "not on the register".
    await importFiles(ws, [{ name: 'chet.csv', bytes: enc('Mã xã,Mã đối tượng,Ngày chết\n04465,B2,2024-02-01\n') }], { today: '2025-01-01' });
    expect((await qualityReport(ws.engine)).map((q) => q.rule)).not.toContain('death_not_on_register');
    expect(await queryRows(ws.engine, 'SELECT count(*) AS n FROM chet JOIN nhan_khau USING (person_id)')).toEqual([{ n: 1 }]);
    await ws.save();
    await ws.close();

    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { version: number; tables: Record<string, Array<{ file: string }>> };
    expect(manifest.version).toBe(3);
    const file = manifest.tables.nhan_khau![0]!.file;
    expect(file).not.toBe('nhan_khau.g1.0.arrow');
    const type = partType(join(dir, file), 'person_id')!;
    expect(DataType.isInt(type) && type.bitWidth === 64 && !type.isSigned).toBe(true);
    const again = await openNodeWorkspace(dir);
    expect(await queryRows(again.engine, `SELECT ${pseudonymText('person_id')} AS p FROM nhan_khau ORDER BY source_row`)).toEqual([
      { p: hmac16('A1') },
      { p: hmac16('B2') },
    ]);
    await again.close();
  });
});
