import type { FastifyRequest } from 'fastify';
import { fieldProblem } from './problems.js';

// PostgreSQL text cannot hold NUL; refuse it at the door with a field error instead of failing in
// the database.
function findNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(k, [...path, k]) ?? findNul(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

export async function rejectNulCharacters(req: FastifyRequest): Promise<void> {
  for (const [where, value] of [
    ['', req.body],
    ['query', req.query],
    ['params', req.params],
  ] as const) {
    const hit = findNul(value, where ? [where] : []);
    if (hit) {
      throw fieldProblem(
        hit.join('.'),
        'invalid_character',
        'Texten innehåller ett otillåtet tecken.',
        'The text contains a character that is not allowed.',
      );
    }
  }
}
