import { describe, expect, it } from 'vitest';
import { firstMatch, routeMatches, type RouteConditions } from './routing.js';

const route = (c: Partial<RouteConditions> & { id: string }) => ({ categoryId: null, systemId: null, minSeverity: null, ...c });
const facts = (f: { categoryId?: string | null; systemIds?: string[]; severity?: string | null } = {}) => ({
  categoryId: f.categoryId ?? null,
  systemIds: f.systemIds ?? [],
  severity: f.severity ?? null,
});

describe('reporting route matching (D1-35)', () => {
  it('D1-35: a route without conditions matches every incident', () => {
    expect(routeMatches(route({ id: 'r' }), facts())).toBe(true);
    expect(routeMatches(route({ id: 'r' }), facts({ categoryId: 'c', systemIds: ['s'], severity: 'high' }))).toBe(true);
  });

  it('D1-35: category must be equal and the system among the incident’s systems', () => {
    expect(routeMatches(route({ id: 'r', categoryId: 'c1' }), facts({ categoryId: 'c1' }))).toBe(true);
    expect(routeMatches(route({ id: 'r', categoryId: 'c1' }), facts({ categoryId: 'c2' }))).toBe(false);
    expect(routeMatches(route({ id: 'r', categoryId: 'c1' }), facts())).toBe(false);
    expect(routeMatches(route({ id: 'r', systemId: 's2' }), facts({ systemIds: ['s1', 's2'] }))).toBe(true);
    expect(routeMatches(route({ id: 'r', systemId: 's3' }), facts({ systemIds: ['s1', 's2'] }))).toBe(false);
    // all set conditions must hold
    expect(routeMatches(route({ id: 'r', categoryId: 'c1', systemId: 's1' }), facts({ categoryId: 'c1', systemIds: ['s2'] }))).toBe(false);
  });

  it('D1-35: severity is at least the minimum, in the order low < moderate < high < extensive', () => {
    const high = route({ id: 'r', minSeverity: 'high' });
    expect(routeMatches(high, facts({ severity: 'low' }))).toBe(false);
    expect(routeMatches(high, facts({ severity: 'moderate' }))).toBe(false);
    expect(routeMatches(high, facts({ severity: 'high' }))).toBe(true);
    expect(routeMatches(high, facts({ severity: 'extensive' }))).toBe(true);
    // not yet assessed: a route that asks for a minimum does not match
    expect(routeMatches(high, facts())).toBe(false);
    expect(routeMatches(route({ id: 'r', minSeverity: 'low' }), facts({ severity: 'low' }))).toBe(true);
    expect(routeMatches(route({ id: 'r', minSeverity: 'extensive' }), facts({ severity: 'high' }))).toBe(false);
  });

  it('D1-35: the first matching route in order wins', () => {
    const routes = [
      route({ id: 'crisis', minSeverity: 'extensive' }),
      route({ id: 'journal', systemId: 'journal' }),
      route({ id: 'phishing', categoryId: 'phishing' }),
      route({ id: 'fallback' }),
    ];
    expect(firstMatch(routes, facts({ systemIds: ['journal'], severity: 'extensive' }))?.id).toBe('crisis');
    expect(firstMatch(routes, facts({ systemIds: ['journal'], categoryId: 'phishing', severity: 'high' }))?.id).toBe('journal');
    expect(firstMatch(routes, facts({ categoryId: 'phishing' }))?.id).toBe('phishing');
    expect(firstMatch(routes, facts({ categoryId: 'other' }))?.id).toBe('fallback');
    expect(firstMatch(routes.slice(0, 3), facts({ categoryId: 'other' }))).toBeNull();
  });
});
