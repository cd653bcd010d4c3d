import type { ColumnDef } from '../model/schema.js';

/** Workspace tables besides the canonical ones: the quality report and the import log. */
export const QUALITY_REPORT_COLUMNS: ColumnDef[] = [
  { name: 'import_id', type: 'VARCHAR' },
  { name: 'file', type: 'VARCHAR' },
  { name: 'sheet', type: 'VARCHAR' },
  { name: 'row', type: 'INTEGER' },
  { name: 'column', type: 'VARCHAR' },
  { name: 'value', type: 'VARCHAR' },
  { name: 'rule', type: 'VARCHAR' },
  { name: 'severity', type: 'VARCHAR' },
  { name: 'message_vi', type: 'VARCHAR' },
  { name: 'message_en', type: 'VARCHAR' },
  { name: 'table_name', type: 'VARCHAR' },
  { name: 'commune_code', type: 'VARCHAR' },
];

export const IMPORT_LOG_COLUMNS: ColumnDef[] = [
  { name: 'import_id', type: 'VARCHAR' },
  { name: 'file_name', type: 'VARCHAR' },
  { name: 'sheet', type: 'VARCHAR' },
  { name: 'content_hash', type: 'VARCHAR' },
  { name: 'imported_at', type: 'VARCHAR' },
  { name: 'table_name', type: 'VARCHAR' },
  { name: 'encoding', type: 'VARCHAR' },
  { name: 'rows_read', type: 'INTEGER' },
  { name: 'kept', type: 'INTEGER' },
  { name: 'quarantined', type: 'INTEGER' },
  { name: 'warnings', type: 'INTEGER' },
  /** JSON: [{import_id, file_name, rows}] of rows this import replaced. */
  { name: 'replaced', type: 'VARCHAR' },
];

export const QUALITY_TABLE = 'quality_report';
/**
 * The quality summary per commune (JSON, one row), derived from every table at import time
 * so the views read it without loading the registers (quality-report.ts).
 */
export const QUALITY_SUMMARY_TABLE = 'quality_summary';
export const QUALITY_SUMMARY_COLUMNS_SQL = 'summary VARCHAR';
export const IMPORT_LOG_TABLE = 'import_log';

export function createSql(name: string, columns: ColumnDef[]): string {
  return `CREATE TABLE IF NOT EXISTS "${name}" (${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`;
}
