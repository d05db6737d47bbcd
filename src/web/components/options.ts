import { useMemo } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys, systemsApi } from '../api/resources.js';

/** A system as pickers need it; `name` is null when it is withheld (secrecy-marked) from this viewer. */
export interface SystemChoice {
  id: string;
  name: string | null;
}

/**
 * The one query behind every system picker and filter. Every page must read this cache entry with
 * this shape (transform with `select` or `useSystemOptions`), or one page crashes on another's data.
 */
export const systemChoicesQuery = () =>
  queryOptions({
    queryKey: [...keys.systems, 'options'] as const,
    queryFn: async (): Promise<SystemChoice[]> =>
      (await systemsApi.list({ limit: 200, sort: 'name' })).items.map((s) => ({ id: s.id, name: s.name })),
    staleTime: 60_000,
  });

/**
 * Systems as `{ value, label }` options. Masked systems cannot be told apart, so they are left out,
 * except those in `keep` (already chosen on the record), which are shown as "secret-marked system".
 */
export function useSystemOptions({ enabled = true, keep = [] }: { enabled?: boolean; keep?: readonly string[] } = {}) {
  const { t } = useTranslation();
  const query = useQuery({ ...systemChoicesQuery(), enabled });
  const kept = keep.join(',');
  const options = useMemo(() => {
    const chosen = new Set(kept ? kept.split(',') : []);
    return (query.data ?? []).flatMap((s) =>
      s.name !== null ? [{ value: s.id, label: s.name }] : chosen.has(s.id) ? [{ value: s.id, label: t('secrecy.maskedSystem') }] : [],
    );
  }, [query.data, kept, t]);
  return { query, options };
}
