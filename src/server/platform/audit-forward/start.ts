import { readFileSync } from 'node:fs';
import type { Config } from '../../config.js';
import { StartupError, type Db } from '../../db/client.js';
import { createAuditForwarder, type AuditForwarder, type ForwardLog } from './forwarder.js';
import type { SyslogEndpoint } from './transport.js';

// The PEM files are read once at start-up: a missing or unreadable file stops start-up with its name.
export function readSyslogEndpoint(cfg: NonNullable<Config['syslog']>): SyslogEndpoint {
  const read = (name: string, file: string | undefined) => {
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new StartupError(
        `${name}=${file} kunde inte läsas (cannot be read): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  };
  return {
    url: cfg.url,
    ca: read('TILLIT_SYSLOG_CA', cfg.caFile),
    cert: read('TILLIT_SYSLOG_CERT', cfg.certFile),
    key: read('TILLIT_SYSLOG_KEY', cfg.keyFile),
  };
}

export function startAuditForwarding(endpoint: SyslogEndpoint, db: Db, log: ForwardLog): AuditForwarder {
  const forwarder = createAuditForwarder({ db, log, endpoint });
  forwarder.start();
  log.info(
    { url: endpoint.url, tls: endpoint.url.startsWith('tls://'), clientCertificate: !!endpoint.cert },
    'audit forwarding to syslog started',
  );
  return forwarder;
}
