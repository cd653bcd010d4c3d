import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../../analysis/indicators/index.js';

describe('indicator registry', () => {
  it('gives every indicator its formula in Vietnamese words, for the Vietnamese views', () => {
    // English words of the formulas (data element codes included) that must not reach a Vietnamese reader.
    const english = /\b(births?|deaths?|population|pop|table|under|age|males?|females?|marriages?|couples|pregnancies|screened|checked|elderly|users|women|in|out|period|end|new_acceptors)\b/i;
    for (const def of INDICATORS) {
      expect(def.formulaVi, def.code).not.toMatch(english);
      expect(def.formulaVi.length, def.code).toBeGreaterThan(0);
    }
    // Spot checks against indicators.md's definitions.
    const vi = (code: string) => INDICATORS.find((d) => d.code === code)!.formulaVi;
    expect(vi('srb')).toBe('số trẻ trai sinh ra / số trẻ gái sinh ra × 100');
    expect(vi('imr')).toBe('số trẻ chết dưới 1 tuổi / B × 1000');
  });
});
