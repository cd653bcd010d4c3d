import { computeIndicators, type IndicatorResult } from '../../analysis/indicators/index.js';
import type { Engine } from '../../analysis/engine/engine.js';

export interface CommuneRow {
  unit_code: string;
  unit_name: string;
  level: 'province' | 'commune';
  period: string;
  population: number | null;
  births: number | null;
  deaths: number | null;
}

/**
 * Population at 31/12, births and deaths per commune and for the province, for each year:
 * read from the shared indicators (population; the numerators of CBR and CDR), so these
 * are the very numbers every other view shows. Births are also the denominator B of the
 * births of order 3+, which needs no register: a workspace of births only still shows them.
 */
export async function communeTable(engine: Engine): Promise<CommuneRow[]> {
  const results = await computeIndicators(engine, { level: ['province', 'commune'], indicators: ['population', 'cbr', 'cdr', 'births_order_3plus_pct'] });
  const rows = new Map<string, CommuneRow>();
  const get = (r: IndicatorResult) => {
    const key = `${r.level}|${r.unit_code}|${r.period}`;
    let row = rows.get(key);
    if (!row) {
      row = { unit_code: r.unit_code, unit_name: r.unit_name, level: r.level as CommuneRow['level'], period: r.period, population: null, births: null, deaths: null };
      rows.set(key, row);
    }
    return row;
  };
  for (const r of results) {
    if (r.indicator === 'population') get(r).population = r.value;
    else if (r.indicator === 'cbr') get(r).births ??= r.numerator;
    else if (r.indicator === 'births_order_3plus_pct') get(r).births ??= r.denominator;
    else if (r.indicator === 'cdr') get(r).deaths = r.numerator;
  }
  return [...rows.values()];
}
