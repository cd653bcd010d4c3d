import { useRef, useState } from 'react';
import { importFiles, saveMappingPreset, type ImportProgress, type ImportSummary } from '../../analysis/ingest/index.js';
import { communeByCode } from '../../analysis/model/admin-units.js';
import { useLang } from '../i18n/context.js';
import { formatNumber } from '../i18n/format.js';
import { ti } from '../i18n/import-messages.js';
import { isReady, makePending, sheetKey, type PendingFile } from '../state/pending-files.js';
import { chooseAndOpenWorkspace, currentWorkspace, dataChanged, ensureWritableWorkspace, useSession } from '../state/session.js';
import { FileList } from './import/FileList.js';
import { FilePicker, type PickedFile } from './import/FilePicker.js';
import { ImportLog } from './import/ImportLog.js';
import { MappingEditor } from './import/MappingEditor.js';
import { QualityPanel } from './import/QualityPanel.js';
import { Results } from './import/Results.js';

/** Choose or drop files → preview and mapping → import with progress → results, log, quality. */
export function ImportView() {
  const { lang } = useLang();
  const session = useSession();
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [editing, setEditing] = useState<{ file: PendingFile; sheet: number } | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [results, setResults] = useState<ImportSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** The communes whose indicator figures the last import updated (none when the cube was rebuilt whole). */
  const [updated, setUpdated] = useState<string[]>([]);
  const abort = useRef<AbortController | null>(null);

  const presets = () => (session.status === 'ready' ? currentWorkspace().presets : []);

  const addFiles = async (picked: PickedFile[]) => {
    setError(null);
    const added: PendingFile[] = [];
    for (const p of picked) added.push(makePending(p.name, await p.read(), presets()));
    setFiles((prev) => [...prev, ...added]);
  };

  const run = async () => {
    setError(null);
    setUpdated([]);
    if (!(await ensureWritableWorkspace())) return;
    const ws = currentWorkspace();
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ file: '', fileIndex: 0, fileCount: files.length, rows: 0, percent: 0 });
    try {
      const mappings = Object.assign({}, ...files.map((f) => f.mappings));
      const out = await importFiles(
        ws,
        files.map((f) => ({ name: f.name, bytes: f.bytes })),
        { mappings, signal: controller.signal, onProgress: setProgress, onCube: (o) => setUpdated(o.communes) },
      );
      setResults(out);
      // Files that went in (or were already in) leave the list; the rest stay for another try.
      const done = new Set(out.filter((r) => r.status === 'imported' || r.status === 'duplicate').map((r) => r.file));
      setFiles((prev) => prev.filter((f) => !done.has(f.name)));
      dataChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const confirmMapping = (file: PendingFile, sheetIndex: number, mapping: PendingFile['mappings'][string], preset: string | null) => {
    const sheet = file.preview.sheets[sheetIndex]!;
    if (preset && session.status === 'ready') saveMappingPreset(currentWorkspace(), preset, sheet.headers, mapping);
    setFiles((prev) =>
      prev.map((f) => (f.key === file.key ? { ...f, mappings: { ...f.mappings, [sheetKey(f.name, sheet.sheet)]: mapping } } : f)),
    );
    setEditing(null);
  };

  const readyCount = files.filter(isReady).length;
  const busy = progress !== null;

  return (
    <>
      <section className="panel">
        <h2>{ti('title', lang)}</h2>
        <p className="note">{ti('intro', lang)}</p>
        <p>
          {ti('workspace', lang)}: <strong data-testid="workspace-name">{session.kind === 'demo' ? 'demo' : session.name}</strong>{' '}
          <button type="button" className="secondary" onClick={() => void chooseAndOpenWorkspace()} disabled={busy}>
            {ti('openWorkspace', lang)}
          </button>
        </p>
        {session.kind === 'demo' && <p className="note">{ti('demoNote', lang)}</p>}
        <FilePicker onFiles={(p) => void addFiles(p)} disabled={busy} />
        <FileList
          files={files}
          onRemove={(key) => setFiles((prev) => prev.filter((f) => f.key !== key))}
          onMap={(file, sheet) => setEditing({ file, sheet })}
        />
        {files.length > 0 && (
          <p>
            <button type="button" className="primary" onClick={() => void run()} disabled={busy || readyCount === 0} data-testid="import-now">
              {ti('importNow', lang)} ({readyCount}/{files.length})
            </button>
          </p>
        )}
        {progress && (
          <div role="status" aria-live="polite" data-testid="import-progress">
            <progress value={progress.percent} max={100} aria-label={ti('importing', lang)} />
            {progress.updatingCommunes ? (
              <p>
                {ti('updatingCube', lang)} ({formatNumber(progress.updatingCommunes, lang)})…
              </p>
            ) : (
              <p>
                {ti('importing', lang)} {progress.file} ({progress.fileIndex + 1}/{progress.fileCount}) —{' '}
                {formatNumber(progress.rows, lang)} {ti('rows', lang)} · {formatNumber(progress.percent, lang, 0)}%{' '}
                <button type="button" className="secondary" onClick={() => abort.current?.abort()}>
                  {ti('stop', lang)}
                </button>
              </p>
            )}
          </div>
        )}
        {updated.length > 0 && (
          <p className="note" data-testid="cube-updated">
            {ti('cubeUpdated', lang, { n: formatNumber(updated.length, lang) })}:{' '}
            {updated.map((c) => `${communeByCode(c)?.communeName ?? c} (${c})`).join(', ')}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {ti('failed', lang)}: {error}
          </p>
        )}
      </section>
      {editing && (
        <MappingEditor
          fileName={editing.file.name}
          sheet={editing.file.preview.sheets[editing.sheet]!}
          initial={editing.file.mappings[sheetKey(editing.file.name, editing.file.preview.sheets[editing.sheet]!.sheet)]}
          onConfirm={(m, preset) => confirmMapping(editing.file, editing.sheet, m, preset)}
          onCancel={() => setEditing(null)}
        />
      )}
      <Results results={results} />
      <ImportLog />
      <QualityPanel />
    </>
  );
}
