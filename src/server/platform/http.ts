import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createSecretBox, type SecretBox } from './crypto/secret-box.js';
import { Problem, fieldProblem } from './problems.js';

export const etagOf = (version: number) => `"v${version}"`;

// Lost-update guard: every change names the version it was based on.
export function requireIfMatch(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  if (typeof header !== 'string' || header.trim() === '') throw new Problem('precondition-required');
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!m) throw new Problem('precondition-failed');
  return Number(m[1]);
}

export function sendWithEtag<T extends { version: number }>(reply: FastifyReply, body: T, status = 200) {
  return reply.status(status).header('etag', etagOf(body.version)).send(body);
}

export const listQueryBase = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  includeArchived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};

export const idParams = z.strictObject({ id: z.uuid() });

export interface SortSpec<K extends string> {
  key: K;
  desc: boolean;
}

export function parseSort<K extends string>(raw: string | undefined, allowed: readonly K[], fallback: K): SortSpec<K> {
  if (!raw) return { key: fallback, desc: false };
  const desc = raw.startsWith('-');
  const key = (desc ? raw.slice(1) : raw) as K;
  if (!allowed.includes(key)) {
    throw fieldProblem(
      'query.sort',
      'invalid_value',
      `Ogiltig sortering. Tillåtna: ${allowed.join(', ')}.`,
      `Invalid sort. Allowed: ${allowed.join(', ')}.`,
    );
  }
  return { key, desc };
}

export interface Cursor {
  s: string;
  k: string | number | boolean | null;
  id: string;
}

// Sealed with AES-256-GCM, not only encoded: the value of the last row shown is its sort key, and when
// that row is secret-marked and shown masked (a title sorted by name) a readable cursor would hand out
// the content the mask hides. The key comes from the instance key, so every instance sharing it reads
// the others' cursors.
let cursorBox: SecretBox = createSecretBox(randomBytes(32));
export function setCursorKey(instanceKey: Buffer): void {
  cursorBox = createSecretBox(createHmac('sha256', instanceKey).update('tillit-list-cursor-v1').digest());
}

export const encodeCursor = (c: Cursor): string => cursorBox.seal(JSON.stringify(c));

const cursorSchema = z.object({ s: z.string(), k: z.union([z.string(), z.number(), z.boolean(), z.null()]), id: z.uuid() });

export function decodeCursor(raw: string | undefined, sortName: string): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.parse(JSON.parse(cursorBox.open(raw)));
    if (parsed.s !== sortName) throw new Error('sort changed');
    return parsed;
  } catch {
    throw fieldProblem(
      'query.cursor',
      'invalid_cursor',
      'Ogiltig sidmarkör (cursor). Börja om från första sidan.',
      'Invalid cursor. Start again from the first page.',
    );
  }
}

export function wantsCsv(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return /\btext\/csv\b/.test(accept);
}
