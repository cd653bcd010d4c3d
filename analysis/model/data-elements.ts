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

