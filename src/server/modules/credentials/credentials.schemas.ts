import { z } from 'zod';
import { listQueryBase } from '../../platform/http.js';
import { calendarDate, optionalText, pageOf, requiredText } from '../../platform/schema-helpers.js';

// D0-08, D0-17, D0-35, D0-40, D3-25: what the municipality issues to a supplier's staff (and its own).
export const credentialKinds = ['e_id_card', 'siths_card', 'token', 'key', 'mobile_phone', 'sim_card', 'mdm_enrolment', 'account'] as const;
export const credentialStatuses = ['ordered', 'active', 'revoked', 'expired', 'returned'] as const;
// D0-18: how the holder's identity was checked when the credential was handed over
export const identityMethods = ['id_card', 'passport', 'driving_licence', 'e_identification', 'known_in_person'] as const;

const isoDate = calendarDate();

export const credentialCreate = z.strictObject({
  kind: z.enum(credentialKinds),
  holderName: requiredText(200),
  supplierId: z.uuid().nullable().optional(),
  systemId: z.uuid().nullable().optional(),
  accessOrderId: z.uuid().nullable().optional(),
  serial: optionalText(100),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  issuedOn: isoDate.nullable().optional(),
  // D0-10, D3-25: the supplier pays unless the municipality says otherwise
  chargeable: z.boolean().optional(),
  note: optionalText(2000),
});
export type CredentialCreate = z.infer<typeof credentialCreate>;

export const credentialPatch = credentialCreate.partial();
export type CredentialPatch = z.infer<typeof credentialPatch>;

export const handOverIn = z.strictObject({
  identityMethod: z.enum(identityMethods),
  identityNote: optionalText(500),
  // defaults to now; a hand-over recorded afterwards names when it happened
  handedOverAt: z.iso.datetime({ offset: true }).optional(),
});
export type HandOverIn = z.infer<typeof handOverIn>;

export const endIn = z.strictObject({ on: isoDate.optional(), note: optionalText(500) });
export type EndIn = z.infer<typeof endIn>;

const ref = z.object({ id: z.uuid(), name: z.string().nullable() });

export const credentialOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // credentials are never archived (they are revoked or returned); kept for the shared record shape
  archived: z.boolean(),
  allowedActions: z.array(z.enum(['read', 'update'])),
  kind: z.enum(credentialKinds),
  holderName: z.string(),
  supplier: ref.nullable(),
  // name null when the viewer may not see the system
  system: ref.nullable(),
  accessOrderId: z.uuid().nullable(),
  serial: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  status: z.enum(credentialStatuses),
  // active but past its validity date (D0-08: a valid credential is required)
  expired: z.boolean(),
  issuedOn: z.string().nullable(),
  handedOverAt: z.string().nullable(),
  handedOverBy: ref.nullable(),
  identityMethod: z.enum(identityMethods).nullable(),
  identityNote: z.string().nullable(),
  revokedOn: z.string().nullable(),
  chargeable: z.boolean(),
  note: z.string().nullable(),
});
export type CredentialOut = z.infer<typeof credentialOut>;

export const credentialSorts = ['holderName', 'issuedOn', 'updatedAt'] as const;

export const credentialListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  kind: z.enum(credentialKinds).optional(),
  status: z.enum(credentialStatuses).optional(),
  supplierId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export type CredentialListQuery = z.infer<typeof credentialListQuery>;
export const credentialPage = pageOf(credentialOut);
