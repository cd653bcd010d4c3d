import type { ImportSummary } from '../../../analysis/ingest/index.js';
import { useLang } from '../../i18n/context.js';
import { formatNumber } from '../../i18n/format.js';
import { ti, type ImportMessageKey } from '../../i18n/import-messages.js';

/** What each file's import did: rows read, kept, quarantined, warnings, replacements. */
export function Results({ results }: { results: ImportSummary[] }) {
  const { lang } = useLang();
  if (results.length === 0) return null;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section className="panel" aria-live="polite">
      <h2>{ti('results', lang)}</h2>
      <table className="data" data-testid="import-results">
        <thead>
          <tr>
            <th>{ti('file', lang)}</th>
            <th>{ti('table', lang)}</th>
            <th>{ti('status', lang)}</th>
            <th className="num">{ti('rowsRead', lang)}</th>
            <th className="num">{ti('kept', lang)}</th>
            <th className="num">{ti('quarantined', lang)}</th>
            <th className="num">{ti('warnings', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r, i) => (
            <tr key={i} data-testid="import-result" data-status={r.status} data-table={r.table ?? ''}>
              <td>
                {r.file}
                {r.sheet ? ` — ${r.sheet}` : ''}
                {r.replaced.map((x) => (
                  <div key={x.import_id} className="note">
                    {ti('replacedNote', lang, { n: n(x.rows), file: x.file_name })}
                  </div>
                ))}
                {r.fatal && <div className="error">{lang === 'vi' ? r.fatal.message_vi : r.fatal.message_en}</div>}
              </td>
              <td>{r.table ?? ''}</td>
              <td>
                <span className={`badge ${r.status === 'imported' || r.status === 'duplicate' ? 'ok' : 'error'}`}>
                  {ti(`st_${r.status}` as ImportMessageKey, lang)}
                </span>
              </td>
              <td className="num" data-testid="rows-read">{n(r.rowsRead)}</td>
              <td className="num" data-testid="kept">{n(r.kept)}</td>
              <td className="num" data-testid="quarantined">{n(r.quarantined)}</td>
              <td className="num">{n(r.warnings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
