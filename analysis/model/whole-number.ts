/**
 * A whole number as Vietnamese and English documents print it: "94323", "94.323", "94,323",
 * "94 323" (a separator between groups of three digits), or a spreadsheet's "94323.0".
 * NaN for anything else, fractions included: a count is never 94.323 or 2.5.
 */
export function parseWholeNumber(s: string): number {
  const t = s.replace(/\s/g, '');
  // Grouped thousands first: "6.000" is six thousand, not 6.0.
  if (/^-?\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^-?\d+(\.0+)?$/.test(t)) return Number(t);
  return NaN;
}
