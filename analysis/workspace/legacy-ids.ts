import { DataType, RecordBatchReader } from 'apache-arrow';
import type { Engine } from '../engine/engine.js';
import { CANONICAL_TABLES, castFromText, idColumns, type CanonicalTable } from '../model/schema.js';

const LEGACY_PART = '_legacy_part';

/**
 * The person-identifier columns a saved part of `table` holds as text. Workspaces of
 * version 2 and older stored pseudonyms as 20 hex digits (the first 10 bytes of the HMAC);
 * from version 3 they are UBIGINTs, the first 8 of those bytes, so the first 16 digits of an
 * old pseudonym are the new one and old parts join new imports. A table not written since
 * keeps its old parts (saving rewrites changed tables only), so each part is looked at.
 */
export function textIdColumns(table: string, ipc: Uint8Array): string[] {
  if (!(CANONICAL_TABLES as readonly string[]).includes(table)) return [];
  const ids = idColumns(table as CanonicalTable);
  if (ids.length === 0) return [];
  const reader = RecordBatchReader.from(ipc);
  reader.open();
  return reader.schema.fields.filter((f) => ids.includes(f.name) && DataType.isUtf8(f.type)).map((f) => f.name);
}

/**
 * Append a saved part to `table`, converting text pseudonyms (textIdColumns) to UBIGINT.
 * Returns whether it converted, i.e. the table's files should be written again.
 */
export async function appendPart(engine: Engine, table: string, ipc: Uint8Array): Promise<boolean> {
  const text = textIdColumns(table, ipc);
  if (text.length === 0) {
    await engine.insertArrowIPC(table, ipc, { create: false });
    return false;
  }
  await engine.query(`DROP TABLE IF EXISTS ${LEGACY_PART}`);
  try {
    await engine.insertArrowIPC(LEGACY_PART, ipc, { create: true });
    const replace = text.map((c) => `${castFromText(`left("${c}", 16)`, 'UBIGINT')} AS "${c}"`).join(', ');
    await engine.query(`INSERT INTO "${table}" BY NAME SELECT * REPLACE (${replace}) FROM ${LEGACY_PART}`);
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${LEGACY_PART}`);
  }
  return true;
}
