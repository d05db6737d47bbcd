import { z } from 'zod';
import { incidentTypes } from '../../../shared/enums.js';
import { optionalText, requiredText } from '../../platform/schema-helpers.js';

export const stakeholderKinds = ['unit', 'supplier', 'external'] as const;
export const communicationKinds = ['outage', 'disruption', 'restored', 'other'] as const;
export type CommunicationKind = (typeof communicationKinds)[number];

export const stakeholderParams = z.strictObject({ id: z.uuid(), stakeholderId: z.uuid() });

const email = z
  .union([z.literal(''), z.email().max(254)])
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

// D1-40: who is told about outages and disruptions of a system. A unit or a supplier takes its name
// from the register unless one is given; an external party needs both name and address.
export const stakeholderCreate = z
  .strictObject({
    kind: z.enum(stakeholderKinds),
    unitId: z.uuid().nullable().optional(),
    supplierId: z.uuid().nullable().optional(),
    name: optionalText(200),
    email,
  })
  .superRefine((v, ctx) => {
    const need = (field: string, sv: string, en: string) => ctx.addIssue({ code: 'custom', path: [field], params: { sv, en } });
    if (v.kind === 'unit' && !v.unitId) need('unitId', 'Välj enhet.', 'Choose a unit.');
    if (v.kind === 'supplier' && !v.supplierId) need('supplierId', 'Välj leverantör.', 'Choose a supplier.');
    if (v.kind === 'external') {
      if (!v.name) need('name', 'Ange namn på mottagaren.', 'Enter the recipient’s name.');
      if (!v.email) need('email', 'Ange en e-postadress.', 'Enter an e-mail address.');
    }
  });
export type StakeholderCreate = z.infer<typeof stakeholderCreate>;

export const stakeholderOut = z.object({
  id: z.uuid(),
  systemId: z.uuid(),
  kind: z.enum(stakeholderKinds),
  unitId: z.uuid().nullable(),
  supplierId: z.uuid().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
});
export type StakeholderOut = z.infer<typeof stakeholderOut>;
export const stakeholderList = z.object({
  items: z.array(stakeholderOut),
  // the system is secret-marked and shown masked to this viewer: its stakeholders are withheld
  masked: z.boolean(),
  canUpdate: z.boolean(),
});

export const communicationCreate = z.strictObject({
  kind: z.enum(communicationKinds),
  // written for the recipients, who may be outside the municipality: never the incident's own text
  message: requiredText(4000),
  // a chosen subset of the incident's stakeholders; all of them (with an address) when left out
  stakeholderIds: z.array(z.uuid()).max(500).optional(),
  // put the incident on the internal status page (true), take it off (false), leave as is (omitted)
  showOnStatusPage: z.boolean().optional(),
  publicStatus: optionalText(500),
});
export type CommunicationCreate = z.infer<typeof communicationCreate>;

export const recipientOut = z.object({
  stakeholderId: z.uuid().nullable(),
  name: z.string(),
  email: z.string(),
  kind: z.enum(stakeholderKinds).nullable(),
});
export const communicationOut = z.object({
  id: z.uuid(),
  kind: z.enum(communicationKinds),
  message: z.string(),
  recipients: z.array(recipientOut),
  sentAt: z.string(),
  sentBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
});
export type CommunicationOut = z.infer<typeof communicationOut>;

export const incidentStakeholderOut = stakeholderOut.extend({ systemName: z.string().nullable() });
export const communicationsOut = z.object({
  items: z.array(communicationOut),
  // who a notice would go to: the stakeholders of the incident's systems
  stakeholders: z.array(incidentStakeholderOut),
  statusPage: z.object({ onStatusPage: z.boolean(), publicStatus: z.string().nullable() }),
  canSend: z.boolean(),
});
export type CommunicationsOut = z.infer<typeof communicationsOut>;

export const disruptionOut = z.object({
  // set when the viewer may open the incident
  incidentId: z.uuid().nullable(),
  kind: z.enum(incidentTypes),
  systems: z.array(z.object({ id: z.uuid(), name: z.string() })),
  // affected systems this viewer may not see named
  otherSystems: z.number().int(),
  publicStatus: z.string().nullable(),
  since: z.string(),
  updatedAt: z.string(),
});
export type DisruptionOut = z.infer<typeof disruptionOut>;
export const disruptionList = z.object({ items: z.array(disruptionOut) });
