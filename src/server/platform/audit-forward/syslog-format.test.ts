import { describe, expect, it } from 'vitest';
import { parse5424 } from '../../../../test/helpers/syslog.js';
import { loadConfig } from '../../config.js';
import { GapGuard } from './gaps.js';
import { checkpointMessage, escapeParamValue, eventMessage, frame, SD_ID, type AuditEventRow } from './syslog-format.js';
import { parseSyslogUrl } from './transport.js';

const origin = { hostname: 'tillit-1.kommun.se', appName: 'tillit', procId: '4242' };
const event: AuditEventRow = {
  seq: 17,
  tenantId: '00000000-0000-4000-8000-000000000001',
  tenantSeq: 5,
  actorUserId: null,
  action: 'system.update]"\\',
  entityType: 'system',
  entityId: '00000000-0000-4000-8000-000000000002',
  before: { name: 'Gammalt namn' },
  after: { name: 'Nytt namn åäö ✓', note: 'rad 1\nrad 2' },
  requestId: 'req-1',
  clientAddress: '::1',
  at: '2026-11-03T09:15:02.123456Z',
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

describe('RFC 5424 audit messages', () => {
  it('writes an event as log-audit notice with the chain in structured data and {before, after} as UTF-8 JSON', () => {
    const raw = eventMessage(event, origin);
    expect(raw.toString('utf8')).toMatch(/^<109>1 2026-11-03T09:15:02\.123456Z tillit-1\.kommun\.se tillit 4242 audit \[tillit@32473 /);
    const m = parse5424(raw);
    expect(m).toMatchObject({ pri: 13 * 8 + 5, version: 1, msgId: 'audit', bom: true });
    expect(m.sd[SD_ID]).toEqual({
      tenant: event.tenantId,
      seq: '17',
      tenantSeq: '5',
      action: event.action,
      entityType: 'system',
      entityId: event.entityId,
      requestId: 'req-1',
      clientAddress: '::1',
      hash: event.hash,
      prevHash: event.prevHash,
    });
    // no actor (a system event): the parameter is left out rather than sent empty
    expect(m.sd[SD_ID]).not.toHaveProperty('actor');
    expect(JSON.parse(m.msg)).toEqual({ before: event.before, after: event.after });
  });

  it('escapes ", \\ and ] in parameter values and nothing else', () => {
    expect(escapeParamValue('a"b\\c]d[e=f')).toBe('a\\"b\\\\c\\]d[e=f');
    expect(eventMessage(event, origin).toString('utf8')).toContain('action="system.update\\]\\"\\\\"');
  });

  it('frames by octet count, so multi-byte characters and newlines stay inside one frame', () => {
    const msg = eventMessage(event, origin);
    const framed = frame(msg);
    const sp = framed.indexOf(0x20);
    expect(Number(framed.subarray(0, sp).toString())).toBe(msg.length);
    expect(msg.length).toBeGreaterThan(msg.toString('utf8').length);
    expect(framed.subarray(sp + 1).equals(msg)).toBe(true);
  });

  it('sends a large record whole instead of cutting its JSON', () => {
    const big = eventMessage({ ...event, after: { description: 'x'.repeat(20_000) } }, origin);
    expect(big.length).toBeGreaterThan(20_000);
    expect(JSON.parse(parse5424(big).msg).after.description).toHaveLength(20_000);
  });

  it('writes a checkpoint as log-audit informational with MSGID checkpoint', () => {
    const m = parse5424(
      checkpointMessage({ id: 3, tenantId: event.tenantId, tenantSeq: 9, hash: 'c'.repeat(64), kind: 'daily', at: event.at }, origin),
    );
    expect(m).toMatchObject({ pri: 13 * 8 + 6, msgId: 'checkpoint', timestamp: event.at });
    expect(m.sd[SD_ID]).toEqual({ tenant: event.tenantId, checkpoint: '3', tenantSeq: '9', hash: 'c'.repeat(64), kind: 'daily' });
    expect(JSON.parse(m.msg)).toEqual({ tenantSeq: 9, hash: 'c'.repeat(64), kind: 'daily' });
  });

  it('replaces characters a header may not hold', () => {
    expect(parse5424(eventMessage(event, { ...origin, hostname: 'värd med mellanslag' })).hostname).toBe('v-rd-med-mellanslag');
  });
});

describe('sequence gaps', () => {
  it('passes a gap at once when nobody is inserting, since its numbers were rolled back', () => {
    expect(new GapGuard(60_000).verdict(3, [], 0)).toBe('passable');
  });

  it('holds a gap while a transaction that was inserting when it was first seen runs, and only that one', () => {
    const g = new GapGuard(60_000);
    expect(g.verdict(3, ['4/17', '5/2'], 0)).toBe('open');
    expect(g.verdict(3, ['5/2', '6/9'], 100)).toBe('open');
    // 5/2 ended; 6/9 started after the gap was seen, so it cannot hold one of its numbers
    expect(g.verdict(3, ['6/9'], 200)).toBe('passable');
  });

  it('never skips on time alone, and warns once when a transaction holds forwarding long', () => {
    const warned: [number, number][] = [];
    const g = new GapGuard(1000);
    const onStall = (from: number, since: number) => warned.push([from, since]);
    expect(g.verdict(8, ['4/1'], 0, onStall)).toBe('open');
    expect(g.verdict(8, ['4/1'], 500, onStall)).toBe('open');
    expect(g.verdict(8, ['4/1'], 60_000, onStall)).toBe('open');
    expect(g.verdict(8, ['4/1'], 120_000, onStall)).toBe('open');
    expect(warned).toEqual([[8, 60_000]]);
    expect(g.verdict(8, [], 130_000, onStall)).toBe('passable');
  });
});

describe('syslog configuration', () => {
  const env = (extra: Record<string, string>) => ({ TILLIT_DATA_DIR: '/tmp/x', ...extra });

  it('accepts tcp:// and tls:// with a port, and TLS files only with tls://', () => {
    expect(loadConfig(env({})).syslog).toBeUndefined();
    expect(loadConfig(env({ TILLIT_SYSLOG_URL: 'tcp://siem.kommun.se:514' })).syslog).toEqual({ url: 'tcp://siem.kommun.se:514' });
    expect(loadConfig(env({ TILLIT_SYSLOG_URL: 'tls://[::1]:6514', TILLIT_SYSLOG_CA: '/etc/ca.pem' })).syslog).toMatchObject({
      url: 'tls://[::1]:6514',
      caFile: '/etc/ca.pem',
    });
    expect(parseSyslogUrl('tls://[::1]:6514')).toEqual({ secure: true, host: '::1', port: 6514 });
    expect(() => loadConfig(env({ TILLIT_SYSLOG_URL: 'udp://siem:514' }))).toThrow(/TILLIT_SYSLOG_URL.*tcp:\/\/värd:port/);
    expect(() => loadConfig(env({ TILLIT_SYSLOG_URL: 'tcp://siem' }))).toThrow(/TILLIT_SYSLOG_URL/);
    expect(() => loadConfig(env({ TILLIT_SYSLOG_URL: 'tcp://siem:70000' }))).toThrow(/TILLIT_SYSLOG_URL/);
    expect(() => loadConfig(env({ TILLIT_SYSLOG_URL: 'tcp://siem:514', TILLIT_SYSLOG_CA: '/ca.pem' }))).toThrow(/gäller bara tls:\/\//);
    expect(() => loadConfig(env({ TILLIT_SYSLOG_CA: '/ca.pem' }))).toThrow(/kräver TILLIT_SYSLOG_URL/);
    expect(() => loadConfig(env({ TILLIT_SYSLOG_URL: 'tls://siem:6514', TILLIT_SYSLOG_CERT: '/c.pem' }))).toThrow(/anges tillsammans/);
  });
});
