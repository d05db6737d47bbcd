import { z } from 'zod';
import { exerciseKinds, measureStatuses, priorities } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';

// D1-42, D1-54, D4-04: an exercise of continuity, IT preparedness or incident handling.
export const exerciseCreate = z.strictObject({
  title: requiredText(300),
  kind: z.enum(exerciseKinds),
  heldOn: z.iso.date(),
  scope: optionalText(5000),
  systemIds: z.array(z.uuid()).max(200).optional(),
  participants: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  outcome: optionalText(10_000),
  lessons: optionalText(10_000),
});
export type ExerciseCreate = z.infer<typeof exerciseCreate>;

export const exercisePatch = exerciseCreate.partial();
export type ExercisePatch = z.infer<typeof exercisePatch>;

export const exerciseOut = z.object({
  ...registerOut,
  title: z.string(),
  kind: z.enum(exerciseKinds),
  heldOn: z.string(),
  scope: z.string().nullable(),
  systemIds: z.array(z.uuid()),
  // name null when the viewer may not see the system's name
  systems: z.array(z.object({ id: z.uuid(), name: z.string().nullable(), critical: z.boolean() })),
  participants: z.array(z.string()),
  outcome: z.string().nullable(),
  lessons: z.string().nullable(),
  // the measures made from its lessons (origin 'exercise'); title null when masked for the viewer
  measures: z.array(z.object({ id: z.uuid(), title: z.string().nullable(), status: z.enum(measureStatuses) })),
});
export type ExerciseOut = z.infer<typeof exerciseOut>;

export const exerciseSorts = ['heldOn', 'title', 'updatedAt'] as const;

export const exerciseListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  kind: z.enum(exerciseKinds).optional(),
  systemId: z.uuid().optional(),
});
export type ExerciseListQuery = z.infer<typeof exerciseListQuery>;
export const exercisePage = pageOf(exerciseOut);

// A lesson turned into a measure. The title is checked by the service, after the exercise is found,
// so a caller out of reach learns nothing from the answer.
export const exerciseMeasureIn = z.strictObject({
  title: z.string().trim().max(300).optional(),
  description: optionalText(5000),
  // one of the exercise's systems; when the exercise has exactly one, that one
  systemId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: z.iso.date().nullable().optional(),
  priority: z.enum(priorities).optional(),
});
export type ExerciseMeasureIn = z.infer<typeof exerciseMeasureIn>;

export const exerciseMeasureOut = z.object({ id: z.uuid(), title: z.string() });
