import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { mailOutbox, notificationPreferences, notifications, users } from '../../db/schema/index.js';
import { kindDefaults } from './kinds.js';

// One way for every module to tell people something: a row in each person's notification centre and,
// unless they turned it off for this kind, an e-mail in the outbox (sent after commit by the mail
// sender). Runs in the caller's transaction, so a rolled-back write notifies nobody.
//
// The e-mail never carries secret content: its subject and body name the kind of event and hold a link
// to the record; the title is used only when `secret` is false.

export interface NotificationSeed {
  tenantId: string;
  userIds: readonly string[];
  // what happened, e.g. 'incident-reported', 'obligation-reminder'; preferences are per kind
  kind: string;
  // once per person: a retried job with the same key adds nothing
  key?: string;
  subjectType?: string;
  subjectId?: string;
  title: string;
  secret: boolean;
  // path inside the app, e.g. /incidents/<id>
  link?: string;
  dueAt?: Date | null;
  mail: { subject: { sv: string; en: string }; intro: { sv: string; en: string } };
}

export interface NotifyOptions {
  // base of links in mails, e.g. https://tillit.kommun.se
  publicUrl: string;
}

export async function notify(tx: Tx, seed: NotificationSeed, opts: NotifyOptions): Promise<number> {
  const ids = [...new Set(seed.userIds)];
  if (ids.length === 0) return 0;
  const prefs = await tx
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.tenantId, seed.tenantId),
        eq(notificationPreferences.kind, seed.kind),
        inArray(notificationPreferences.userId, ids),
      ),
    );
  const pref = new Map(prefs.map((p) => [p.userId, p]));
  const people = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        inArray(users.id, ids),
        isNull(users.disabledAt),
        // only people who still hold a role in this tenant: a stale id (someone who left) is told nothing
        sql`exists (select 1 from role_assignments ra where ra.tenant_id = ${seed.tenantId} and ra.user_id = users.id)`,
      ),
    );
  const defaults = kindDefaults(seed.kind);
  let delivered = 0;
  for (const person of people) {
    const p = pref.get(person.id);
    const inApp = p?.inApp ?? defaults.inApp;
    const byMail = p?.email ?? defaults.email;
    if (!inApp && !byMail) continue;
    const [row] = await tx
      .insert(notifications)
      .values({
        tenantId: seed.tenantId,
        userId: person.id,
        kind: seed.kind,
        key: seed.key ?? null,
        subjectType: seed.subjectType ?? null,
        subjectId: seed.subjectId ?? null,
        title: seed.title,
        secret: seed.secret,
        link: seed.link ?? null,
        dueAt: seed.dueAt ?? null,
        // switched off in the app: kept for the mail's record, shown as read
        readAt: inApp ? null : new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (!row) continue; // already told (same key)
    delivered++;
    if (byMail) {
      const url = seed.link ? new URL(seed.link, opts.publicUrl).toString() : opts.publicUrl;
      const settings = new URL('/notifications/settings', opts.publicUrl).toString();
      const what = seed.secret ? '' : `\n\n${seed.title}`;
      await tx.insert(mailOutbox).values({
        tenantId: seed.tenantId,
        notificationId: row.id,
        toAddress: person.email,
        subject: `Tillit: ${seed.mail.subject.sv}`,
        body: `${seed.mail.intro.sv}${what}\n\n${url}\n\n— ${seed.mail.intro.en}\n\nDu får det här meddelandet från Tillit. Välj vilka meddelanden du får: ${settings}\n`,
      });
    }
  }
  return delivered;
}
