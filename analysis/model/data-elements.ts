/** The data elements of shared/formats.md: the seam between the A0 path and the MIS path. */
export type ElementKind = 'stock' | 'flow';

export const DATA_ELEMENTS = {
  households: 'stock',
  population: 'stock',
  women_married_15_49: 'stock',
  births: 'flow',
  births_order_2: 'flow',
  births_order_3plus: 'flow',
  deaths: 'flow',
  in_migrants: 'flow',
  out_migrants: 'flow',
  marriages: 'flow',
  child_marriages: 'flow',
  consanguineous_marriages: 'flow',
  premarital_checked: 'flow',
  pregnancies: 'flow',
  prenatal_screened: 'flow',
  newborn_screened: 'flow',
  modern_method_users: 'stock',
  new_acceptors: 'flow',
  elderly: 'stock',
  elderly_checked: 'flow',
} as const satisfies Record<string, ElementKind>;

export type DataElement = keyof typeof DATA_ELEMENTS;
export const DATA_ELEMENT_CODES = Object.keys(DATA_ELEMENTS) as DataElement[];


/**
 * The A0 table each element is counted from (the register adds the persons' ages and
 * villages). A workspace without that table cannot give the element: not 0, not computable.
 */
export const A0_TABLE_OF = {
  households: 'nhan_khau',
  population: 'nhan_khau',
  elderly: 'nhan_khau',
  women_married_15_49: 'ket_hon',
  births: 'sinh',
  births_order_2: 'sinh',
  births_order_3plus: 'sinh',
  newborn_screened: 'sinh',
  deaths: 'chet',
  in_migrants: 'chuyen_cu',
  out_migrants: 'chuyen_cu',
  marriages: 'ket_hon',
  child_marriages: 'ket_hon',
  consanguineous_marriages: 'ket_hon',
  premarital_checked: 'ket_hon',
  pregnancies: 'mang_thai',
  prenatal_screened: 'mang_thai',
  modern_method_users: 'bptt',
  new_acceptors: 'bptt',
  elderly_checked: 'kham_nct',
} as const satisfies Record<DataElement, string>;

/** What users call the A0 tables (formats.md), Vietnamese · English. */
export const A0_TABLE_NAMES: Record<(typeof A0_TABLE_OF)[DataElement], { vi: string; en: string }> = {
  nhan_khau: { vi: 'sổ nhân khẩu', en: 'register of persons' },
  sinh: { vi: 'sổ sinh', en: 'births' },
  chet: { vi: 'sổ chết', en: 'deaths' },
  chuyen_cu: { vi: 'sổ chuyển đi/chuyển đến', en: 'moves' },
  ket_hon: { vi: 'sổ kết hôn', en: 'marriages' },
  mang_thai: { vi: 'sổ phụ nữ mang thai', en: 'pregnancies' },
  bptt: { vi: 'sổ biện pháp tránh thai', en: 'contraception' },
  kham_nct: { vi: 'sổ khám sức khỏe người cao tuổi', en: 'elderly check-ups' },
};
