export type Lang = 'vi' | 'en';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

/** 72,4 · 94.323 in Vietnamese; 72.4 · 94,323 in English. */
export function formatNumber(value: number | null | undefined, lang: Lang, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const key = `${lang}:${decimals}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    cache.set(key, f);
  }
  // A true minus sign, as formatSigned writes it (Intl gives a hyphen).
  return f.format(value).replace('-', '−');
}

/** 1,2% in Vietnamese. */
export function formatPercent(value: number | null | undefined, lang: Lang, decimals = 1): string {
  const s = formatNumber(value, lang, decimals);
  return s === '—' ? s : `${s}%`;
}
