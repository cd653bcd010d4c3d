import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useVirtualizer } from '@tanstack/react-virtual';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import type { IndicatorDef, IndicatorResult } from '../../analysis/indicators/index.js';
import { formatNumber } from '../i18n/format.js';
import { flagText, indicatorName } from './indicator-format.js';
import { useViewText, type ViewMessageKey } from '../i18n/views-messages.js';
import { platform } from '../platform/index.js';

type Col = 'unit_name' | 'unit_code' | 'value' | 'lower' | 'upper' | 'smoothed' | 'numerator' | 'denominator' | 'events' | 'flag';
const COLS: Array<{ key: Col; label: ViewMessageKey; num: boolean }> = [
  { key: 'unit_name', label: 'commune', num: false },
  { key: 'unit_code', label: 'code', num: false },
  { key: 'value', label: 'value', num: true },
  { key: 'lower', label: 'lower', num: true },
  { key: 'upper', label: 'upper', num: true },
  { key: 'smoothed', label: 'smoothed', num: true },
  { key: 'numerator', label: 'numerator', num: true },
  { key: 'denominator', label: 'denominator', num: true },
  { key: 'events', label: 'events', num: true },
  { key: 'flag', label: 'flag', num: false },
];

/** Height of a row (one line) before it is measured. */
const ROW_PX = 31;

/**
 * Communes' values: sortable by any column, searchable by name or code, exportable. Only
 * the rows in (and near) the scrolled window are in the DOM: a province has about a hundred
 * communes, and laying all of them out again made every switch of indicator slow.
 */
export function CommuneTable({
  def,
  rows,
  fileName,
  smoothed = false,
}: {
  def: IndicatorDef;
  /** Raw values; with `smoothed`, their empirical-Bayes values in a column beside them. */
  rows: IndicatorResult[];
  fileName: string;
  smoothed?: boolean;
}) {
  const { lang, tv } = useViewText();
  const cols = useMemo(() => COLS.filter((c) => c.key !== 'smoothed' || smoothed), [smoothed]);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: Col; desc: boolean }>({ key: 'value', desc: true });
  // A sort by the smoothed column falls back to the value once that column is gone.
  const order = cols.some((c) => c.key === sort.key) ? sort : { key: 'value' as Col, desc: sort.desc };
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('vi');
    const list = q
      ? rows.filter((r) => r.unit_name.toLocaleLowerCase('vi').includes(q) || r.unit_code.includes(q))
      : [...rows];
    const { key, desc } = order;
    list.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi');
      return desc ? -c : c;
    });
    return list;
  }, [rows, query, order.key, order.desc]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    // Rows on the first paint, before the scroller is measured (its height is at most 420 px).
    initialRect: { width: 1000, height: 420 },
  });
  // A printed page shows every row: the window is for the screen only.
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const on = () => flushSync(() => setPrinting(true));
    const off = () => setPrinting(false);
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
    };
  }, []);
  const windowed = virtual.getVirtualItems();
  const items = printing ? shown.map((_, index) => ({ index })) : windowed;
  const padTop = printing ? 0 : (windowed[0]?.start ?? 0);
  const padBottom = printing ? 0 : virtual.getTotalSize() - (windowed.at(-1)?.end ?? 0);

  // A saved file says what it holds on every row (indicator, period: a pooled window as
  // '2023-2025'), and keeps the flag's code apart from its reason, in the UI's language.
  const table = () => [
    [tv('indicatorCode'), tv('indicator'), tv('period'), ...cols.map((c) => tv(c.label)), tv('flagReason')],
    ...shown.map((r) => [
      def.code,
      indicatorName(def, lang),
      r.period,
      ...cols.map((c) => r[c.key]),
      r.flag === 'unreliable' ? tv('fewEvents') : flagText(r, lang),
    ]),
  ];
  const exportCsv = () => {
    // UTF-8 with BOM so Excel opens Vietnamese names correctly; '.' as the decimal point.
    const text = '\uFEFF' + Papa.unparse(table()) + '\r\n';
    void platform.saveFile(`${fileName}.csv`, new TextEncoder().encode(text));
  };
  const exportXlsx = () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(table()), def.code.slice(0, 31));
    const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    void platform.saveFile(`${fileName}.xlsx`, new Uint8Array(bytes));
  };

  return (
    <div>
      <div className="table-tools no-print">
        <label>
          {tv('search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-label={tv('search')} />
        </label>
        <span className="note">
          {shown.length} {tv('rows')}
        </span>
        <button type="button" className="secondary" onClick={exportCsv}>
          {tv('exportCsv')}
        </button>
        <button type="button" className="secondary" onClick={exportXlsx}>
          {tv('exportXlsx')}
        </button>
      </div>
      {/* Focusable, so the keyboard can scroll it (rows further down render as it scrolls). */}
      <div className="table-wrap" ref={scroller} tabIndex={0} role="region" aria-label={tv('byCommune')}>
        <table className="data" data-testid="commune-table" aria-rowcount={shown.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {cols.map((c) => (
                <th
                  key={c.key}
                  className={c.num ? 'num' : undefined}
                  aria-sort={order.key === c.key ? (order.desc ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort"
                    onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.num }))}
                  >
                    {tv(c.label)} {order.key === c.key ? (order.desc ? '▼' : '▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
            {items.map(({ index }) => {
              const r = shown[index]!;
              const note = flagText(r, lang);
              return (
                <tr key={r.unit_code} data-index={index} ref={virtual.measureElement} aria-rowindex={index + 2}>
                  <td title={r.unit_name}>{r.unit_name}</td>
                  <td>{r.unit_code}</td>
                  <td className="num">{formatNumber(r.value, lang, def.decimals)}</td>
                  <td className="num">{formatNumber(r.lower, lang, def.decimals)}</td>
                  <td className="num">{formatNumber(r.upper, lang, def.decimals)}</td>
                  {smoothed && (
                    <td className="num" data-testid="smoothed-value">
                      {formatNumber(r.smoothed, lang, def.decimals)}
                    </td>
                  )}
                  <td className="num">{formatNumber(r.numerator, lang, Number.isInteger(r.numerator ?? 0) ? 0 : 1)}</td>
                  <td className="num">
                    {formatNumber(r.denominator, lang, Number.isInteger(r.denominator ?? 0) ? 0 : 1)}
                  </td>
                  <td className="num">{formatNumber(r.events, lang, 0)}</td>
                  <td title={note || undefined}>
                    {r.flag === 'unreliable' ? <span className="flag">⚠ {tv('fewEvents')}</span> : note}
                  </td>
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
