import type { FastifyRequest } from 'fastify';

export type Lang = 'sv' | 'en';

// Swedish unless the client's first preference is English (Språklagen: Swedish is the main language).
export function requestLang(req: Pick<FastifyRequest, 'headers'>): Lang {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'sv';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'sv';
}
