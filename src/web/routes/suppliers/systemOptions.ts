import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.js';
import { linksApi, registerKeys } from './api.js';

/**
 * D0-31: a supplier user reports faults on the systems its organisation works in or delivers, though
 * it may not read the system register: those systems as picker options (secret-marked ones are left out
 * by the server).
 */
export function useSupplierSystemOptions({ enabled = true }: { enabled?: boolean } = {}): { value: string; label: string }[] {
  const { t } = useTranslation();
  const me = useMe().data;
  const supplierIds = [...new Set((me?.grants ?? []).flatMap((g) => (g.scopeType === 'supplier' && g.supplierId ? [g.supplierId] : [])))];
  const results = useQueries({
    queries: supplierIds.map((id) => ({ queryKey: registerKeys.links(id), queryFn: () => linksApi.list(id), enabled })),
  });
  const seen = new Set<string>();
  return results.flatMap((r) =>
    (r.data?.items ?? []).flatMap((s) => {
      if (seen.has(s.systemId)) return [];
      seen.add(s.systemId);
      return [{ value: s.systemId, label: s.name ?? t('supplierRegister.systems.masked') }];
    }),
  );
}
