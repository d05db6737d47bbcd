import { z } from 'zod';
import { incidentSeverities } from '../../../shared/enums.js';
import { optionalText, registerOut, requiredText } from '../../platform/schema-helpers.js';

const order = z.number().int().min(0).max(1_000_000);
const listQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// Categories (the tenant-editable list; D3-37 "unauthorised copying" is one of the starters)
export const categoryCreate = z.strictObject({
  name: requiredText(120),
  nameEn: optionalText(120),
  sortOrder: order.optional(),
});
export type CategoryCreate = z.infer<typeof categoryCreate>;
export const categoryPatch = categoryCreate.partial();
export type CategoryPatch = z.infer<typeof categoryPatch>;
export const categoryOut = z.object({
  ...registerOut,
  name: z.string(),
  nameEn: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type CategoryOut = z.infer<typeof categoryOut>;
export const categoryListQuery = listQuery;
export const categoryList = z.object({ items: z.array(categoryOut), nextCursor: z.null() });

// Reporting routes (D1-35): conditions (null = any) → handling unit and people told
export const routeCreate = z.strictObject({
  name: requiredText(200),
  categoryId: z.uuid().nullable().optional(),
  systemId: z.uuid().nullable().optional(),
  minSeverity: z.enum(incidentSeverities).nullable().optional(),
  handlingUnitId: z.uuid().nullable().optional(),
  notifyUserIds: z.array(z.uuid()).max(20).optional(),
  instructions: optionalText(2000),
  sortOrder: order.optional(),
});
export type RouteCreate = z.infer<typeof routeCreate>;
export const routePatch = routeCreate.partial();
export type RoutePatch = z.infer<typeof routePatch>;
const person = z.object({ id: z.uuid(), displayName: z.string() });
export const routeOut = z.object({
  ...registerOut,
  name: z.string(),
  categoryId: z.uuid().nullable(),
  category: z.object({ id: z.uuid(), name: z.string(), nameEn: z.string().nullable() }).nullable(),
  systemId: z.uuid().nullable(),
  // name null: the system is secret-marked and this viewer may not see it
  system: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  minSeverity: z.enum(incidentSeverities).nullable(),
  handlingUnitId: z.uuid().nullable(),
  handlingUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  notifyUserIds: z.array(z.uuid()),
  notifyUsers: z.array(person),
  instructions: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type RouteOut = z.infer<typeof routeOut>;
export const routeListQuery = listQuery;
export const routeList = z.object({ items: z.array(routeOut), nextCursor: z.null() });

// Settings: the crisis group (D1-36), reminder stages (percent of each clock), secrecy default
const percents = z
  .array(z.number().int().min(1).max(100))
  .min(1)
  .max(6)
  .refine((a) => a.every((v, i) => i === 0 || v > a[i - 1]!), {
    params: {
      sv: 'Ange stegen i stigande ordning, varje procentsats en gång.',
      en: 'List the stages in ascending order, each percentage once.',
    },
  });
export const settingsIn = z.strictObject({
  crisisUserIds: z.array(z.uuid()).max(50),
  reminderPercents: percents,
  secretByDefault: z.boolean(),
  defaultSecrecyProvision: optionalText(200),
});
export type SettingsIn = z.infer<typeof settingsIn>;
export const settingsOut = z.object({
  version: z.number().int(),
  crisisUserIds: z.array(z.uuid()),
  crisisUsers: z.array(person),
  reminderPercents: z.array(z.number().int()),
  secretByDefault: z.boolean(),
  defaultSecrecyProvision: z.string().nullable(),
  updatedAt: z.string().nullable(),
  canUpdate: z.boolean(),
});
export type SettingsOut = z.infer<typeof settingsOut>;
export const peopleOut = z.object({ items: z.array(person) });

// The starter categories: created once per tenant on first read, then the tenant's to change.
export const starterCategories: { name: string; nameEn: string }[] = [
  { name: 'Obehörig åtkomst', nameEn: 'Unauthorised access' },
  { name: 'Skadlig kod', nameEn: 'Malware' },
  { name: 'Nätfiske', nameEn: 'Phishing' },
  { name: 'Förlorad eller stulen utrustning', nameEn: 'Lost or stolen equipment' },
  // D3-37 (interpretation): a provider copying data from the business systems into another register
  { name: 'Obehörig kopiering eller överföring av uppgifter', nameEn: 'Unauthorised copying or transfer of data' },
  { name: 'Driftstörning eller avbrott', nameEn: 'Disruption or outage' },
  { name: 'Personuppgiftsincident', nameEn: 'Personal data breach' },
  { name: 'Felaktig behörighet', nameEn: 'Incorrect access rights' },
  { name: 'Övrigt', nameEn: 'Other' },
];
