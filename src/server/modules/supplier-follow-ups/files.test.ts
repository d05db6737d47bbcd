import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { PDF, sentFollowUp, uploadEvidence } from '../../../../test/access/fixtures/follow-ups.js';
import { fileDir, MAX_FILE_BYTES, removeStored } from '../../platform/files/store.js';
import { sniff } from '../../platform/files/types.js';
import { attachment } from '../../platform/files/download.js';
import { cleanName } from '../../platform/files/upload.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Every stored file (temporary ones included) under the file directory.
function storedFiles(): string[] {
  const root = fileDir();
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}

async function rowsFor(itemId: string): Promise<number> {
  const { database } = await testApp();
  const res = await database.db.execute(sql`select count(*)::int as n from stored_files where owner_id = ${itemId}`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

async function setup() {
  const t: TestTenant = await newTenant();
  const mk = async (name: string, nr: string) =>
    (await t.admin.post('/api/v1/suppliers', { name, organisationNumber: nr, type: 'it_supplier' })).json<Json>().id as string;
  const a = await mk('Driftpartner AB', '5561234567');
  const b = await mk('Konkurrent AB', '5566778899');
  const sa = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: a }], 'leverantorsadmin');
  const sb = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: b }], 'konkurrent');
  const f = await sentFollowUp(t.admin, a);
  const itemId = (f.items as Json[]).find((i) => i.code === 'D0-19')!.id as string;
  return { t, a, sa, sb, f, itemId };
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0x90)]);

