import type { FastifyRequest } from 'fastify';
import { fieldProblem, Problem } from '../problems.js';
import { MAX_FILE_BYTES } from './store.js';

export interface Upload {
  name: string;
  content: Buffer;
}

const noFile = () => fieldProblem('file', 'required', 'Välj en fil.', 'Choose a file.');

// Control characters, quotes and path parts never reach the stored name or a Content-Disposition header;
// nor do invisible direction marks, which can make "x.exe" look like a .pdf.
export const cleanName = (name: string) =>
  [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f' && c !== '"' && !/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(c))
    .join('')
    .trim()
    .slice(0, 200) || 'fil';

// A cut-off body is the client's fault (400), a body over the limit 413; our own problems pass through.
const clientFault = (err: unknown) => {
  if (err instanceof Problem) return err;
  if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return new Problem('file-too-large');
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return err;
  return new Problem('bad-request', { sv: 'Filen kom inte fram hel. Försök igen.', en: 'The file did not arrive whole. Try again.' });
};

// One file from a multipart/form-data body (field `file`); the route's scope registers @fastify/multipart.
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw noFile();
  let name: string;
  let content: Buffer;
  try {
    const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0 } });
    if (!part) throw noFile();
    name = part.filename;
    content = await part.toBuffer();
  } catch (err) {
    throw clientFault(err);
  }
  if (content.length === 0) throw fieldProblem('file', 'empty', 'Filen är tom.', 'The file is empty.');
  return { name: cleanName(name), content };
}
