import { FERTILE } from './columns.js';
import type { IntervalMethod } from './intervals.js';

export type Direction = 'higher_better' | 'lower_better' | 'neutral';
/** rate/proportion: value = scale × num / den (these can be EB-smoothed). */
export type IndicatorKind = 'count' | 'rate' | 'proportion' | 'ratio' | 'tfr' | 'life_table' | 'change';

export interface IndicatorDef {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  unitVi: string;
  /** The formula over data elements, as shared/indicators.md states it. */
  formula: string;
  /** The same in Vietnamese words, for the app's Vietnamese views. */
  formulaVi: string;
  kind: IndicatorKind;
  interval: IntervalMethod;
  direction: Direction;
  decimals: number;
  /** SQL over the pooled element columns (see columns.ts); absent for life tables and changes. */
  sql?: { num: string; den: string; value: string; events: string | null; se?: string; requires: string[] };
  /** Multiplier of num / den for rate and proportion kinds. */
  scale?: number;
  /** For changes: the indicator whose change this is. */
  of?: string;
  /** A count of events whose pooled value is the window's total (not a stock, not an average). */
  pooledSum?: boolean;
}

const nz = (x: string) => `NULLIF(${x}, 0)`;

function rate(code: string, nameVi: string, nameEn: string, num: string, den: string, scale: number, requires: string[], o: Partial<IndicatorDef> & { formula: string; formulaVi: string }): IndicatorDef {
  const per = scale === 1000 ? '‰' : '%';
  return {
    code, nameVi, nameEn, unit: per, unitVi: per, kind: 'rate', interval: 'poisson', direction: 'neutral', decimals: scale === 1000 ? 1 : 2, scale,
    // Poisson standard error of the rate: the change of a rate (cbr_change) is normal on it.
    sql: { num, den, value: `${scale} * (${num}) / ${nz(den)}`, events: num, se: `${scale} * sqrt(${num}) / ${nz(den)}`, requires },
    ...o,
  };
}

/**
 * A share of events: its events are those it counts (1 couple checked of 25 is a value from
 * one event, unreliable), as a rate's and the IMR's are; the flag follows (compute.ts).
 */
function proportion(code: string, nameVi: string, nameEn: string, num: string, den: string, o: Partial<IndicatorDef> & { formula: string; formulaVi: string }): IndicatorDef {
  return {
    code, nameVi, nameEn, unit: '%', unitVi: '%', kind: 'proportion', interval: 'wilson', direction: 'higher_better', decimals: 1, scale: 100,
    sql: { num, den, value: `100 * (${num}) / ${nz(den)}`, events: num, requires: [num, den] },
    ...o,
  };
}

function structure(code: string, nameVi: string, nameEn: string, num: string, den: string, formula: string, formulaVi: string, requires: string[]): IndicatorDef {
  return {
    code, nameVi, nameEn, unit: '%', unitVi: '%', formula, formulaVi, kind: 'ratio', interval: 'none', direction: 'neutral', decimals: 1, scale: 100,
    sql: { num, den, value: `100 * (${num}) / ${nz(den)}`, events: null, requires },
  };
}

/** The age-specific fertility rates whose sum × 5 is the TFR, youngest first. */
export const ASFR_CODES = FERTILE.map((f) => `asfr_${f.age.replace('-', '_')}`);

const asfr = FERTILE.map((f, i) =>
  rate(ASFR_CODES[i]!, `Tỷ suất sinh đặc trưng theo tuổi ${f.age}`, `Age-specific fertility rate ${f.age}`, f.b, f.w, 1000, [f.b, `${f.w}_prev`, `${f.w}_end`], {
    formula: `B(${f.age}) / W̄(${f.age}) × 1000 (mother's age at the birth)`,
    formulaVi: `B(${f.age}) / W̄(${f.age}) × 1000 (tuổi của mẹ khi sinh)`,
  }),
);

// TFR = 5 Σ Bₐ/W̄ₐ; an age group without women contributes 0 when it has no births either.
const term = (f: (typeof FERTILE)[number], sq: boolean) =>
  `CASE WHEN ${f.w} > 0 THEN ${f.b} / ${sq ? `(${f.w} * ${f.w})` : f.w} WHEN ${f.b} = 0 THEN 0 END`;

