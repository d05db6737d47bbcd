import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { eventHash } from './audit.chain.js';

export interface ArchiveCheck {
  status: 'intact' | 'broken';
  tenantId: string | null;
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  firstPrevHash: string | null;
  lastHash: string | null;
  fileSha256: string;
  problem: string | null;
}

interface Line {
  tenantId: string;
  tenantSeq: number;
  at: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
  prevHash: string;
  hash: string;
  canonical: string;
}

// The readable fields must say what the hashed canonical text says, or an edit of a field would pass.
function fieldsMatch(l: Line): boolean {
  const c = JSON.parse(l.canonical) as unknown[];
  return (
    c[0] === l.tenantId &&
    c[1] === l.tenantSeq &&
    typeof c[2] === 'string' &&
    c[2].slice(0, 23) === l.at.slice(0, 23) &&
    isDeepStrictEqual(c.slice(3), [l.actorUserId, l.action, l.entityType, l.entityId, l.before, l.after, l.requestId, l.clientAddress])
  );
}

// Checks an archive file on its own: every hash, every link, and the fields against the hashed text.
// Whether its last hash is the anchor the database kept is the caller's second step.
export async function checkArchiveFile(file: string): Promise<ArchiveCheck> {
  const sha = createHash('sha256');
  await pipeline(createReadStream(file), sha);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const out: Omit<ArchiveCheck, 'fileSha256'> = {
    status: 'intact',
    tenantId: null,
    events: 0,
    firstSeq: null,
    lastSeq: null,
    firstPrevHash: null,
    lastHash: null,
    problem: null,
  };
  for await (const text of lines) {
    if (!text) continue;
    let l: Line;
    try {
      l = JSON.parse(text) as Line;
    } catch {
      out.status = 'broken';
      out.problem = `raden efter nr ${out.lastSeq ?? 0} går inte att läsa`;
      break;
    }
    if (out.lastSeq === null) {
      out.tenantId = l.tenantId;
      out.firstSeq = l.tenantSeq;
      out.firstPrevHash = l.prevHash;
    } else if (l.tenantSeq !== out.lastSeq + 1 || l.prevHash !== out.lastHash) {
      out.status = 'broken';
      out.problem = `händelse nr ${l.tenantSeq} hänger inte ihop med nr ${out.lastSeq}`;
      break;
    }
    if (l.tenantId !== out.tenantId || eventHash(l.prevHash, l.canonical) !== l.hash || !fieldsMatch(l)) {
      out.status = 'broken';
      out.problem = `händelse nr ${l.tenantSeq} har ändrats`;
      break;
    }
    out.events++;
    out.lastSeq = l.tenantSeq;
    out.lastHash = l.hash;
  }
  lines.close();
  return { ...out, fileSha256: sha.digest('hex') };
}
