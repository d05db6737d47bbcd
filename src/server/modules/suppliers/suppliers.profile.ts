import { z } from 'zod';
import { calendarDate, optionalText, requiredText } from '../../platform/schema-helpers.js';

// The supplier's details beyond its identity (issue 7), kept in suppliers.profile (jsonb). Each part
// is replaced as a whole when a change names it, so the web's sections save independently.

const optionalEmail = z.email().max(254).nullable().optional();
const optionalDate = calendarDate().nullable().optional();

const contact = z.strictObject({
  name: requiredText(200),
  role: optionalText(200),
  phone: optionalText(50),
  email: optionalEmail,
});

// D0-24/25: who owns the premises decides who is responsible for the building network.
export const premisesTenures = ['municipal', 'rented', 'owned'] as const;
const premises = z.strictObject({ address: requiredText(300), tenure: z.enum(premisesTenures), note: optionalText(1000) });

// D0-34/35: fax numbers and SIM cards the municipality provides (the supplier pays SIM traffic).
export const telecomKinds = ['fax', 'sim'] as const;
export const telecomStatuses = ['active', 'returned'] as const;
const telecom = z.strictObject({
  kind: z.enum(telecomKinds),
  number: requiredText(40),
  assignedOn: optionalDate,
  status: z.enum(telecomStatuses).default('active'),
  assignedTo: optionalText(200),
});

// D0-44: messaging services and whether they are encrypted all the way from sender to recipient.
const messaging = z
  .strictObject({
    name: requiredText(200),
    encrypted: z.boolean(),
    endToEnd: z.boolean(),
    // why encryption is not possible, when it is not
    justification: optionalText(1000),
  })
  .refine((m) => m.encrypted || !m.endToEnd, {
    path: ['endToEnd'],
    // Swedish or English per request (see platform/validation-messages.ts)
    params: {
      sv: 'Kryptering hela vägen förutsätter att tjänsten är krypterad.',
      en: 'End-to-end encryption requires the service to be encrypted.',
    },
  });

// D1-16: subcontractors and the service they deliver, with the systems concerned.
const subcontractor = z.strictObject({
  name: requiredText(200),
  organisationNumber: optionalText(20),
  service: requiredText(500),
  systemIds: z.array(z.uuid()).max(100).optional(),
});

// D1-16: how the supplier (and its chain) affects IT security, data protection and information security.
const impactAssessment = z.strictObject({
  assessedOn: calendarDate(),
  itSecurity: optionalText(2000),
  dataProtection: optionalText(2000),
  informationSecurity: optionalText(2000),
  conclusion: requiredText(2000),
});

// D3-07: what the purchaser publishes about the provider (publishing happens elsewhere).
const publicInfo = z.strictObject({
  description: optionalText(4000),
  website: optionalText(300),
  visitingAddress: optionalText(300),
  openingHours: optionalText(300),
  languages: optionalText(300),
});

export const supplierProfileIn = z.strictObject({
  contacts: z.array(contact).max(50),
  // D0-29: the supplier's own technical support
  supportContact: z.strictObject({ name: requiredText(200), phone: optionalText(50), email: optionalEmail }).nullable(),
  // D3-01: telephone with answering machine, and e-mail
  phone: optionalText(50),
  voicemail: z.boolean().nullable(),
  email: optionalEmail,
  premises: z.array(premises).max(50),
  telecom: z.array(telecom).max(500),
  messaging: z.array(messaging).max(50),
  subcontractors: z.array(subcontractor).max(100),
  impactAssessment: impactAssessment.nullable(),
  publicInfo: publicInfo.nullable(),
});
export const supplierProfilePatch = supplierProfileIn.partial();
export type SupplierProfilePatch = z.infer<typeof supplierProfilePatch>;
export type SupplierProfileIn = z.infer<typeof supplierProfileIn>;

