import { assertCan, type Action, type Actor } from '../../platform/access.js';

// User and role administration needs a tenant-wide grant: a unit-scoped coordinator could otherwise
// hand out roles beyond their own reach. The empty object scope makes scoped grants not count.
export const assertUserAdmin = (actor: Actor, action: Action) => assertCan(actor, action, 'user', {});