describe('evidence files (file store)', () => {
  // The directory comparisons below need a store of their own: the other worker uploads into the
  // run's shared one at the same time. Files of one worker run one after another, so this is safe.
  const shared = process.env.TILLIT_FILE_DIR;
  const own = mkdtempSync(path.join(tmpdir(), 'tillit-files-test-'));
  beforeAll(() => {
    process.env.TILLIT_FILE_DIR = own;
  });
  afterAll(() => {
    if (shared === undefined) delete process.env.TILLIT_FILE_DIR;
    else process.env.TILLIT_FILE_DIR = shared;
    rmSync(own, { recursive: true, force: true });
  });
  it('D1-17: the type is checked by content, not by name: a .pdf-named executable is refused and leaves no row and no bytes', async () => {
    const { sa, itemId } = await setup();
    const before = storedFiles();
    for (const bytes of [ELF, EXE]) {
      const res = await uploadEvidence(sa, itemId, 'lösenordspolicy.pdf', bytes, 'application/pdf');
      expect(res.statusCode).toBe(415);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json<Json>().errors[0]).toMatchObject({ field: 'file', code: 'unsupported_type' });
    }
    // a real PDF with a .exe name is refused too: the ending must fit the content
    expect((await uploadEvidence(sa, itemId, 'policy.exe', PDF)).statusCode).toBe(415);
    // HTML is not among the allowed types, whatever it is called
    expect((await uploadEvidence(sa, itemId, 'policy.html', Buffer.from('<html><script>alert(1)</script></html>'))).statusCode).toBe(415);
    expect(await rowsFor(itemId)).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it('D1-17: allowed types are recognised by their bytes (pdf, png, text as UTF-8)', async () => {
    expect(await sniff(PDF, 'a.pdf')).toMatchObject({ contentType: 'application/pdf' });
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082',
      'hex',
    );
    expect(await sniff(png, 'bild.PNG')).toMatchObject({ contentType: 'image/png' });
    expect(await sniff(Buffer.from('namn;datum\nÅsa;2026-01-01\n'), 'lista.csv')).toMatchObject({ contentType: 'text/csv; charset=utf-8' });
    expect(await sniff(Buffer.from([0xff, 0xfe, 0x00, 0x01]), 'x.txt')).toBeNull();
    expect(await sniff(ELF, 'x.txt')).toBeNull();
  });

  it('D1-17: a file over 25 MB is refused with 413 and nothing is stored', async () => {
    const { sa, itemId } = await setup();
    const before = storedFiles();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES + 1 - PDF.length, 0x20)]);
    const res = await uploadEvidence(sa, itemId, 'stor.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(await rowsFor(itemId)).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it('D1-17: an upload that fails after the bytes were written (the follow-up is no longer open) leaves no row and no bytes', async () => {
    const { t, sa, f, itemId } = await setup();
    // the answers are handed in: the supplier may no longer add files
    for (const i of f.items as Json[])
      await sa.put(`/api/v1/follow-up-items/${i.id}/answer`, { answer: 'not_applicable' }, { 'if-match': `"v${i.version}"` });
    const etag = (await t.admin.get(`/api/v1/supplier-follow-ups/${f.id}`)).headers.etag as string;
    expect((await sa.post(`/api/v1/supplier-follow-ups/${f.id}/submit`, {}, { 'if-match': etag })).statusCode).toBe(200);
    const before = storedFiles();
    const res = await uploadEvidence(sa, itemId, 'sen.pdf', PDF);
    expect(res.statusCode).toBe(409);
    expect(await rowsFor(itemId)).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it('D1-17: a download is served only to those allowed, always as an attachment with nosniff, and is audited', async () => {
    const { t, sa, sb, itemId } = await setup();
    const up = await uploadEvidence(sa, itemId, '../../Lösenordspolicy 2026.pdf', PDF);
    expect(up.statusCode, up.body).toBe(200);
    const file = up.json<Json>().files[0] as Json;
    expect(file).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.length });
    // path parts never reach the stored name
    expect(file.name).toMatch(/^L.*policy 2026\.pdf$/);
    for (const c of [sa, t.admin, t.editor]) {
      const res = await c.get(`/api/v1/files/${file.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.equals(PDF)).toBe(true);
    }
    // another supplier and roles without follow-ups get nothing
    expect((await sb.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    expect((await t.reader.get(`/api/v1/files/${file.id}`)).statusCode).toBe(403);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    const { database } = await testApp();
    const audited = await database.db.execute(
      sql`select count(*)::int as n from audit_events where entity_id = ${file.id} and action = 'file.download'`,
    );
    expect((audited as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(3);
    expect(attachment('Å "x";.pdf')).toBe(`attachment; filename="_ _x__.pdf"; filename*=UTF-8''%C3%85%20%22x%22%3B.pdf`);
  });

  it('D1-17: a file whose bytes are gone from the store is 404, not a server error, and no download is recorded', async () => {
    const { sa, itemId } = await setup();
    const up = await uploadEvidence(sa, itemId, 'borta.pdf', PDF);
    expect(up.statusCode, up.body).toBe(200);
    const fileId = (up.json<Json>().files[0] as Json).id as string;
    const { database } = await testApp();
    const key = (
      (await database.db.execute(sql`select storage_key as k from stored_files where id = ${fileId}`)) as unknown as {
        rows: { k: string }[];
      }
    ).rows[0]!.k;
    await removeStored(key);
    expect((await sa.get(`/api/v1/files/${fileId}`)).statusCode).toBe(404);
    const audited = await database.db.execute(
      sql`select count(*)::int as n from audit_events where entity_id = ${fileId} and action = 'file.download'`,
    );
    expect((audited as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });

  it('D1-17: a temporary file left by a crash mid-upload is cleared by a later upload (a fresh one is left alone)', async () => {
    const { sa, itemId } = await setup();
    const tmpDir = path.join(fileDir(), 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    const stale = path.join(tmpDir, `${randomUUID()}.part`);
    const fresh = path.join(tmpDir, `${randomUUID()}.part`);
    writeFileSync(stale, 'halv');
    writeFileSync(fresh, 'pågår');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    expect((await uploadEvidence(sa, itemId, 'ny.pdf', PDF)).statusCode).toBe(200);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh);
  });

  it('D1-17: a file name loses path parts, control characters and direction marks', () => {
    expect(cleanName('..\\..\\rapport\u202Efdp.txt')).toBe('rapportfdp.txt');
    expect(cleanName('a\u0000b\u2066c".pdf')).toBe('abc.pdf');
    expect(cleanName('/\u200f')).toBe('fil');
  });
});
