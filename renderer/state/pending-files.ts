import { previewFile, type ColumnMapping, type FilePreview, type MappingPreset } from '../../analysis/ingest/index.js';

/** A file the user chose or dropped, read and previewed, waiting to be imported. */
export interface PendingFile {
  key: string;
  name: string;
  size: number;
  bytes: Uint8Array;
  preview: FilePreview;
  /** Mappings the user confirmed, by sheet key (see sheetKey). */
  mappings: Record<string, ColumnMapping>;
}

/** How importFiles names a sheet's mapping: the file name, plus '#sheet' in workbooks. */
export function sheetKey(file: string, sheet: string | null): string {
  return sheet ? `${file}#${sheet}` : file;
}

export function makePending(name: string, bytes: Uint8Array, presets: readonly MappingPreset[]): PendingFile {
  return { key: crypto.randomUUID(), name, size: bytes.byteLength, bytes, preview: previewFile(name, bytes, presets), mappings: {} };
}

/** Whether every sheet of the file has a usable mapping (detected, preset or confirmed). */
export function isReady(f: PendingFile): boolean {
  if (f.preview.fatal) return false;
  return f.preview.sheets.every(
    (s) => f.mappings[sheetKey(f.name, s.sheet)] !== undefined || (s.mapping !== null && s.missingRequired.length === 0),
  );
}
