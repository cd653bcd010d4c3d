import { useLang } from '../../i18n/context.js';
import { formatNumber } from '../../i18n/format.js';
import { ti } from '../../i18n/import-messages.js';
import { isReady, sheetKey, type PendingFile } from '../../state/pending-files.js';

/** The chosen files with what the preview found: table, encoding, and whether mapping is needed. */
export function FileList(props: {
  files: PendingFile[];
  onRemove: (key: string) => void;
  onMap: (file: PendingFile, sheetIndex: number) => void;
}) {
  const { lang } = useLang();
  if (props.files.length === 0) return null;
  return (
    <table className="data" aria-label={ti('files', lang)}>
      <thead>
        <tr>
          <th>{ti('file', lang)}</th>
          <th>{ti('sheet', lang)}</th>
          <th>{ti('table', lang)}</th>
          <th>{ti('encoding', lang)}</th>
          <th>{ti('status', lang)}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.files.flatMap((f) => {
          if (f.preview.fatal) {
            return [
              <tr key={f.key} data-testid="pending-file">
                <td>{f.name}</td>
                <td />
                <td />
                <td />
                <td>
                  <span className="badge error">{ti('unreadable', lang)}</span>{' '}
                  {lang === 'vi' ? f.preview.fatal.message_vi : f.preview.fatal.message_en}
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => props.onRemove(f.key)}>
                    {ti('remove', lang)}
                  </button>
                </td>
              </tr>,
            ];
          }
          return f.preview.sheets.map((s, i) => {
            const confirmed = f.mappings[sheetKey(f.name, s.sheet)];
            const table = confirmed?.table ?? s.table;
            const ok = confirmed !== undefined || (s.mapping !== null && s.missingRequired.length === 0);
            return (
              <tr key={`${f.key}-${i}`} data-testid="pending-file">
                <td>{i === 0 ? `${f.name} (${formatNumber(f.size / 1024, lang, 0)} KB)` : ''}</td>
                <td>{s.sheet ?? ''}</td>
                <td>{table ?? <em>{ti('unknownTable', lang)}</em>}</td>
                <td>{f.preview.encoding ?? ''}</td>
                <td>
                  {ok ? (
                    <span className="badge ok">
                      {ti('ready', lang)}
                      {s.preset ? ` · ${ti('preset', lang)}: ${s.preset}` : ''}
                    </span>
                  ) : (
                    <span className="badge warning">{ti('needsMapping', lang)}</span>
                  )}
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => props.onMap(f, i)}>
                    {ti('editMapping', lang)}
                  </button>{' '}
                  {i === 0 && (
                    <button type="button" className="secondary" onClick={() => props.onRemove(f.key)}>
                      {ti('remove', lang)}
                    </button>
                  )}
                </td>
              </tr>
            );
          });
        })}
      </tbody>
    </table>
  );
}

export { isReady };