/** One definition per indicator of shared/indicators.md. */
export const INDICATORS: IndicatorDef[] = [
  {
    code: 'population', nameVi: 'Dân số (cuối kỳ)', nameEn: 'Population (end of period)', unit: 'persons', unitVi: 'người',
    formula: 'population at period end', formulaVi: 'dân số cuối kỳ', kind: 'count', interval: 'none', direction: 'neutral', decimals: 0,
    sql: { num: 'pop_last', den: 'NULL', value: 'pop_last', events: null, requires: ['pop_end'] },
  },
  {
    code: 'pop_avg', nameVi: 'Dân số trung bình', nameEn: 'Average population', unit: 'persons', unitVi: 'người',
    formula: 'P̄ = (population at end of previous period + at end of this period) / 2',
    formulaVi: 'P̄ = (dân số cuối kỳ trước + dân số cuối kỳ này) / 2', kind: 'count', interval: 'none', direction: 'neutral', decimals: 0,
    sql: { num: 'pop_avg', den: 'k', value: 'pop_avg / k', events: null, requires: ['pop_prev', 'pop_end'] },
  },
  rate('cbr', 'Tỷ suất sinh thô', 'Crude birth rate', 'b', 'pop_avg', 1000, ['b', 'pop_prev', 'pop_end'], { formula: 'B / P̄ × 1000', formulaVi: 'B (số trẻ sinh ra) / P̄ × 1000' }),
  rate('cdr', 'Tỷ suất chết thô', 'Crude death rate', 'd', 'pop_avg', 1000, ['d', 'pop_prev', 'pop_end'], { formula: 'D / P̄ × 1000', formulaVi: 'D (số người chết) / P̄ × 1000', direction: 'lower_better' }),
  {
    code: 'nir', nameVi: 'Tỷ lệ tăng dân số tự nhiên', nameEn: 'Natural increase rate', unit: '%', unitVi: '%',
    formula: '(B − D) / P̄ × 100', formulaVi: '(B − D) / P̄ × 100', kind: 'ratio', interval: 'normal', direction: 'neutral', decimals: 2,
    sql: { num: 'b - d', den: 'pop_avg', value: `100 * (b - d) / ${nz('pop_avg')}`, events: 'b + d', se: `100 * sqrt(b + d) / ${nz('pop_avg')}`, requires: ['b', 'd', 'pop_prev', 'pop_end'] },
  },
  {
    code: 'growth_rate', nameVi: 'Tỷ lệ tăng dân số chung', nameEn: 'Population growth rate', unit: '%', unitVi: '%',
    formula: '(B − D + in − out) / P̄ × 100', formulaVi: '(B − D + nhập cư − xuất cư) / P̄ × 100', kind: 'ratio', interval: 'none', direction: 'neutral', decimals: 2,
    sql: { num: 'b - d + mig_in - mig_out', den: 'pop_avg', value: `100 * (b - d + mig_in - mig_out) / ${nz('pop_avg')}`, events: null, requires: ['b', 'd', 'mig_in', 'mig_out', 'pop_prev', 'pop_end'] },
  },
  rate('in_migration_rate', 'Tỷ suất nhập cư', 'In-migration rate', 'mig_in', 'pop_avg', 1000, ['mig_in', 'pop_prev', 'pop_end'], { formula: 'in / P̄ × 1000', formulaVi: 'số người nhập cư / P̄ × 1000' }),
  rate('out_migration_rate', 'Tỷ suất xuất cư', 'Out-migration rate', 'mig_out', 'pop_avg', 1000, ['mig_out', 'pop_prev', 'pop_end'], { formula: 'out / P̄ × 1000', formulaVi: 'số người xuất cư / P̄ × 1000' }),
  rate('gfr', 'Tỷ suất sinh chung', 'General fertility rate', 'b', 'w_15_49', 1000, ['b', ...FERTILE.flatMap((f) => [`${f.w}_prev`, `${f.w}_end`])], { formula: 'B / W̄(15–49) × 1000', formulaVi: 'B / W̄(15–49) × 1000 (W̄: số phụ nữ trung bình)' }),
  ...asfr,
  {
    code: 'tfr', nameVi: 'Tổng tỷ suất sinh', nameEn: 'Total fertility rate', unit: 'children per woman', unitVi: 'con/phụ nữ',
    formula: '5 × Σₐ Bₐ / W̄ₐ, a = 15–19 … 45–49', formulaVi: '5 × Σₐ Bₐ / W̄ₐ, nhóm tuổi mẹ a = 15–19 … 45–49', kind: 'tfr', interval: 'normal', direction: 'neutral', decimals: 2,
    sql: {
      num: 'b_15_49', den: 'w_15_49', value: `5 * (${FERTILE.map((f) => term(f, false)).join(' + ')})`, events: 'b_15_49',
      se: `5 * sqrt(${FERTILE.map((f) => term(f, true)).join(' + ')})`,
      requires: [...FERTILE.map((f) => f.b), ...FERTILE.flatMap((f) => [`${f.w}_prev`, `${f.w}_end`])],
    },
  },
  { ...rate('adolescent_birth_rate', 'Tỷ suất sinh vị thành niên', 'Adolescent birth rate', 'b_15_19', 'w_15_19', 1000, ['b_15_19', 'w_15_19_prev', 'w_15_19_end'], { formula: 'B(15–19) / W̄(15–19) × 1000', formulaVi: 'B(15–19) / W̄(15–19) × 1000 (tuổi của mẹ khi sinh)' }), direction: 'lower_better' },
  {
    code: 'srb', nameVi: 'Tỷ số giới tính khi sinh', nameEn: 'Sex ratio at birth', unit: 'boys per 100 girls', unitVi: 'trẻ trai/100 trẻ gái',
    formula: 'male births / female births × 100', formulaVi: 'số trẻ trai sinh ra / số trẻ gái sinh ra × 100', kind: 'ratio', interval: 'srb_wilson', direction: 'lower_better', decimals: 1,
    sql: { num: 'b_m', den: 'b_f', value: `100 * b_m / ${nz('b_f')}`, events: 'b_m + b_f', se: `100 * b_m / ${nz('b_f')} * sqrt(1 / ${nz('b_m')} + 1 / ${nz('b_f')})`, requires: ['b_m', 'b_f'] },
  },
  {
    code: 'srb_change', nameVi: 'Mức thay đổi tỷ số giới tính khi sinh', nameEn: 'Change in sex ratio at birth', unit: 'points', unitVi: 'điểm',
    formula: 'srb(t) − srb(t − 1)', formulaVi: 'SRB(t) − SRB(t − 1), tính bằng điểm', kind: 'change', interval: 'normal', direction: 'lower_better', decimals: 1, of: 'srb',
  },
  {
    code: 'cbr_change', nameVi: 'Mức thay đổi tỷ suất sinh thô', nameEn: 'Change in crude birth rate', unit: '‰ points', unitVi: 'điểm ‰',
    formula: 'cbr(t) − cbr(t − 1)', formulaVi: 'CBR(t) − CBR(t − 1), tính bằng điểm phần nghìn', kind: 'change', interval: 'normal', direction: 'neutral', decimals: 2, of: 'cbr',
  },
  { ...proportion('births_order_3plus_pct', 'Tỷ lệ sinh con thứ 3 trở lên', 'Births of order 3 or more', 'b_o3', 'b', { formula: 'births_order_3plus / B × 100', formulaVi: 'số trẻ sinh ra là con thứ 3 trở lên / B × 100' }), direction: 'lower_better' },
  { ...rate('imr', 'Tỷ suất chết trẻ em dưới 1 tuổi', 'Infant mortality rate', 'd_0', 'b', 1000, ['d_0', 'b'], { formula: 'deaths under age 1 / B × 1000', formulaVi: 'số trẻ chết dưới 1 tuổi / B × 1000' }), direction: 'lower_better' },
  {
    code: 'e0', nameVi: 'Tuổi thọ trung bình tính từ lúc sinh', nameEn: 'Life expectancy at birth', unit: 'years', unitVi: 'năm',
    formula: 'abridged life table (0, 1–4, 5–9, …, 85+), e₀ = T₀ / l₀', formulaVi: 'bảng sống rút gọn (0, 1–4, 5–9, …, 85+), e₀ = T₀ / l₀', kind: 'life_table', interval: 'chiang', direction: 'higher_better', decimals: 1,
  },
  {
    code: 'e0_male', nameVi: 'Tuổi thọ trung bình của nam', nameEn: 'Life expectancy at birth, males', unit: 'years', unitVi: 'năm',
    formula: 'abridged life table, males', formulaVi: 'bảng sống rút gọn của nam, e₀ = T₀ / l₀', kind: 'life_table', interval: 'chiang', direction: 'higher_better', decimals: 1,
  },
  {
    code: 'e0_female', nameVi: 'Tuổi thọ trung bình của nữ', nameEn: 'Life expectancy at birth, females', unit: 'years', unitVi: 'năm',
    formula: 'abridged life table, females', formulaVi: 'bảng sống rút gọn của nữ, e₀ = T₀ / l₀', kind: 'life_table', interval: 'chiang', direction: 'higher_better', decimals: 1,
  },
  proportion('prenatal_screening', 'Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh (đủ 4 bệnh)', 'Prenatal screening (all 4 conditions)', 'preg_scr', 'preg', { formula: 'prenatal_screened / pregnancies × 100', formulaVi: 'số phụ nữ mang thai được sàng lọc đủ 4 bệnh / số phụ nữ mang thai × 100' }),
  proportion('newborn_screening', 'Tỷ lệ trẻ sơ sinh được sàng lọc sơ sinh (đủ 5 bệnh)', 'Newborn screening (all 5 conditions)', 'nb_scr', 'b', { formula: 'newborn_screened / B × 100', formulaVi: 'số trẻ sơ sinh được sàng lọc đủ 5 bệnh / B × 100' }),
  proportion('premarital_check', 'Tỷ lệ cặp nam nữ được tư vấn, khám sức khỏe trước khi kết hôn', 'Premarital counselling and health check', 'mar_check', 'mar', { formula: 'premarital_checked / marriages × 100 (couples)', formulaVi: 'số cặp được tư vấn, khám sức khỏe trước khi kết hôn / số cặp kết hôn × 100' }),
  { ...proportion('child_marriage', 'Tỷ lệ tảo hôn', 'Child marriage', 'mar_child', 'mar', { formula: 'child_marriages / marriages × 100', formulaVi: 'số cặp tảo hôn / số cặp kết hôn × 100' }), direction: 'lower_better' },
  { ...proportion('consanguineous_marriage', 'Tỷ lệ kết hôn cận huyết thống', 'Consanguineous marriage', 'mar_cons', 'mar', { formula: 'consanguineous_marriages / marriages × 100', formulaVi: 'số cặp kết hôn cận huyết thống / số cặp kết hôn × 100' }), direction: 'lower_better' },
  proportion('mcpr', 'Tỷ lệ cặp vợ chồng áp dụng biện pháp tránh thai hiện đại', 'Modern contraceptive prevalence', 'mmu', 'wm', { formula: 'modern_method_users / women_married_15_49 × 100 (period end)', formulaVi: 'số phụ nữ 15–49 tuổi có chồng dùng biện pháp tránh thai hiện đại / số phụ nữ 15–49 tuổi có chồng × 100 (cuối kỳ)' }),
  {
    code: 'new_acceptors', nameVi: 'Số người mới sử dụng biện pháp tránh thai hiện đại', nameEn: 'New acceptors of modern methods', unit: 'persons', unitVi: 'người',
    formula: 'new_acceptors', formulaVi: 'số người mới sử dụng biện pháp tránh thai hiện đại trong kỳ', kind: 'count', interval: 'none', direction: 'higher_better', decimals: 0, pooledSum: true,
    sql: { num: 'new_acc', den: 'NULL', value: 'new_acc', events: null, requires: ['new_acc'] },
  },
  proportion('elderly_check', 'Tỷ lệ người cao tuổi được khám sức khỏe định kỳ ít nhất 1 lần/năm', 'Elderly with a periodic health check', 'eld_chk', 'eld', { formula: 'elderly_checked / elderly × 100', formulaVi: 'số người cao tuổi được khám sức khỏe định kỳ / số người cao tuổi × 100' }),
  // Persons 60+ from the elderly element or the age groups (columns.ts elderly_60p): MIS report
  // forms give the one, long exports by age the other.
  structure('elderly_share', 'Tỷ lệ người cao tuổi', 'Share of elderly (60+)', 'elderly_60p', 'pop_end', 'population 60+ / population × 100', 'dân số 60+ / dân số × 100', ['elderly_60p', 'pop_end']),
  structure('ageing_index', 'Chỉ số già hóa', 'Ageing index', 'pop_60p', 'pop_0_14', 'population 60+ / population 0–14 × 100', 'dân số 60+ / dân số 0–14 × 100', ['pop_60p', 'pop_0_14']),
  structure('dependency_ratio', 'Tỷ số phụ thuộc chung', 'Total dependency ratio', 'pop_0_14 + pop_65p', 'pop_15_64', '(pop 0–14 + pop 65+) / pop 15–64 × 100', '(dân số 0–14 + dân số 65+) / dân số 15–64 × 100', ['pop_0_14', 'pop_65p', 'pop_15_64']),
  structure('child_dependency_ratio', 'Tỷ số phụ thuộc trẻ em', 'Child dependency ratio', 'pop_0_14', 'pop_15_64', 'pop 0–14 / pop 15–64 × 100', 'dân số 0–14 / dân số 15–64 × 100', ['pop_0_14', 'pop_15_64']),
  structure('old_dependency_ratio', 'Tỷ số phụ thuộc người già', 'Old-age dependency ratio', 'pop_65p', 'pop_15_64', 'pop 65+ / pop 15–64 × 100', 'dân số 65+ / dân số 15–64 × 100', ['pop_65p', 'pop_15_64']),
  structure('sex_ratio', 'Tỷ số giới tính của dân số', 'Sex ratio of the population', 'pop_m', 'pop_f', 'male / female population × 100', 'dân số nam / dân số nữ × 100', ['pop_m', 'pop_f']),
];

const BY_CODE = new Map(INDICATORS.map((d) => [d.code, d]));

export function indicatorByCode(code: string): IndicatorDef | undefined {
  return BY_CODE.get(code);
}
