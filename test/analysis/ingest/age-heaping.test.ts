import { describe, expect, it } from 'vitest';
import { myers, whipple } from '../../../analysis/ingest/age-heaping.js';

describe('age heaping', () => {
  const flat = new Array(101).fill(100);
  it('gives 100 (Whipple) and 0 (Myers) without digit preference', () => {
    expect(whipple(flat)).toBeCloseTo(100, 10);
    expect(myers(flat)).toBeCloseTo(0, 10);
  });
  it('gives 500 when every age 23–62 ends in 0 or 5, and 90 (Myers) when all end in 0', () => {
    const heaped = flat.map((n, a) => (a % 5 === 0 ? n : 0));
    expect(whipple(heaped)).toBeCloseTo(500, 10);
    const zeros = flat.map((n, a) => (a % 10 === 0 ? n : 0));
    expect(myers(zeros)).toBeCloseTo(90, 10);
  });
  it('matches a hand computation with extra people at ages 30 and 40', () => {
    const c = flat.slice();
    c[30] = 200;
    c[40] = 300;
    // Whipple: heaped 8 ages ×100 + 100 + 200 = 1100; all 40 ages × 100 + 300 = 4300.
    expect(whipple(c)).toBeCloseTo((100 * 1100) / (4300 / 5), 10);
    // Myers: digit 0 gains 300 people in both series, weights 1 and 9 → +3000 blended.
    const base = 8 * 100 * 10; // each digit: (d+1)·800 + (9−d)·800 = 8000
    const total = 10 * base + 3000;
    const dev = Math.abs((100 * (base + 3000)) / total - 10) + 9 * Math.abs((100 * base) / total - 10);
    expect(myers(c)).toBeCloseTo(dev / 2, 10);
  });
  it('is null without anyone in the age range', () => {
    expect(whipple([])).toBeNull();
    expect(myers([])).toBeNull();
  });
  it('is null with fewer than 100 people in the ages counted (17 people gave Whipple 0)', () => {
    const few = new Array(101).fill(0);
    for (const a of [24, 26, 31, 33, 38, 41, 44, 47, 52, 56, 58, 61, 27, 36, 43, 49, 54]) few[a] = 1;
    expect(whipple(few)).toBeNull();
    expect(myers(few)).toBeNull();
    // 100 people aged 23–62 (and 10–99): indices again.
    const hundred = new Array(101).fill(0);
    for (let a = 23; a <= 62; a++) hundred[a] = a <= 42 ? 3 : 2;
    expect(hundred.slice(23, 63).reduce((s, n) => s + n, 0)).toBe(100);
    expect(whipple(hundred)).toBeCloseTo((100 * (3 * 4 + 2 * 4)) / (100 / 5), 10);
    expect(myers(hundred)).not.toBeNull();
  });
});
