import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { luhnValid } from '../../src/server/modules/suppliers/organisation-number.js';
import type { TestSmtp } from '../helpers/smtp.js';

export const baseUrl = (): string => inject('baseUrl');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserUi {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** A new context (e.g. another viewport) for the rest of the current test or file. */
  reopen(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One browser per test file, and a Swedish context with one page for the whole file, or a fresh one
 * for each test with `perTest` (tests that must not share sign-in or language state).
 */
export function useBrowser(options: BrowserContextOptions = {}, perTest = false): BrowserUi {
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  const open = async (extra: BrowserContextOptions = {}) => {
    await context?.close();
    // Reduced motion: dialogs appear at once, so axe never checks a half-faded colour.
    context = await browser.newContext({ locale: 'sv-SE', reducedMotion: 'reduce', ...options, ...extra });
    page = await context.newPage();
    return page;
  };
  beforeAll(async () => {
    browser = await launchBrowser();
    if (!perTest) await open();
  });
  if (perTest) {
    beforeEach(async () => void (await open()));
    afterEach(async () => {
      await context?.close();
      context = undefined;
    });
  }
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return {
    get browser() {
      return browser;
    },
    get context() {
      return context!;
    },
    get page() {
      return page;
    },
    reopen: open,
  };
}

/** WCAG 2.1 A/AA check of what the page shows now; prints each violation when it fails. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const report = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')} – ${n.failureSummary ?? ''}`).join('\n'),
  );
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${label.replace(/\W+/g, '-')}.png`, fullPage: true });
  if (report.length) console.error(`axe violations on ${label}:\n${report.join('\n')}`);
  expect(report, `axe violations on ${label}`).toEqual([]);
}

export async function signIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/sign-in`);
  await page.locator('#signin-email').fill(inject('adminEmail'));
  await page.locator('#signin-password').fill(inject('adminPassword'));
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/systems/);
}

/** Session for direct API calls from the test (fixtures), separate from the browser's. */
/**
 * One call in a session of its own: a second signed-in person ("someone else") for tests of
 * concurrent changes, and the methods apiSession() leaves out (PUT, PATCH). Throws on a non-2xx answer.
 */
export async function requestAsAdmin(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: inject('adminEmail'), password: inject('adminPassword') }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

export async function apiSession(): Promise<{
  post: (path: string, body: unknown) => Promise<Record<string, unknown>>;
  get: (path: string) => Promise<Record<string, unknown>>;
}> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: inject('adminEmail'), password: inject('adminPassword') }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    post: async (path, body) => {
      const r = await fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as Record<string, unknown>;
    },
    get: async (path) => {
      const r = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as Record<string, unknown>;
    },
  };
}

export const runId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A random organisation number (NNNNNN-NNNN) with a valid check digit, so reruns against one server do not collide. */
export function organisationNumber(): string {
  const base = `55${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const check = [...'0123456789'].find((d) => luhnValid(`${base}${d}`))!;
  return `${base.slice(0, 6)}-${base.slice(6)}${check}`;
}

/** A new person chooses their password through the invitation mail, as a real user would. */
export async function acceptInvitation(
  api: Awaited<ReturnType<typeof apiSession>>,
  smtp: TestSmtp,
  user: { id: unknown; email: string },
  password: string,
): Promise<void> {
  await api.post(`/api/v1/users/${String(user.id)}/invite`, {});
  const mail = await smtp.waitFor(user.email, 30_000);
  const token = /reset-password#token=([\w-]+)/.exec(mail.text)?.[1];
  const confirmed = await fetch(`${baseUrl()}/api/v1/auth/password-reset/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  expect(confirmed.status).toBe(204);
}
