import { assertCan, type Action, type Actor } from '../../platform/access.js';

// Tenant-wide settings need a tenant-wide grant.
export const assertSettings = (actor: Actor, action: Action) => assertCan(actor, action, 'tenant-settings', {});
