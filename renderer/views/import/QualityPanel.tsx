import { useEffect, useState } from 'react';
import {
  monthRanges,
  exportQualityCsv,
  exportQualityXlsx,
  qualityCount,
  qualityReport,
  qualitySummary,
  sentNothing,
  type CommuneQuality,
  type QualityFilter,
  type QualityRow,
} from '../../../analysis/ingest/index.js';
import { QUALITY_RULES } from '../../../analysis/model/quality-rules.js';
import { useLang } from '../../i18n/context.js';
import { formatNumber } from '../../i18n/format.js';
import { ti } from '../../i18n/import-messages.js';
import { platform } from '../../platform/index.js';
import { currentWorkspace, useSession } from '../../state/session.js';

const PAGE = 200;

/** The quality report with filters by commune, rule and severity; export to CSV or XLSX. */
export function QualityPanel() {
  const { lang } = useLang();
  const session = useSession();
  const [filter, setFilter] = useState<QualityFilter>({});
  const [rows, setRows] = useState<QualityRow[]>([]);
  const [total, setTotal] = useState(0);
  const [summary, setSummary] = useState<CommuneQuality[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (session.status !== 'ready') return;
    let live = true;
    const engine = currentWorkspace().engine;
    void (async () => {
      const [r, n, s] = await Promise.all([
        qualityReport(engine, { ...filter, limit: PAGE }),
        qualityCount(engine, filter),
        qualitySummary(engine),
      ]);
      if (!live) return;
      setRows(r);
      setTotal(n);
      setSummary(s);
      setError(null);
    })().catch((e: unknown) => {
      // A read cut short because another workspace opened (its engine closed) is not an error.
      if (live) setError(e instanceof Error ? e.message : String(e));
    });
    return () => {
      live = false;
    };
  }, [session.status, session.revision, filter]);

  if (session.status !== 'ready') return null;
  const n = (v: number | null, d = 0) => formatNumber(v, lang, d);
  // Communes of the province that sent nothing (the admin list names every one, imported or
  // not) go in one line, so the table starts with the communes that have data.
  const silent = summary.filter(sentNothing);
  const shownSummary = summary.filter((s) => !sentNothing(s));
  const save = async (kind: 'csv' | 'xlsx') => {
    const engine = currentWorkspace().engine;
    const bytes = kind === 'csv' ? await exportQualityCsv(engine, filter) : await exportQualityXlsx(engine, filter);
    await platform.saveFile(`bao-cao-chat-luong.${kind}`, bytes, [{ name: kind.toUpperCase(), extensions: [kind] }]);
  };

  return (
    <>
      <section className="panel">
        <h2>{ti('summary', lang)}</h2>
        {error && (
          <p className="error" role="alert">
            {ti('error', lang)}: {error}
          </p>
        )}
        <table className="data" data-testid="quality-summary">
          <thead>
            <tr>
              <th>{ti('commune', lang)}</th>
              <th className="num">{ti('errors', lang)}</th>
              <th className="num">{ti('warnings', lang)}</th>
              <th>{ti('monthsWithout', lang)}</th>
              <th className="num">{ti('whipple', lang)}</th>
              <th className="num">{ti('myers', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {shownSummary.map((s) => (
              <tr key={s.commune_code}>
                <td>
                  {s.commune_code} {s.commune_name ?? ''}
                </td>
                <td className="num">{n(s.errors)}</td>
                <td className="num">{n(s.warnings)}</td>
                <td className="note">
                  {s.months_without_data.length === 0
                    ? ti('none', lang)
                    : `${monthRanges(s.months_without_data).join(', ')} (${s.months_without_data.length})`}
                </td>
                <td className="num">{n(s.whipple, 1)}</td>
                <td className="num">{n(s.myers, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {silent.length > 0 && (
          <details className="note" data-testid="silent-communes">
            <summary>{ti('silentCommunes', lang, { n: n(silent.length), span: monthRanges(silent[0]!.months_without_data).join(', ') })}</summary>
            {silent.map((s) => `${s.commune_code} ${s.commune_name ?? ''}`.trim()).join(', ')}
          </details>
        )}
      </section>
      <section className="panel">
        <h2>{ti('quality', lang)}</h2>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 8 }}>
          <label>
            {ti('commune', lang)}
            <select value={filter.commune ?? ''} onChange={(e) => setFilter({ ...filter, commune: e.target.value || undefined })}>
              <option value="">{ti('all', lang)}</option>
              {summary.map((s) => (
                <option key={s.commune_code} value={s.commune_code}>
                  {s.commune_code} {s.commune_name ?? ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            {ti('rule', lang)}
            <select value={filter.rule ?? ''} onChange={(e) => setFilter({ ...filter, rule: e.target.value || undefined })}>
              <option value="">{ti('all', lang)}</option>
              {Object.entries(QUALITY_RULES).map(([code, def]) => (
                <option key={code} value={code}>
                  {code} — {lang === 'vi' ? def.vi : def.en}
                </option>
              ))}
            </select>
          </label>
          <label>
            {ti('severity', lang)}
            <select
              value={filter.severity ?? ''}
              onChange={(e) => setFilter({ ...filter, severity: (e.target.value || undefined) as QualityFilter['severity'] })}
            >
              <option value="">{ti('all', lang)}</option>
              <option value="error">{ti('error', lang)}</option>
              <option value="warning">{ti('warning', lang)}</option>
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => void save('csv')}>
            {ti('exportCsv', lang)}
          </button>
          <button type="button" className="secondary" onClick={() => void save('xlsx')}>
            {ti('exportXlsx', lang)}
          </button>
        </div>
        <p className="note" data-testid="quality-count">
          {ti('shown', lang, { shown: n(rows.length), total: n(total) })}
        </p>
        <div style={{ maxHeight: 420, overflow: 'auto' }}>
          <table className="data" data-testid="quality-table">
            <thead>
              <tr>
                <th>{ti('file', lang)}</th>
                <th className="num">{ti('row', lang)}</th>
                <th>{ti('column', lang)}</th>
                <th>{ti('value', lang)}</th>
                <th>{ti('rule', lang)}</th>
                <th>{ti('severity', lang)}</th>
                <th>{ti('message', lang)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>
                    {r.file}
                    {r.sheet ? ` — ${r.sheet}` : ''}
                  </td>
                  <td className="num">{r.row ?? ''}</td>
                  <td>{r.column ?? ''}</td>
                  <td>{r.value ?? ''}</td>
                  <td>{r.rule}</td>
                  <td>
                    <span className={`badge ${r.severity === 'warning' ? 'warning' : 'error'}`}>
                      {r.severity === 'warning' ? ti('warning', lang) : ti('error', lang)}
                    </span>
                  </td>
                  <td>{lang === 'vi' ? r.message_vi : r.message_en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
