import { describe, expect, it } from 'vitest';
import { addToGrid, bandBounds, bandOf, emptyGrid, riskLevel, scoreOf, withinMatrix } from '../../../shared/risk-matrix.js';

describe('risk matrix (D1-02: risk assessment)', () => {
  it('D1-02: the level is likelihood × consequence', () => {
    expect(riskLevel(3, 4)).toBe(12);
    expect(scoreOf(2, 3, 4)).toEqual({ likelihood: 2, consequence: 3, level: 6, band: 'medium' });
    expect(scoreOf(null, 3, 4)).toBeNull();
  });

  it('D1-02: bands on a 4×4 matrix: 1–3 låg, 4–6 medel, 8–9 hög, 12–16 mycket hög', () => {
    expect([1, 2, 3, 4, 6, 8, 9, 12, 16].map((l) => bandOf(l, 4))).toEqual([
      'low',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'very_high',
      'very_high',
    ]);
  });

  it('D1-02: bands on a 5×5 matrix: 1–4 låg, 5–9 medel, 10–15 hög, 16–25 mycket hög', () => {
    expect([4, 5, 9, 10, 15, 16, 25].map((l) => bandOf(l, 5))).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'very_high',
      'very_high',
    ]);
  });

  it('band bounds agree with bandOf for every level of both sizes', () => {
    for (const size of [4, 5] as const)
      for (let l = 1; l <= size; l++)
        for (let c = 1; c <= size; c++) {
          const level = l * c;
          const b = bandBounds(bandOf(level, size), size);
          expect(level >= b.min && level <= b.max).toBe(true);
        }
  });

  it('scores outside the matrix are refused; the grid puts the highest consequence first', () => {
    expect(withinMatrix(5, 4)).toBe(false);
    expect(withinMatrix(5, 5)).toBe(true);
    expect(withinMatrix(null, 4)).toBe(true);
    const g = emptyGrid(4);
    addToGrid(g, 4, 1, 4);
    addToGrid(g, 4, 4, 1, 2);
    expect(g[0]![0]).toBe(1);
    expect(g[3]![3]).toBe(2);
  });
});
