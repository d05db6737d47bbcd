import type { Tx } from '../../db/client.js';
import type { ObjectScope, Resource } from '../access.js';

// Where a notification's subject sits today, so the notification centre can tell whether the person
// may see its content now (a title written when the reminder was made must not outlive a lost role).
// One resolver per subject type, registered in `src/server/deadline-sources.ts`. A subject type with
// no resolver, or a subject that no longer exists, is shown masked whenever it was secret.
export type SubjectAccess = (
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
) => Promise<Map<string, { resource: Resource; scope: ObjectScope }>>;
