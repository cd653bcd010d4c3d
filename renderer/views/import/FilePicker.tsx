import { useState, type DragEvent } from 'react';
import { useLang } from '../../i18n/context.js';
import { ti } from '../../i18n/import-messages.js';
import { platform } from '../../platform/index.js';

export interface PickedFile {
  name: string;
  read: () => Promise<Uint8Array>;
}

const FILTERS = [{ name: 'CSV, Excel', extensions: ['csv', 'txt', 'xlsx', 'xls'] }];

/** A drop zone and a "choose files" button; both hand back named byte readers. */
export function FilePicker({ onFiles, disabled }: { onFiles: (files: PickedFile[]) => void; disabled?: boolean }) {
  const { lang } = useLang();
  const [over, setOver] = useState(false);

  const choose = async () => {
    const chosen = await platform.chooseFiles({ multiple: true, filters: FILTERS });
    onFiles(chosen.map((c) => ({ name: c.name, read: () => platform.readFile(c.id) })));
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    onFiles(files.map((f) => ({ name: f.name, read: async () => new Uint8Array(await f.arrayBuffer()) })));
  };

  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      aria-label={ti('drop', lang)}
    >
      <p>{ti('drop', lang)}</p>
      <button type="button" className="primary" onClick={() => void choose()} disabled={disabled} data-testid="choose-files">
        {ti('choose', lang)}
      </button>
    </div>
  );
}
