import { useEffect, useState } from 'react';
import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../components/hooks.js';
import type { SupplierFilters } from './filters.js';
import { typeOptions } from './types.js';
import { ArchivedSwitch } from '../../components/ArchivedSwitch.js';

interface Props {
  filters: SupplierFilters;
  onChange: (next: Partial<SupplierFilters>) => void;
}

export function SupplierFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  // The search is typed locally and pushed to the URL after a pause, not on every key.
  const [q, setQ] = useState(filters.q);
  const dq = useDebounced(q);
  useEffect(() => {
    if (dq !== filters.q) onChange({ q: dq });
    // Only the debounced value should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dq]);
  // Follow external URL changes (back button) without fighting the user's typing.
  useEffect(() => setQ(filters.q), [filters.q]);

  return (
    <Group role="search" aria-label={t('suppliers.filters')} align="flex-end" gap="md" mb="lg" wrap="wrap">
      <TextInput
        id="suppliers-q"
        label={t('suppliers.search')}
        type="search"
        description={t('suppliers.searchHelp')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <NativeSelect
        id="suppliers-type"
        label={t('suppliers.filterType')}
        data={[{ value: '', label: t('common.all') }, ...typeOptions(t)]}
        value={filters.type}
        onChange={(e) => onChange({ type: e.currentTarget.value })}
      />
      <ArchivedSwitch id="suppliers-archived" checked={filters.includeArchived} onChange={(v) => onChange({ includeArchived: v })} mb={8} />
    </Group>
  );
}
