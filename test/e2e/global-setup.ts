import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminEmail: string;
    adminPassword: string;
    // where the server sends mail (a test listens there with smtp-server); 0 = not known
    smtpPort: number;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_EMAIL = 'e2e@example.se';
// Long and varied so any password policy the server has accepts it.
const ADMIN_PASSWORD = 'Tillit-e2e-Lösen-2026!xq';

/** Build the web bundle when it is missing or older than its sources, so tests never run stale UI. */
function ensureWebBuild(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.js')], { cwd: root, stdio: 'inherit' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`tillit serve exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`tillit serve not ready within 120 s:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Point the tests at a server that is already running (e.g. `npm run dev`) when asked.
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    project.provide('adminEmail', process.env.E2E_EMAIL ?? ADMIN_EMAIL);
    project.provide('adminPassword', process.env.E2E_PASSWORD ?? ADMIN_PASSWORD);
    project.provide('smtpPort', 0);
    return async () => undefined;
  }

  ensureWebBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tillit-e2e-'));
  const env = {
    ...process.env,
    TILLIT_DATA_DIR: dataDir,
    TILLIT_DEMO: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  };
  const bin = path.join(root, 'bin/tillit.js');
  execFileSync(process.execPath, [bin, 'create-admin', '--email', ADMIN_EMAIL, '--password', ADMIN_PASSWORD, '--tenant', 'E2E kommun'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });

  const port = await freePort();
  // Mail goes to a loopback port that a test listens on while it expects mail (password reset).
  let smtpPort = await freePort();
  while (smtpPort === port) smtpPort = await freePort();
  const server = spawn(process.execPath, [bin, 'serve'], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      TILLIT_PUBLIC_URL: `http://127.0.0.1:${port}`,
      TILLIT_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(baseUrl, server, () => output);
  } catch (e) {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('adminEmail', ADMIN_EMAIL);
  project.provide('adminPassword', ADMIN_PASSWORD);
  project.provide('smtpPort', smtpPort);

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (process.env.E2E_SERVER_LOG === '1') console.log(output);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
