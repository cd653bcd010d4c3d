import { DATA_ELEMENTS, type DataElement } from '../model/data-elements.js';

/** The MIS data elements of formats.md, with their kind (one list, in analysis/model). */
export const ELEMENTS = DATA_ELEMENTS;
export type ElementCode = DataElement;

/** Elements counted in couples: a sex breakdown means they were counted in persons. */
export const COUPLE_ELEMENTS: readonly string[] = [
  'marriages',
  'child_marriages',
  'consanguineous_marriages',
  'premarital_checked',
];
