import { mayDo, useMe, type PermissionAction } from '../auth/session.js';

/**
 * What the signed-in user may do in the supplier register anywhere in the tenant. `create` is held
 * only by grants that reach every supplier, so it also tells a municipal register keeper from a
 * supplier's own administrator.
 */
export function useSupplierPermissions(): { can: (action: PermissionAction) => boolean } {
  const me = useMe().data;
  return { can: (action) => mayDo(me, 'supplier', action) };
}
