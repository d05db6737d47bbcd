import { z } from 'zod';

// D0-11: the orderers list is confirmed at least this often (the source gives no interval; ours).
export const ORDERERS_CONFIRMATION_DAYS = 180;

const count = z.number().int().nullable();

// One supplier organisation as its users see it on the portal's home page. A count is null when the
// viewer's roles do not reach that part of the portal.
export const portalOrganisation = z.object({
  supplier: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  roles: z.array(z.string()),
  followUpsToAnswer: count,
  noticesToAcknowledge: count,
  overdueNotices: count,
  openAccessOrders: count,
  activeCredentials: count,
  // D0-11: null for viewers who do not see the organisation's people
  orderersConfirmation: z
    .object({
      confirmedAt: z.string().nullable(),
      dueOn: z.string().nullable(),
      due: z.boolean(),
      // the viewer may confirm (supplier admin)
      canConfirm: z.boolean(),
    })
    .nullable(),
  // D0-32, D3-31: where the organisation's staff turn for help: its own internal support, its super users
  // (first-line support in the municipality's systems) and the municipality's system administrators
  // (systemansvariga) of the systems it works in (secret-marked systems left out)
  support: z.object({
    internal: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
    superUsers: z.array(z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() })),
    systems: z.array(z.object({ name: z.string(), administrators: z.array(z.string()) })),
  }),
  // the notices still to acknowledge, soonest first (at most 10)
  pendingNotices: z.array(
    z.object({ id: z.uuid(), title: z.string(), kind: z.string(), acknowledgeBy: z.string().nullable(), overdue: z.boolean() }),
  ),
});

export const portalOut = z.object({
  organisations: z.array(portalOrganisation),
  // the incidents and faults the viewer reported (D0-30, D0-31)
  myIncidents: z.object({ open: z.number().int(), total: z.number().int() }),
});
export type PortalOut = z.infer<typeof portalOut>;
export type PortalOrganisation = z.infer<typeof portalOrganisation>;
