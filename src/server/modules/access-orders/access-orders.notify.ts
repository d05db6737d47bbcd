import type { Tx } from '../../db/client.js';
import { notify } from '../../platform/notify/notify.js';
import { approverRoles, executorRoles } from '../../../shared/access-orders.js';
import { coveringPeople } from './access-orders.jobs.js';

export const toHandleKind = 'access-order-to-handle';

interface OrderRef {
  id: string;
  number: string;
  type: string;
  systemId: string;
  unitId: string;
  systemName: string;
  systemSecret: boolean;
}

const texts = {
  approve: {
    subject: { sv: 'En behörighetsbeställning väntar på godkännande', en: 'An access order awaits approval' },
    intro: {
      sv: 'En ny behörighetsbeställning för ett system du ansvarar för väntar på att godkännas eller avslås.',
      en: 'A new access order for a system you are responsible for awaits approval or rejection.',
    },
  },
  terminate: {
    subject: { sv: 'Ett konto ska avslutas utan dröjsmål', en: 'An account must be terminated without delay' },
    intro: {
      sv: 'En beställning om avslut av konto har kommit in. Konton ska avslutas utan dröjsmål.',
      en: 'An order to terminate an account has come in. Accounts must be terminated without delay.',
    },
  },
  execute: {
    subject: { sv: 'En godkänd behörighetsbeställning ska utföras', en: 'An approved access order is to be carried out' },
    intro: {
      sv: 'En behörighetsbeställning är godkänd och ska utföras när spärrarna är uppfyllda.',
      en: 'An access order has been approved and is to be carried out once its gates are met.',
    },
  },
};

// The flow tells the next person in line: the system's owner and administrator when an order comes in,
// IT when it is approved, IT at once for a termination (D0-14). Order number and system only: no
// person's data in a notification or mail.
export async function tellNextInLine(tx: Tx, tenantId: string, o: OrderRef, stage: 'submitted' | 'approved', publicUrl: string) {
  const next = stage === 'approved' ? 'execute' : o.type === 'terminate' ? 'terminate' : 'approve';
  const roles = next === 'approve' ? approverRoles : executorRoles;
  await notify(
    tx,
    {
      tenantId,
      userIds: await coveringPeople(tx, tenantId, roles, o),
      kind: toHandleKind,
      key: `access-order-${stage}:${o.id}`,
      subjectType: 'access-order',
      subjectId: o.id,
      title: o.systemSecret ? o.number : `${o.number} – ${o.systemName}`,
      secret: o.systemSecret,
      link: `/access-orders/${o.id}`,
      mail: texts[next],
    },
    { publicUrl },
  );
}
