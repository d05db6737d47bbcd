import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, TEST_PASSWORD, uniq } from '../../../../test/helpers/app.js';
import { startSmtp, type TestSmtp } from '../../../../test/helpers/smtp.js';
import { buildApp } from '../../app.js';
import { createAuthService } from '../auth/auth.service.js';

let smtp: TestSmtp;
let app: FastifyInstance;

beforeAll(async () => {
  const { database } = await testApp();
  smtp = await startSmtp();
  app = await buildApp({ database, webRoot: null, mail: { smtpUrl: smtp.url, publicUrl: 'https://tillit.example.se' } });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

async function coordinator() {
  const { database } = await testApp();
  const email = `samordnare-${uniq()}@test.example`;
  const tenantName = `Inbjudningskommun ${uniq()}`;
  await createAuthService(database.db).ensureUser({ tenantName, email, password: TEST_PASSWORD, role: 'coordinator' });
  const c = new Client(app);
  await c.login(email);
  return { c, tenantName };
}

describe('inviting a person to choose their first password (D1-39)', () => {
  it('D1-39: the invited person gets a single-use link by mail, chooses a password and signs in with the role given', async () => {
    const { c, tenantName } = await coordinator();
    const email = `ny-${uniq()}@test.example`;
    const created = await c.post('/api/v1/users', { email, displayName: 'Ny Person', assignments: [{ role: 'manager' }] });
    const id = created.json().id as string;
    const sent = await c.post(`/api/v1/users/${id}/invite`);
    expect(sent.json()).toEqual({ sentTo: email });
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toContain(tenantName);
    const token = /reset-password#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect(mail.text).not.toMatch(/lösenord: /i);
    const anon = new Client(app);
    expect((await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'Ett-eget-långt-lösenord-77' })).statusCode).toBe(
      204,
    );
    expect((await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'Ett-annat-långt-lösenord-78' })).statusCode).toBe(
      400,
    );
    const person = new Client(app);
    await person.login(email, 'Ett-eget-långt-lösenord-77');
    expect((await person.get('/api/v1/auth/me')).json().roles).toEqual(['manager']);
    // with a password of their own, a second invitation is refused
    expect((await c.post(`/api/v1/users/${id}/invite`)).statusCode).toBe(409);
  });

  it('only user administrators invite; a server without mail says so', async () => {
    const { c } = await coordinator();
    const created = (
      await c.post('/api/v1/users', { email: `x-${uniq()}@test.example`, displayName: 'X', assignments: [{ role: 'employee' }] })
    ).json();
    const shared = await testApp();
    const noMail = new Client(shared.app);
    const { database } = shared;
    const email = `samordnare-${uniq()}@test.example`;
    const tenantName = (await c.get('/api/v1/auth/me')).json().tenant.name as string;
    await createAuthService(database.db).ensureUser({ tenantName, email, password: TEST_PASSWORD, role: 'coordinator' });
    await noMail.login(email);
    const res = await noMail.post(`/api/v1/users/${created.id}/invite`);
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toMatch(/TILLIT_SMTP_URL/);
    const managerEmail = `chef-${uniq()}@test.example`;
    await createAuthService(database.db).ensureUser({ tenantName, email: managerEmail, password: TEST_PASSWORD, role: 'manager' });
    const manager = new Client(app);
    await manager.login(managerEmail);
    expect((await manager.post(`/api/v1/users/${created.id}/invite`)).statusCode).toBe(403);
  });
});
