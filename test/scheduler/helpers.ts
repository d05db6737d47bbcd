import { stockholmToday, addDays } from '../../src/server/platform/calendar.js';
import { withTenant } from '../../src/server/db/tenant.js';
import { notify, type NotificationSeed } from '../../src/server/platform/notify/notify.js';
import { stockholmMoment } from '../../src/server/platform/scheduler/runner-util.js';
import { testApp, type Client, type TestTenant } from '../helpers/app.js';

export const PUBLIC_URL = 'https://tillit.test.example';

export async function userIdOf(c: Client): Promise<string> {
  return (await c.get('/api/v1/auth/me')).json<{ user: { id: string } }>().user.id;
}

// Noon today in Stockholm: the daily jobs of today are due (they run from 06:00) and "today" is the
// same Swedish day for the handler.
export const noonToday = () => stockholmMoment(stockholmToday(), 12);
export const inDays = (n: number) => addDays(stockholmToday(), n);

const mail = {
  subject: { sv: 'Något hände', en: 'Something happened' },
  intro: { sv: 'Något hände i Tillit.', en: 'Something happened in Tillit.' },
};

export async function notifyDirect(
  t: TestTenant,
  seed: Omit<NotificationSeed, 'tenantId' | 'mail'> & Partial<Pick<NotificationSeed, 'mail'>>,
) {
  const { database } = await testApp();
  return withTenant(database.db, t.tenantId, (tx) => notify(tx, { mail, ...seed, tenantId: t.tenantId }, { publicUrl: PUBLIC_URL }));
}

// The events of an ICS text, each as property → value (line folding and text escapes undone).
export function parseIcs(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0]!;
      current[name] = line
        .slice(colon + 1)
        .replace(/\\n/gi, '\n')
        .replace(/\\([,;\\])/g, '$1');
    }
  }
  return events;
}
