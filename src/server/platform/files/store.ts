import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Problem } from '../problems.js';
import { sniff } from './types.js';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;

// The directory is outside the web root: TILLIT_FILE_DIR, or <TILLIT_DATA_DIR>/files. Read at each
// use, so tests and the CLI can point it elsewhere without rebuilding the app.
export function fileDir(): string {
  const explicit = process.env.TILLIT_FILE_DIR;
  if (explicit) return path.resolve(explicit);
  return path.join(path.resolve(process.env.TILLIT_DATA_DIR ?? './data'), 'files');
}

// Keys are UUIDs we made: anything else never becomes a path (no traversal through a stored key).
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const pathOf = (key: string) => {
  if (!KEY.test(key)) throw new Error('bad storage key');
  return path.join(fileDir(), key.slice(0, 2), key);
};

export interface StagedFile {
  storageKey: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export const unsupportedType = () =>
  new Problem(
    'unsupported-file-type',
    {
      sv: 'Tillåtna filer är PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods) och text (.txt, .csv), och filnamnets ändelse ska stämma med innehållet.',
      en: 'Allowed files are PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods) and text (.txt, .csv), and the name’s ending must match the content.',
    },
    [
      {
        field: 'file',
        code: 'unsupported_type',
        sv: 'Filtypen är inte tillåten eller stämmer inte med filnamnet.',
        en: 'The file type is not allowed or does not match the file name.',
      },
    ],
  );

// A crash between writing and renaming leaves a .part behind; the next upload clears those older
// than an hour (younger ones may be another upload in progress).
const STALE_PART_MS = 3_600_000;
async function sweepStaleParts(tmpDir: string): Promise<void> {
  const cutoff = Date.now() - STALE_PART_MS;
  for (const n of await readdir(tmpDir).catch(() => [] as string[])) {
    if (!n.endsWith('.part')) continue;
    const p = path.join(tmpDir, n);
    const s = await stat(p).catch(() => null);
    if (s && s.mtimeMs < cutoff) await rm(p, { force: true });
  }
}

// Checks the bytes and writes them to the store: first to a temporary name, then renamed into place,
// so a crash never leaves a half-written file under a real key. The caller writes the row.
export async function stageFile(name: string, content: Buffer): Promise<StagedFile> {
  if (content.length > MAX_FILE_BYTES) throw new Problem('file-too-large');
  if (content.length === 0)
    throw new Problem('validation', undefined, [{ field: 'file', code: 'empty', sv: 'Filen är tom.', en: 'The file is empty.' }]);
  const type = await sniff(content, name);
  if (!type) throw unsupportedType();
  const storageKey = randomUUID();
  const target = pathOf(storageKey);
  const tmpDir = path.join(fileDir(), 'tmp');
  await mkdir(tmpDir, { recursive: true });
  await sweepStaleParts(tmpDir);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = path.join(tmpDir, `${storageKey}.part`);
  try {
    // on disk before the rename, so a crash after the commit cannot leave a row over an empty file
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return {
    storageKey,
    name,
    contentType: type.contentType,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

export const removeStored = (key: string) => rm(pathOf(key), { force: true });

export const readStored = (key: string) => readFile(pathOf(key));

// Stages the bytes, then runs the database work (which writes the row in its transaction); when that
// work fails, the bytes go too, so a failed upload leaves neither a row nor a file.
export async function withStagedFile<T>(name: string, content: Buffer, work: (staged: StagedFile) => Promise<T>): Promise<T> {
  const staged = await stageFile(name, content);
  try {
    return await work(staged);
  } catch (err) {
    await removeStored(staged.storageKey).catch(() => undefined);
    throw err;
  }
}
