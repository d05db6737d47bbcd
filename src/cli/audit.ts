import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client.js';
import { queryRows } from '../server/db/rows.js';
import { checkArchiveFile } from '../server/modules/audit/audit.archive-check.js';
import { inSnapshot, tenantsWithTrail, verifyChain } from '../server/modules/audit/audit.chain.js';
import { archiveExpired, dailyCheckpoints } from '../server/modules/audit/audit.retention.js';

export const auditUsage = `  audit verify [--tenant T] [--json]     kontrollera händelseloggens hashkedja (alla organisationer, eller T: namn, id eller kortnamn)
  audit checkpoint                        ta en kontrollpunkt av varje kedjas huvud
  audit archive                           arkivera händelser äldre än organisationens lagringstid
  audit verify-archive FIL                kontrollera en arkivfil och att den slutar där databasens ankare säger`;

export class AuditCommandError extends Error {}

async function findTenants(db: Database['db'], wanted: string | undefined) {
  const all = await tenantsWithTrail(db);
  if (!wanted) return all;
  const lower = wanted.toLowerCase();
  const [match] = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from tenants where id::text = ${lower} or lower(name) = ${lower} or slug = ${lower} limit 1`,
  );
  if (!match) throw new AuditCommandError(`Organisationen ${wanted} finns inte.`);
  return [match];
}

// Exit code 0 only when every chain checked is intact: usable from cron and monitoring.
export async function auditCommand(argv: string[], database: Database, dataDir: string): Promise<number> {
  const [sub, ...rest] = argv;
  const { db } = database;
  switch (sub) {
    case 'verify': {
      const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
      let broken = 0;
      for (const t of await findTenants(db, values.tenant)) {
        const r = await inSnapshot(db, null, (tx) => verifyChain(tx, t.id));
        if (r.status === 'broken') broken++;
        if (values.json) console.log(JSON.stringify({ tenant: t.name, ...r }));
        else if (r.status === 'intact') console.log(`${t.name}: intakt (intact), ${r.checked} händelser kontrollerade`);
        else console.log(`${t.name}: BRUTEN (broken) vid nr ${r.firstBroken!.tenantSeq}: ${r.firstBroken!.message.sv}`);
      }
      return broken ? 1 : 0;
    }
    case 'checkpoint':
      console.log(`${await dailyCheckpoints(db)} nya kontrollpunkter.`);
      return 0;
    case 'archive': {
      const out = await archiveExpired(db, path.join(dataDir, 'audit-archive'));
      for (const a of out.archived) console.log(`${a.tenantId}: nr ${a.fromSeq}–${a.toSeq} (${a.eventCount}) → ${a.file}`);
      for (const r of out.refused) console.log(`${r.tenantId}: inte arkiverad, kedjan är bruten vid nr ${r.brokenAt}`);
      if (!out.archived.length && !out.refused.length) console.log('Inget att arkivera.');
      return out.refused.length ? 1 : 0;
    }
    case 'verify-archive': {
      const file = rest[0];
      if (!file) throw new AuditCommandError('Ange arkivfilen: tillit audit verify-archive FIL');
      const check = await checkArchiveFile(file);
      const [anchor] = await queryRows<{ tenant_seq: string; hash: string; file_sha256: string }>(
        db,
        sql`select tenant_seq, hash, file_sha256 from audit_anchors where file_name = ${path.basename(file)}
          and tenant_id::text = ${check.tenantId ?? ''} order by id desc limit 1`,
      );
      const problems = [check.problem];
      if (!anchor) problems.push('databasen har inget ankare för filen');
      else if (anchor.file_sha256 !== check.fileSha256) problems.push('filen har ändrats sedan den skrevs (sha256)');
      else if (anchor.hash !== check.lastHash || Number(anchor.tenant_seq) !== check.lastSeq)
        problems.push('filen slutar inte vid ankaret');
      const found = problems.filter(Boolean);
      if (found.length) console.log(`BRUTEN (broken): ${found.join('; ')}`);
      else console.log(`intakt (intact): nr ${check.firstSeq}–${check.lastSeq}, ${check.events} händelser`);
      return found.length ? 1 : 0;
    }
    default:
      throw new AuditCommandError(`Okänt audit-kommando: ${sub ?? ''}\n${auditUsage}`);
  }
}
