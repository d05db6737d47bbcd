import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve('bin/tillit.js');
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

describe('the tillit command', () => {
  it('create-admin makes a tenant administrator who can then sign in to the served app; a second process is refused the data directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tillit-cli-'));
    const env = { TILLIT_DATA_DIR: dataDir, TILLIT_DEMO: '0', DATABASE_URL: '' };
    const created = run(
      ['create-admin', '--email', 'ks@kommun.example', '--password', 'Långt-nog-lösenord-1', '--tenant', 'Hjo kommun'],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Administratören ks@kommun.example finns nu i Hjo kommun (ny organisation)');

    const port = String(40000 + Math.floor(Math.random() * 20000));
    const server = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, ...env, PORT: port, LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    try {
      let ready = false;
      for (let i = 0; i < 120 && !ready; i++) {
        await new Promise((r) => setTimeout(r, 500));
        ready = await fetch(`http://localhost:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
      }
      expect(ready).toBe(true);
      const login = await fetch(`http://localhost:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ks@kommun.example', password: 'Långt-nog-lösenord-1' }),
      });
      expect(login.status).toBe(200);

      const second = run(['create-admin', '--email', 'x@kommun.example', '--password', 'Långt-nog-lösenord-2'], env);
      expect(second.status).toBe(1);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toContain('används redan av en annan Tillit-process');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }, 180_000);

  it('stops with one clear line on a bad environment value or an unreachable database', () => {
    const badPort = run(['serve'], { PORT: 'åttio' });
    expect(badPort.status).toBe(1);
    expect(badPort.stderr.trim()).toBe('tillit: Felaktig miljövariabel PORT="åttio": ska vara ett portnummer (must be a port number)');
    const noDb = run(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(noDb.status).toBe(1);
    expect(noDb.stderr.trim().split('\n')).toHaveLength(1);
    expect(noDb.stderr).toContain('Kan inte ansluta till databasen i DATABASE_URL');
  });

  it('refuses create-admin without a valid e-mail or with a short password', () => {
    const r = run(['create-admin', '--email', 'inte-en-adress', '--password', 'kort'], {
      TILLIT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'tillit-cli-')),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ange en giltig e-postadress');
    expect(r.stderr).toContain('minst 12 tecken');
  });
});
