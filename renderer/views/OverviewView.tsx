import { useEffect, useMemo, useState } from 'react';
import { useLang } from '../i18n/context.js';
import { formatNumber } from '../i18n/format.js';
import { communeTable, type CommuneRow } from '../state/commune-table.js';
import { currentWorkspace, openInitial, useSession } from '../state/session.js';

let demoRequested = false;

/** The first screen: communes with their population and births, from the open workspace. */
export function OverviewView() {
  const { lang, tr } = useLang();
  const session = useSession();
  const [rows, setRows] = useState<CommuneRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<string>('');

  useEffect(() => {
    if (!demoRequested) {
      demoRequested = true;
      void openInitial();
    }
  }, []);

  useEffect(() => {
    if (session.status !== 'ready') return;
    let live = true;
    setRows(null);
    communeTable(currentWorkspace().engine).then(
      (r) => live && setRows(r),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [session.status, session.revision]);

  const years = useMemo(() => [...new Set((rows ?? []).map((r) => r.period))].sort(), [rows]);
  const shownYear = year && years.includes(year) ? year : (years[years.length - 1] ?? '');
  const communes = (rows ?? []).filter((r) => r.level === 'commune' && r.period === shownYear);
  const province = (rows ?? []).find((r) => r.level === 'province' && r.period === shownYear);
  const n = (v: number | null) => formatNumber(v, lang);

  return (
    <section className="panel" aria-busy={session.status === 'starting' || rows === null}>
      <h2>{session.kind === 'demo' ? tr('demoTitle') : session.name}</h2>
      {session.kind === 'demo' && <p className="note">{tr('demoNote')}</p>}
      {(session.status === 'starting' || (session.status === 'ready' && rows === null && !error)) && (
        <p role="status">{tr('loadingDemo')}</p>
      )}
      {(session.status === 'error' || error) && (
        <p className="error" role="alert">
          {tr('error')}: {session.error ?? error}
        </p>
      )}
      {rows && years.length > 0 && (
        <>
          <label>
            {tr('year')}
            <select value={shownYear} onChange={(e) => setYear(e.target.value)} data-testid="overview-year">
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <table className="data" data-testid="commune-table">
            <thead>
              <tr>
                <th>{tr('communeCode')}</th>
                <th>{tr('commune')}</th>
                <th className="num">{tr('population')}</th>
                <th className="num">{tr('births')}</th>
                <th className="num">{tr('deaths')}</th>
              </tr>
            </thead>
            <tbody>
              {communes.map((r) => (
                <tr key={r.unit_code} data-code={r.unit_code}>
                  <td>{r.unit_code}</td>
                  <td>{r.unit_name}</td>
                  <td className="num" data-testid="population">{n(r.population)}</td>
                  <td className="num" data-testid="births">{n(r.births)}</td>
                  <td className="num" data-testid="deaths">{n(r.deaths)}</td>
                </tr>
              ))}
            </tbody>
            {province && (
              <tfoot>
                <tr data-code={province.unit_code}>
                  <td>{province.unit_code}</td>
                  <td>
                    {tr('total')} — {province.unit_name}
                  </td>
                  <td className="num" data-testid="population">{n(province.population)}</td>
                  <td className="num" data-testid="births">{n(province.births)}</td>
                  <td className="num" data-testid="deaths">{n(province.deaths)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </>
      )}
    </section>
  );
}
