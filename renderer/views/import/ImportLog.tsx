import { useEffect, useState } from 'react';
import { importLog, replacementsOf, type ImportLogEntry } from '../../../analysis/ingest/index.js';
import { useLang } from '../../i18n/context.js';
import { formatNumber } from '../../i18n/format.js';
import { ti } from '../../i18n/import-messages.js';
import { currentWorkspace, useSession } from '../../state/session.js';

/** Every import of the workspace: file, hash, date, rows read, kept, quarantined. */
export function ImportLog() {
  const { lang } = useLang();
  const session = useSession();
  const [log, setLog] = useState<ImportLogEntry[]>([]);
  useEffect(() => {
    if (session.status !== 'ready') return;
    let live = true;
    void importLog(currentWorkspace().engine).then((l) => live && setLog(l));
    return () => {
      live = false;
    };
  }, [session.status, session.revision]);
  if (log.length === 0) return null;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section className="panel">
      <h2>{ti('log', lang)}</h2>
      <div style={{ maxHeight: 300, overflow: 'auto' }}>
        <table className="data" data-testid="import-log">
          <thead>
            <tr>
              <th>{ti('date', lang)}</th>
              <th>{ti('file', lang)}</th>
              <th>{ti('table', lang)}</th>
              <th>{ti('hash', lang)}</th>
              <th className="num">{ti('rowsRead', lang)}</th>
              <th className="num">{ti('kept', lang)}</th>
              <th className="num">{ti('quarantined', lang)}</th>
              <th>{ti('replaced', lang)}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e) => (
              <tr key={e.import_id}>
                <td>{new Date(e.imported_at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</td>
                <td>
                  {e.file_name}
                  {e.sheet ? ` — ${e.sheet}` : ''}
                </td>
                <td>{e.table_name}</td>
                <td title={e.content_hash}>{e.content_hash.slice(0, 12)}</td>
                <td className="num">{n(e.rows_read)}</td>
                <td className="num">{n(e.kept)}</td>
                <td className="num">{n(e.quarantined)}</td>
                <td className="note" data-testid="log-replaced">
                  {replacementsOf(e)
                    .map((x) => ti('replacedNote', lang, { n: n(x.rows), file: x.file_name }))
                    .join('; ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
