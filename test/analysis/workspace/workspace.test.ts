import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { queryRows } from '../../../analysis/engine/engine.js';
import { importFiles, importLog, qualityReport, saveMappingPreset } from '../../../analysis/ingest/index.js';
import { NodeStore } from '../../../analysis/workspace/node-store.js';
import { openNodeWorkspace } from '../../../analysis/workspace/node-open.js';
import { Workspace } from '../../../analysis/workspace/workspace.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('workspace', () => {
  it('reopens with the canonical tables, quality report, import log, mappings and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    const ws = await openNodeWorkspace(dir);
    const files = [
      { name: 'chet.csv', bytes: enc('Mã xã,Mã đối tượng,Ngày chết,Ngày sinh\n4465,P1,01/02/2024,1950\n04465,P2,2024-02-30,\n') },
      { name: 'mis.csv', bytes: enc('Mã xã,Kỳ báo cáo,Mã chỉ tiêu,Giới tính,Nhóm tuổi,Giá trị\n04465,Quý II/2024,births,Nữ,20-24,7\n') },
    ];
    await importFiles(ws, files, { today: '2025-01-01' });
    saveMappingPreset(ws, 'p', ['a', 'b'], { table: 'chet', columns: { a: 'commune_code', b: 'person_id' } });
    await ws.save();
    const before = {
      chet: await queryRows(ws.engine, 'SELECT * FROM chet ORDER BY source_row'),
      mis: await queryRows(ws.engine, 'SELECT * FROM mis'),
      quality: await qualityReport(ws.engine),
      log: await importLog(ws.engine),
    };
    await ws.close();
    expect(before.chet).toHaveLength(1);
    expect(before.quality.map((q) => q.rule).sort()).toEqual(['commune_code_padded', 'date_invalid', 'date_partial']);
    const again = await openNodeWorkspace(dir);
    expect(await queryRows(again.engine, 'SELECT * FROM chet ORDER BY source_row')).toEqual(before.chet);
    expect(await queryRows(again.engine, 'SELECT * FROM mis')).toEqual(before.mis);
    expect(await qualityReport(again.engine)).toEqual(before.quality);
    expect(await importLog(again.engine)).toEqual(before.log);
    expect(again.presets.map((p) => p.name)).toEqual(['p']);
    // Same key → same pseudonyms: a re-export of the same person joins.
    await importFiles(again, [{ name: 'chet2.csv', bytes: enc('Mã xã,Mã đối tượng,Ngày chết\n04465,P1,2024-02-01\n') }], { today: '2025-01-01' });
    expect(await queryRows(again.engine, 'SELECT count(DISTINCT person_id) AS n FROM chet')).toEqual([{ n: 1 }]);
    await again.close();
    // Only the current generation's files remain.
    const names = readdirSync(dir).sort();
    expect(names.filter((n) => n.endsWith('.arrow')).every((n) => n.includes(`.g`))).toBe(true);
    expect(names).toContain('manifest.json');
    expect(names).toContain('pseudonym-key.bin');
  });

  it('opens with the previous content after a kill in the middle of a save', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-kill-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'save-child.ts'), dir, '300', '200'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // The second save writes ≥ 3 files with 400 ms pauses: kill it after the first.
        if (out.includes('saving')) setTimeout(() => child.kill('SIGKILL'), 600);
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    expect(out).toContain('saved 300');
    expect(out).not.toContain('saved both');
    // Files of the interrupted generation are on disk, but the manifest still points at the old one.
    expect(readdirSync(dir).some((n) => /\.g3\./.test(n))).toBe(true);
    const ws = await Workspace.open(new NodeStore(dir), await createNodeEngine());
    expect(await queryRows(ws.engine, 'SELECT count(*) AS n FROM chet')).toEqual([{ n: 300 }]);
    expect((await importLog(ws.engine)).map((l) => l.file_name)).toEqual(['a.csv']);
    await ws.close();
  });
});
