import { describe, expect, it } from 'vitest';
import { parseWholeNumber } from '../../../analysis/model/whole-number.js';

describe('parseWholeNumber', () => {
  it('reads digits with the separators plans and reports print between groups of three', () => {
    expect(parseWholeNumber('94323')).toBe(94323);
    expect(parseWholeNumber('94.323')).toBe(94323);
    expect(parseWholeNumber('94,323')).toBe(94323);
    expect(parseWholeNumber(' 1 234 567 ')).toBe(1234567);
    expect(parseWholeNumber('1.234.567')).toBe(1234567);
    expect(parseWholeNumber('6.000')).toBe(6000);
    expect(parseWholeNumber('94323.0')).toBe(94323);
    expect(parseWholeNumber('-12')).toBe(-12);
  });
  it('is NaN for fractions, mixed separators and text', () => {
    for (const s of ['2.5', '1,5', '94.32', '1.234,567', '1,234.567', '12.3456', '', 'abc', '1e3']) expect(parseWholeNumber(s), s).toBeNaN();
  });
});
