import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../analysis/engine/engine.js';
import { openNodeWorkspace } from '../../../analysis/workspace/node-open.js';

// The committed small fixture province (or another generated one via DANSO_FIXTURE_DIR).
const dir = process.env.DANSO_FIXTURE_DIR ?? join(import.meta.dirname, '../../../fixtures/small');
const root = join(import.meta.dirname, '../../..');

function a0Files(): string[] {
  const prov = join(dir, 'a0_tinh');
  if (existsSync(prov)) return readdirSync(prov).filter((f) => f.endsWith('.csv')).map((f) => join(prov, f));
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.csv')) out.push(p);
    }
  };
  walk(join(dir, 'a0'));
  return out;
}

describe('the clean fixture province', () => {
  it('imports with zero errors through the CLI and its counts equal truth.csv', { timeout: 600_000 }, async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ws-truth-'));
    const out = execFileSync(process.execPath, [join(root, 'bin/danso.mjs'), 'import', '--quiet', '--workspace', ws, ...a0Files()], {
      encoding: 'utf8',
    }); // throws on a non-zero exit
    const lines = out.split('\n').filter((l) => l.includes('table='));
    expect(lines.length).toBeGreaterThanOrEqual(Number(process.env.DANSO_FIXTURE_TABLES ?? 8));
    for (const l of lines) expect(l).toMatch(/ quarantined=0 /);

    const w = await openNodeWorkspace(ws);
    const errors = await queryRows(w.engine, `SELECT rule, count(*) AS n FROM quality_report WHERE severity = 'error' GROUP BY 1`);
    expect(errors).toEqual([]);
    const truth = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'truth.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const want = new Map<string, number>();
    const years = new Set<number>();
    for (const r of truth) {
      if (r.sex || r.age_group || !['population', 'births', 'deaths'].includes(r.element!)) continue;
      want.set(`${r.commune_code}|${r.year}|${r.element}`, Number(r.value));
      years.add(Number(r.year));
    }
    const got = new Map<string, number>();
    for (const y of years) {
      const rows = await queryRows<{ c: string; e: string; n: number }>(
        w.engine,
        `SELECT commune_code AS c, 'population' AS e, count(*) AS n FROM nhan_khau
           WHERE residence_status IN ('thuong_tru', 'tam_vang') AND entry_date <= DATE '${y}-12-31'
             AND (exit_date IS NULL OR exit_date > DATE '${y}-12-31') GROUP BY 1
         UNION ALL SELECT commune_code, 'births', count(*) FROM sinh WHERE year(birth_date) = ${y} GROUP BY 1
         UNION ALL SELECT commune_code, 'deaths', count(*) FROM chet WHERE year(death_date) = ${y} GROUP BY 1`,
      );
      for (const r of rows) got.set(`${r.c}|${y}|${r.e}`, r.n);
    }
    await w.close();
    // Every truth value (zeros included) matches, and nothing is counted that truth lacks.
    const mismatches = [...want].filter(([k, v]) => (got.get(k) ?? 0) !== v).slice(0, 10);
    expect(mismatches).toEqual([]);
    expect([...got.keys()].filter((k) => !want.has(k))).toEqual([]);
  });
});
