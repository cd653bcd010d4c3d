/** The indicator engine's public API: views, the CLI and the briefing import from here. */
export { INDICATORS, indicatorByCode, type IndicatorDef, type Direction, type IndicatorKind } from './registry.js';
export { computeIndicators, subAnnual, UNRELIABLE_EVENTS, type ComputeOptions } from './compute.js';
export { type PeriodType } from './wide.js';
export { buildCube, ensureCubeTable, type BuildCubeOptions, type CubeInfo } from './cube/build.js';
export { CUBE_TABLE, VILLAGE_SEPARATOR, type CubeRow, type CubeSource, type CubeLevel } from './cube/schema.js';
export { lifeTable, coaleDemeny, type LifeTable, type LifeTableRow, type LifeTableMethod } from './lifetable.js';
export { unitLifeTables, E0_OF_SEX, LIFE_TABLE_AGES, MIN_PERSON_YEARS } from './life-expectancy.js';
export { marshallGlobal } from './smoothing.js';
export { poissonRate, wilson, srbWilson, normal, type IntervalMethod } from './intervals.js';
export { parseTargetsFile, parseTargetsWorkbook } from './targets-xlsx.js';
export {
  bundledTargets, parseSavedTargets, parseTargetsCsv, parseTargetsRows, evaluateTargets, periodYears, yearsPerValue, TARGETS_FILE,
  type Target, type TargetStatus, type TargetEvaluation,
} from './targets.js';
export type { IndicatorResult, ResultFlag, UnitLevel } from './result.js';
