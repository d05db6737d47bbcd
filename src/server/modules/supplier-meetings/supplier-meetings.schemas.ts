import { z } from 'zod';
import { listQueryBase } from '../../platform/http.js';
import { calendarDate, optionalText, pageOf, requiredText } from '../../platform/schema-helpers.js';

// D1-29: regular collaboration with a supplier on IT operations and IT security.
export const meetingCreate = z.strictObject({
  supplierId: z.uuid(),
  heldOn: calendarDate(),
  participants: optionalText(2000),
  topics: requiredText(10_000),
  // decisions, and the investment needs foreseen (D1-29's preventive aim)
  decisions: optionalText(10_000),
  nextOn: calendarDate().nullable().optional(),
});
export type MeetingCreate = z.infer<typeof meetingCreate>;

export const meetingPatch = meetingCreate.omit({ supplierId: true }).partial();
export type MeetingPatch = z.infer<typeof meetingPatch>;

export const meetingOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(['read', 'update'])),
  supplierId: z.uuid(),
  supplierName: z.string(),
  heldOn: z.string(),
  participants: z.string().nullable(),
  topics: z.string(),
  decisions: z.string().nullable(),
  nextOn: z.string().nullable(),
  // the next meeting's date has passed (the latest meeting with this supplier only)
  nextOverdue: z.boolean(),
});
export type MeetingOut = z.infer<typeof meetingOut>;

export const meetingListQuery = z.object({
  limit: listQueryBase.limit,
  cursor: listQueryBase.cursor,
  supplierId: z.uuid().optional(),
});
export type MeetingListQuery = z.infer<typeof meetingListQuery>;
export const meetingPage = pageOf(meetingOut);
