import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, NativeSelect, Switch, TextInput } from '@mantine/core';
import { enumOptions } from '../../components/format.js';
import { useDebounced, useOrgUnitOptions } from '../../components/hooks.js';
import { LIFECYCLE } from '../../api/types.js';
import type { SystemFilters } from './filters.js';

interface Props {
  filters: SystemFilters;
  onChange: (next: Partial<SystemFilters>) => void;
}

export function SystemFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const units = useOrgUnitOptions();
  // Text filters are typed locally and pushed to the URL after a pause, not on every key.
  const [q, setQ] = useState(filters.q);
  const [owner, setOwner] = useState(filters.owner);
  const dq = useDebounced(q);
  const dOwner = useDebounced(owner);
  useEffect(() => {
    if (dq !== filters.q || dOwner !== filters.owner) onChange({ q: dq, owner: dOwner });
    // Only the debounced values should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dq, dOwner]);
  // Follow external URL changes (back button) without fighting the user's typing.
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => setOwner(filters.owner), [filters.owner]);

  const all = { value: '', label: t('common.all') };
  return (
    <Group role="search" aria-label={t('systems.filters')} align="flex-end" gap="md" mb="lg" wrap="wrap">
      <TextInput
        id="systems-q"
        label={t('systems.search')}
        type="search"
        description={t('systems.searchHelp')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <NativeSelect
        id="systems-unit"
        label={t('systems.filterUnit')}
        data={[all, ...units.options]}
        value={filters.unitId}
        onChange={(e) => onChange({ unitId: e.currentTarget.value })}
      />
      <TextInput id="systems-owner" label={t('systems.filterOwner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} />
      <NativeSelect
        id="systems-status"
        label={t('systems.filterStatus')}
        data={[all, ...enumOptions(t, 'lifecycle', LIFECYCLE)]}
        value={filters.status}
        onChange={(e) => onChange({ status: e.currentTarget.value })}
      />
      <NativeSelect
        id="systems-critical"
        label={t('systems.filterCritical')}
        data={[all, { value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]}
        value={filters.critical}
        onChange={(e) => onChange({ critical: e.currentTarget.value })}
      />
      <Switch
        id="systems-archived"
        label={t('common.showArchived')}
        checked={filters.includeArchived}
        onChange={(e) => onChange({ includeArchived: e.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}
