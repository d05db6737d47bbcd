import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { enumOptions } from '../../components/format.js';
import { useDebounced, useOrgUnitOptions } from '../../components/hooks.js';
import { LIFECYCLE } from '../../api/types.js';
import { monthsBefore, todayInStockholm, usableDate, type SystemFilters } from './filters.js';
import { ArchivedSwitch } from '../../components/ArchivedSwitch.js';

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
  // A date input reports each complete date while the year is typed (0002, 0020 …): wait for a pause.
  const [reviewedBefore, setReviewedBefore] = useState(filters.reviewedBefore);
  const dq = useDebounced(q);
  const dOwner = useDebounced(owner);
  const dReviewedBefore = useDebounced(reviewedBefore);
  useEffect(() => {
    const next = {
      q: dq,
      owner: dOwner,
      reviewedBefore: dReviewedBefore === '' || usableDate(dReviewedBefore) ? dReviewedBefore : filters.reviewedBefore,
    };
    if (next.q !== filters.q || next.owner !== filters.owner || next.reviewedBefore !== filters.reviewedBefore) onChange(next);
    // Only the debounced values should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dq, dOwner, dReviewedBefore]);
  // Follow external URL changes (back button) without fighting the user's typing.
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => setOwner(filters.owner), [filters.owner]);
  useEffect(() => setReviewedBefore(filters.reviewedBefore), [filters.reviewedBefore]);
  const lastYear = () => {
    const date = monthsBefore(todayInStockholm(), 12);
    setReviewedBefore(date);
    onChange({ reviewedBefore: date });
  };

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
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          id="systems-reviewedBefore"
          type="date"
          label={t('systems.filterReviewedBefore')}
          description={t('systems.filterReviewedBeforeHelp')}
          value={reviewedBefore}
          onChange={(e) => setReviewedBefore(e.currentTarget.value)}
        />
        {/* The label names what the quick choice fills in: "Mer än 12 månader sedan, Ej granskade sedan". */}
        <Button variant="default" onClick={lastYear} aria-describedby="systems-reviewedBefore-label">
          {t('systems.reviewedBefore12Months')}
        </Button>
      </Group>
      <ArchivedSwitch id="systems-archived" checked={filters.includeArchived} onChange={(v) => onChange({ includeArchived: v })} mb={8} />
    </Group>
  );
}
