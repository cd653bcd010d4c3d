/** A parsed date: ISO text, and whether it was imputed from a partial date. */
export type DateResult = { ok: true; iso: string; imputed: boolean } | { ok: false };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function valid(y: number, m: number, d: number): boolean {
  if (y < 1880 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function make(y: number, m: number, d: number, imputed: boolean): DateResult {
  return valid(y, m, d) ? { ok: true, iso: `${y}-${pad(m)}-${pad(d)}`, imputed } : { ok: false };
}

/** Excel serial day number (1900 system, with its fictitious 29/2/1900) to a date. */
export function excelSerialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Parse the date forms of formats.md: dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd, Excel serials,
 * mm/yyyy and yyyy. Partial dates are imputed: a year alone to 1 July, a month to the 15th.
 * Also accepts a JS Date (SheetJS date cells) and dd-mm-yyyy / dd.mm.yyyy.
 */
export function parseDate(raw: unknown): DateResult {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false };
    return make(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), false);
  }
  if (typeof raw === 'number') return fromNumber(raw);
  const s = String(raw).trim();
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) return make(+m[3]!, +m[2]!, +m[1]!, false);
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/))) return make(+m[1]!, +m[2]!, +m[3]!, false);
  if ((m = s.match(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/))) return make(+m[1]!, +m[2]!, +m[3]!, false);
  if ((m = s.match(/^(\d{1,2})[/.-](\d{4})$/))) return make(+m[2]!, +m[1]!, 15, true);
  if ((m = s.match(/^(\d{4})-(\d{1,2})$/))) return make(+m[1]!, +m[2]!, 15, true);
  if (/^\d+(\.\d+)?$/.test(s)) return fromNumber(Number(s));
  return { ok: false };
}

function fromNumber(n: number): DateResult {
  if (!Number.isFinite(n)) return { ok: false };
  if (Number.isInteger(n) && n >= 1880 && n <= 2200) return make(n, 7, 1, true);
  // Excel serials: 1 Jan 1900 .. 2200; 366 would be 1900-12-31.
  if (n >= 367 && n < 110000) {
    const iso = excelSerialToIso(n);
    return { ok: true, iso, imputed: false };
  }
  return { ok: false };
}

/** Completed years between two ISO dates. */
export function ageAt(birthIso: string, atIso: string): number {
  const by = +birthIso.slice(0, 4);
  const ay = +atIso.slice(0, 4);
  const before = atIso.slice(5) < birthIso.slice(5);
  return ay - by - (before ? 1 : 0);
}

/** Today as ISO, in local time (the analyst's day). */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
