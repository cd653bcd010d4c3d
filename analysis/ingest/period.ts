import { foldWords } from './fold.js';

export interface Period {
  period: string; // '2024' | '2024-Q2' | '2024-05'
  periodType: 'year' | 'quarter' | 'month';
  year: number;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function quarter(y: number, q: number): Period | undefined {
  return q >= 1 && q <= 4 ? { period: `${y}-Q${q}`, periodType: 'quarter', year: y } : undefined;
}
function month(y: number, m: number): Period | undefined {
  return m >= 1 && m <= 12 ? { period: `${y}-${String(m).padStart(2, '0')}`, periodType: 'month', year: y } : undefined;
}

/**
 * MIS report periods: "2024", "Năm 2024", "2024-Q2", "Quý 2/2024", "Quý II/2024",
 * "2024-05", "Tháng 5/2024" (and "Q2/2024", "5/2024").
 */
export function parsePeriod(raw: unknown): Period | undefined {
  const s = foldWords(String(raw ?? ''));
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(?:nam )?(\d{4})$/))) return { period: m[1]!, periodType: 'year', year: +m[1]! };
  if ((m = s.match(/^(\d{4}) q ?([1-4])$/))) return quarter(+m[1]!, +m[2]!);
  if ((m = s.match(/^(?:quy|q) ?(\d|i{1,3}|iv) (?:nam )?(\d{4})$/))) {
    const q = ROMAN[m[1]!] ?? +m[1]!;
    return quarter(+m[2]!, q);
  }
  if ((m = s.match(/^(\d{4}) (\d{1,2})$/))) return month(+m[1]!, +m[2]!);
  if ((m = s.match(/^(?:thang )?(\d{1,2}) (?:nam )?(\d{4})$/))) return month(+m[2]!, +m[1]!);
  return undefined;
}

/** First and last ISO day of a period, for completeness and replacement. */
export function periodRange(p: Period): [string, string] {
  const y = p.year;
  if (p.periodType === 'year') return [`${y}-01-01`, `${y}-12-31`];
  if (p.periodType === 'quarter') {
    const q = +p.period.slice(-1);
    const m0 = (q - 1) * 3 + 1;
    const last = new Date(Date.UTC(y, m0 + 2, 0)).getUTCDate();
    return [`${y}-${String(m0).padStart(2, '0')}-01`, `${y}-${String(m0 + 2).padStart(2, '0')}-${last}`];
  }
  const m = +p.period.slice(5);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${p.period}-01`, `${p.period}-${last}`];
}
