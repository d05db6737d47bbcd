import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, setCsrfToken } from '../../api/client.js';
import { authApi, keys } from '../../api/resources.js';
import type { Me } from '../../api/types.js';

/** The signed-in user, or null when there is no session (401). Keeps the CSRF token current. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        const me = await authApi.me();
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(keys.me, null);
    }
  };
}

export type PermissionAction = 'read' | 'create' | 'update' | 'archive' | 'restore';

/**
 * Whether this person may do `action` on `resource` somewhere in the organisation (/auth/me
 * `permissions`, from the server's policy table). Navigation and "new" buttons follow it; each record
 * still carries its own `allowedActions`.
 */
export const mayDo = (me: Me | null | undefined, resource: string, action: PermissionAction = 'read'): boolean =>
  (me?.permissions?.[resource as keyof Me['permissions']] as readonly string[] | undefined)?.includes(action) ?? false;

export function usePermission(resource: string, action: PermissionAction = 'read'): boolean {
  return mayDo(useMe().data, resource, action);
}
