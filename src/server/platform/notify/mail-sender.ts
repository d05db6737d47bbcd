import { sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { Mailer } from '../mail/mailer.js';
import { retryDelayMs, safeError } from '../scheduler/runner-util.js';

// Sends what notify() put in the mail outbox, from any number of instances at once.
//
// One row at a time: a short UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) counts the attempt
// and moves next_attempt_at a lease ahead, then commits; only then is the message handed to SMTP, and
// the row is marked sent afterwards. While the lease runs no other instance sees the row as due, so
// without a crash each message is sent once. A process that dies between the SMTP hand-over and the
// mark leaves the row to be sent again after the lease: at least once, never lost (see
// docs/decisions/0007-scheduler-and-notifications.md). The lease far exceeds the mailer's timeouts.

export const MAX_MAIL_ATTEMPTS = 6;
export const MAIL_LEASE_MS = 10 * 60_000;

export interface SendOptions {
  // the clock the due check uses; tests pass a moment in the future. Default: the database's clock.
  now?: Date;
  // messages per call
  limit?: number;
  log?: FastifyBaseLogger;
  // tests only: keep to these tenants
  tenantIds?: readonly string[];
}

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

const at = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);

async function claimOne(db: Db, opts: SendOptions): Promise<OutboxRow | null> {
  const now = at(opts.now);
  const tenants = opts.tenantIds
    ? sql`and tenant_id = any(array[${sql.join(
        opts.tenantIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[])`
    : sql``;
  const rows = await queryRows<OutboxRow>(
    db,
    sql`update mail_outbox set attempts = attempts + 1,
          next_attempt_at = ${now} + make_interval(secs => ${MAIL_LEASE_MS / 1000})
        where id = (
          select id from mail_outbox
          where status = 'pending' and next_attempt_at <= ${now} ${tenants}
          order by next_attempt_at, created_at
          limit 1
          for update skip locked)
        returning id, to_address, subject, body, attempts`,
  );
  return rows[0] ?? null;
}

export async function sendPendingMail(db: Db, mailer: Mailer, opts: SendOptions = {}): Promise<number> {
  const limit = opts.limit ?? 100;
  let sent = 0;
  let failedInARow = 0;
  // a server that is down fails every message: stop after a few and try again next tick
  for (let i = 0; i < limit && failedInARow < 3; i++) {
    const row = await claimOne(db, opts);
    if (!row) break;
    try {
      await mailer.send({ to: row.to_address, subject: row.subject, text: row.body });
    } catch (err) {
      const error = safeError(err);
      const failed = row.attempts >= MAX_MAIL_ATTEMPTS;
      await db.execute(
        sql`update mail_outbox set last_error = ${error}, status = ${failed ? 'failed' : 'pending'},
              next_attempt_at = ${at(opts.now)} + make_interval(secs => ${retryDelayMs(row.attempts) / 1000})
            where id = ${row.id} and status = 'pending'`,
      );
      // never the address or the message: the reason and the row are enough to follow up
      opts.log?.warn({ mailId: row.id, attempts: row.attempts, error, final: failed }, 'mail not sent');
      failedInARow++;
      continue;
    }
    await db.execute(sql`update mail_outbox set status = 'sent', sent_at = now(), last_error = null where id = ${row.id}`);
    sent++;
    failedInARow = 0;
  }
  return sent;
}
