import type { Me } from '../../api/types.js';
import { useMe } from '../auth/session.js';

type SupplierAction = 'read' | 'create' | 'update' | 'archive' | 'restore';

/**
 * What the signed-in user may do in the supplier register anywhere in the tenant (from
 * `/auth/me` `permissions`): navigation and "new" buttons follow it; each record still carries its
 * own `allowedActions`. `create` is held only by grants that reach every supplier, so it also tells
 * a municipal register keeper from a supplier's own administrator.
 */
export function useSupplierPermissions(): { can: (action: SupplierAction) => boolean } {
  const me = useMe().data as (Me & { permissions?: Record<string, readonly string[]> }) | null | undefined;
  const actions = me?.permissions?.supplier ?? [];
  return { can: (action) => actions.includes(action) };
}
