/** The MIS data elements of formats.md, with their kind. */
export const ELEMENTS = {
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
} as const;
export type ElementCode = keyof typeof ELEMENTS;

/** Elements counted in couples: a sex breakdown means they were counted in persons. */
export const COUPLE_ELEMENTS: readonly string[] = [
  'marriages',
  'child_marriages',
  'consanguineous_marriages',
  'premarital_checked',
];
