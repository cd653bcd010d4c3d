/**
 * The importer's public API, for the Import screen and the CLI.
 *
 *   previewFile(name, bytes, presets) → what a file holds and how it would be mapped
 *   importFiles(workspace, files, { onProgress, signal, mappings }) → ImportSummary[]
 *   saveMappingPreset(workspace, name, headers, mapping)
 *   qualityReport / qualityCount / qualitySummary / importLog / exportQualityCsv / exportQualityXlsx
 */
export { previewFile, canonicalFields, type FilePreview, type SheetPreview } from './preview.js';
export {
  importFiles,
  type ImportOptions,
  type ImportProgress,
  type ImportStatus,
  type ImportSummary,
  type InputFile,
  type Replacement,
} from './importer.js';
export { saveMappingPreset } from './presets.js';
export { monthRanges } from './month-ranges.js';
export { DEFAULT_ITEM_CODES, saveWideItemCodes, type ItemCode } from './wide.js';
export { guessMapping, headerSignature, missingRequired, type ColumnGuess, type ColumnMapping, type MappingPreset } from './mapping.js';
export { knownCodes, type CodeTable } from './codes.js';
export { FIELDS, type FieldDef, type FieldKind } from './fields.js';
export type { Problem } from './problem.js';
export {
  ageHeaping,
  exportQualityCsv,
  exportQualitySummary,
  sentNothing,
  exportQualityXlsx,
  importLog,
  missingMonths,
  qualityCount,
  qualityReport,
  qualitySummary,
  refreshQualitySummary,
  replacementsOf,
  type AgeHeaping,
  type CommuneQuality,
  type ImportLogEntry,
  type QualityFilter,
  type QualityRow,
} from './quality-report.js';
export { whipple, myers } from './age-heaping.js';