export const supplierProfileOut = z.object({
  contacts: z.array(
    z.object({ name: z.string(), role: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  ),
  supportContact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  phone: z.string().nullable(),
  voicemail: z.boolean().nullable(),
  email: z.string().nullable(),
  premises: z.array(
    z.object({
      address: z.string(),
      tenure: z.enum(premisesTenures),
      note: z.string().nullable(),
      // derived (D0-24/25): municipal premises → the municipality; rented or owned → the supplier
      buildingNetworkResponsible: z.enum(['municipality', 'supplier']),
      // D0-24: changes to the building network must be discussed with the municipality first
      changesNeedConsultation: z.boolean(),
    }),
  ),
  telecom: z.array(
    z.object({
      kind: z.enum(telecomKinds),
      number: z.string(),
      assignedOn: z.string().nullable(),
      status: z.enum(telecomStatuses),
      assignedTo: z.string().nullable(),
    }),
  ),
  messaging: z.array(z.object({ name: z.string(), encrypted: z.boolean(), endToEnd: z.boolean(), justification: z.string().nullable() })),
  subcontractors: z.array(
    z.object({ name: z.string(), organisationNumber: z.string().nullable(), service: z.string(), systemIds: z.array(z.uuid()) }),
  ),
  impactAssessment: z
    .object({
      assessedOn: z.string(),
      itSecurity: z.string().nullable(),
      dataProtection: z.string().nullable(),
      informationSecurity: z.string().nullable(),
      conclusion: z.string(),
    })
    .nullable(),
  publicInfo: z
    .object({
      description: z.string().nullable(),
      website: z.string().nullable(),
      visitingAddress: z.string().nullable(),
      openingHours: z.string().nullable(),
      languages: z.string().nullable(),
    })
    .nullable(),
});
export type SupplierProfileOut = z.infer<typeof supplierProfileOut>;

const n = <T>(v: T | undefined | null): T | null => v ?? null;

// The stored profile as the API shows it: every part present, derived fields added. Stored data was
// validated on the way in; a part that no longer parses (an older shape) shows as empty.
export function presentProfile(stored: unknown): SupplierProfileOut {
  const parsed = supplierProfilePatch.safeParse(stored ?? {});
  const p: SupplierProfilePatch = parsed.success ? parsed.data : {};
  return {
    contacts: (p.contacts ?? []).map((c) => ({ name: c.name, role: n(c.role), phone: n(c.phone), email: n(c.email) })),
    supportContact: p.supportContact
      ? { name: p.supportContact.name, phone: n(p.supportContact.phone), email: n(p.supportContact.email) }
      : null,
    phone: n(p.phone),
    voicemail: n(p.voicemail),
    email: n(p.email),
    premises: (p.premises ?? []).map((x) => ({
      address: x.address,
      tenure: x.tenure,
      note: n(x.note),
      buildingNetworkResponsible: x.tenure === 'municipal' ? 'municipality' : 'supplier',
      changesNeedConsultation: x.tenure === 'municipal',
    })),
    telecom: (p.telecom ?? []).map((x) => ({
      kind: x.kind,
      number: x.number,
      assignedOn: n(x.assignedOn),
      status: x.status,
      assignedTo: n(x.assignedTo),
    })),
    messaging: (p.messaging ?? []).map((m) => ({
      name: m.name,
      encrypted: m.encrypted,
      endToEnd: m.endToEnd,
      justification: n(m.justification),
    })),
    subcontractors: (p.subcontractors ?? []).map((s) => ({
      name: s.name,
      organisationNumber: n(s.organisationNumber),
      service: s.service,
      systemIds: s.systemIds ?? [],
    })),
    impactAssessment: p.impactAssessment
      ? {
          assessedOn: p.impactAssessment.assessedOn,
          itSecurity: n(p.impactAssessment.itSecurity),
          dataProtection: n(p.impactAssessment.dataProtection),
          informationSecurity: n(p.impactAssessment.informationSecurity),
          conclusion: p.impactAssessment.conclusion,
        }
      : null,
    publicInfo: p.publicInfo
      ? {
          description: n(p.publicInfo.description),
          website: n(p.publicInfo.website),
          visitingAddress: n(p.publicInfo.visitingAddress),
          openingHours: n(p.publicInfo.openingHours),
          languages: n(p.publicInfo.languages),
        }
      : null,
  };
}

// Stored form: the validated parts as sent, merged over what was there.
export function mergeProfile(stored: unknown, patch: SupplierProfilePatch): Record<string, unknown> {
  const base = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return { ...base, ...patch };
}
