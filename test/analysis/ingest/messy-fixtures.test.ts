import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../analysis/ingest/importer.js';
import { memoryWorkspace } from './helpers.js';

// Each messy variant of the committed fixtures, with its documented outcome next to it.
const small = join(import.meta.dirname, '../../../fixtures/small');
const messy = join(small, 'messy');
const variants = readdirSync(messy).filter((f) => f.endsWith('.expected.json')).sort();

interface Expected {
  file: string;
  table: string | null;
  rows_read: number;
  kept: number;
  quarantined: number;
  warnings: number;
  rules: Record<string, number>;
  fatal: string | null;
  load_first?: string[];
}

describe('messy fixture variants', () => {
  it.each(variants)('%s', { timeout: 120_000 }, async (name) => {
    const exp = JSON.parse(readFileSync(join(messy, name), 'utf8')) as Expected;
    const ws = await memoryWorkspace();
    try {
      for (const f of exp.load_first ?? [])
        await importFiles(ws, [{ name: basename(f), bytes: new Uint8Array(readFileSync(join(small, f))) }], { save: false });
      const bytes = new Uint8Array(readFileSync(join(messy, exp.file)));
      const res = await importFiles(ws, [{ name: exp.file, bytes }], { save: false });
      const got = res.filter((r) => r.status !== 'skipped');
      expect(got).toHaveLength(1);
      const r = got[0]!;
      expect({
        table: r.table, rows_read: r.rowsRead, kept: r.kept, quarantined: r.quarantined, warnings: r.warnings, rules: r.rules,
        fatal: r.fatal?.rule ?? null,
      }).toEqual({
        table: exp.table, rows_read: exp.rows_read, kept: exp.kept, quarantined: exp.quarantined, warnings: exp.warnings, rules: exp.rules,
        fatal: exp.fatal,
      });
    } finally {
      await ws.close();
    }
  });
});
