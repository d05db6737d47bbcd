import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has sensible defaults: port 3000, embedded data in ./data, demo on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, demo: true, databaseUrl: undefined, secureCookies: false });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('reads PORT, TILLIT_DATA_DIR, TILLIT_DEMO=0, DATABASE_URL and https public URL', () => {
    const c = loadConfig({
      PORT: '8080',
      TILLIT_DATA_DIR: '/tmp/x',
      TILLIT_DEMO: '0',
      DATABASE_URL: 'postgres://u@h/db',
      TILLIT_PUBLIC_URL: 'https://isms.kommun.se',
    });
    expect(c).toMatchObject({ port: 8080, dataDir: '/tmp/x', demo: false, databaseUrl: 'postgres://u@h/db', secureCookies: true });
  });

  it('stops on a bad value with one clear line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Felaktig miljövariabel PORT="abc": ska vara ett portnummer/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TILLIT_DEMO: 'kanske' })).toThrow(/TILLIT_DEMO/);
  });

  it('never echoes a database password from a rejected DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgress://admin:S3cretPW@db/tillit' })).toThrow('DATABASE_URL="postgress://***@db/tillit"');
  });
});
