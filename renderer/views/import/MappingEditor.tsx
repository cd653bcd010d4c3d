import { useState } from 'react';
import { canonicalFields, type ColumnMapping, type CodeTable, type SheetPreview } from '../../../analysis/ingest/index.js';
import { CANONICAL_TABLES, type CanonicalTable } from '../../../analysis/model/schema.js';
import { useLang } from '../../i18n/context.js';
import { ti } from '../../i18n/import-messages.js';

/** Parse "1=thuong_tru, 2=tam_vang" into a code table for one field. */
function parseCodes(text: string): Record<string, string> | undefined {
  const pairs = text
    .split(/[,;\n]/)
    .map((p) => p.split('=').map((s) => s.trim()))
    .filter((p): p is [string, string] => p.length === 2 && p[0] !== '' && p[1] !== '');
  return pairs.length ? Object.fromEntries(pairs) : undefined;
}

/**
 * The file's columns beside the canonical fields with the best guesses preselected; the
 * user confirms or corrects, may add code tables, and may save the result as a preset.
 */
export function MappingEditor(props: {
  fileName: string;
  sheet: SheetPreview;
  initial?: ColumnMapping | undefined;
  onConfirm: (mapping: ColumnMapping, presetName: string | null) => void;
  onCancel: () => void;
}) {
  const { lang } = useLang();
  const { sheet } = props;
  const [table, setTable] = useState<CanonicalTable>(props.initial?.table ?? sheet.table ?? sheet.candidates[0]?.table ?? 'nhan_khau');
  // field → header (the UI's view); the mapping stores header → field.
  const initialByField = (t: CanonicalTable): Record<string, string> => {
    const src = props.initial?.table === t ? props.initial.columns : Object.fromEntries(sheet.guesses.map((g) => [g.header, g.field]));
    const out: Record<string, string> = {};
    for (const [header, field] of Object.entries(src)) if (field) out[field] = header;
    return out;
  };
  const [byField, setByField] = useState<Record<string, string>>(() => initialByField(table));
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [presetName, setPresetName] = useState('');
  const fields = canonicalFields(table);
  const missing = fields.filter((f) => f.required && !byField[f.name]).map((f) => f.name);

  const confirm = () => {
    const columns: Record<string, string | null> = Object.fromEntries(sheet.headers.map((h) => [h, null]));
    for (const [field, header] of Object.entries(byField)) if (header) columns[header] = field;
    const codeTable: CodeTable = {};
    for (const [field, text] of Object.entries(codes)) {
      const parsed = parseCodes(text);
      if (parsed) codeTable[field] = parsed;
    }
    props.onConfirm({ table, columns, codes: codeTable }, presetName.trim() || null);
  };

  return (
    <section className="panel" role="dialog" aria-label={ti('mappingTitle', lang)} data-testid="mapping-editor">
      <h2>
        {ti('mappingTitle', lang)}: {props.fileName}
        {sheet.sheet ? ` — ${sheet.sheet}` : ''}
      </h2>
      <label>
        {ti('table', lang)}
        <select
          value={table}
          onChange={(e) => {
            const t = e.target.value as CanonicalTable;
            setTable(t);
            setByField(initialByField(t));
          }}
        >
          {CANONICAL_TABLES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <table className="data">
        <thead>
          <tr>
            <th>{ti('field', lang)}</th>
            <th>{ti('column', lang)}</th>
            <th>{ti('sample', lang)}</th>
            <th>{ti('codeTable', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const header = byField[f.name] ?? '';
            const idx = sheet.headers.indexOf(header);
            const sample = idx >= 0 ? sheet.sample.slice(0, 3).map((r) => String(r[idx] ?? '')).join(' · ') : '';
            return (
              <tr key={f.name}>
                <td>
                  {f.name} {f.required && <span className="badge warning">{ti('required', lang)}</span>}
                </td>
                <td>
                  <select
                    aria-label={f.name}
                    value={header}
                    onChange={(e) => setByField({ ...byField, [f.name]: e.target.value })}
                  >
                    <option value="">{ti('ignore', lang)}</option>
                    {sheet.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="note">{sample}</td>
                <td>
                  <input
                    type="text"
                    aria-label={`${ti('codeTable', lang)} ${f.name}`}
                    title={ti('codeTableHint', lang)}
                    placeholder="1=…, 2=…"
                    value={codes[f.name] ?? ''}
                    onChange={(e) => setCodes({ ...codes, [f.name]: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="note">{ti('codeTableHint', lang)}</p>
      <p>
        <label>
          {ti('savePresetAs', lang)}
          <input type="text" value={presetName} onChange={(e) => setPresetName(e.target.value)} aria-label={ti('savePresetAs', lang)} />
        </label>
      </p>
      {missing.length > 0 && (
        <p className="error" role="alert">
          {ti('required', lang)}: {missing.join(', ')}
        </p>
      )}
      <button type="button" className="primary" disabled={missing.length > 0} onClick={confirm}>
        {ti('confirm', lang)}
      </button>{' '}
      <button type="button" className="secondary" onClick={props.onCancel}>
        {ti('cancel', lang)}
      </button>
    </section>
  );
}
