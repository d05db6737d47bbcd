import { useMemo } from 'react';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi, auditKeys } from '../../api/audit.js';
import { identityKeys, usersApi } from '../../api/resources.js';
import { usePermission } from '../auth/session.js';
import { anyFilter, type FilterKey, type FilterValues } from './filters.js';
import { actionLabel, entityTypeLabel } from './labels.js';

// The object types the server writes events about (entityType).
const ENTITY_TYPES = [
  'system',
  'information-asset',
  'org-unit',
  'supplier',
  'user',
  'tenant',
  'api-token',
  'identity-provider',
  'group-role-mapping',
  'scim-group',
  'log-review',
  'log-review-plan',
  'log-review-follow-up',
  'audit-trail',
];

interface Props {
  values: FilterValues;
  onChange: (key: FilterKey, value: string) => void;
  onClear: () => void;
  /** People seen in the loaded events: the actor choices when the user list may not be read. */
  seenActors: { id: string; name: string }[];
}

/** Who, object type, action and dates; each choice goes into the address so back and export keep it. */
export function AuditFilters({ values, onChange, onClear, seenActors }: Props) {
  const { t } = useTranslation();
  const mayListUsers = usePermission('user');
  const actions = useQuery({ queryKey: auditKeys.actions, queryFn: () => auditApi.actions(), staleTime: 60_000 });
  const users = useQuery({
    queryKey: [...identityKeys.users, 'audit-actors'],
    queryFn: async () => (await usersApi.list({ limit: 200, sort: 'name' })).items,
    enabled: mayListUsers,
    staleTime: 60_000,
  });

  const actorOptions = useMemo(() => {
    const byId = new Map<string, string>();
    for (const u of users.data ?? []) byId.set(u.id, u.displayName || u.email);
    for (const a of seenActors) if (!byId.has(a.id)) byId.set(a.id, a.name);
    const options = [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'sv'));
    // A person chosen earlier stays selectable even when they are not in the current page of events.
    if (values.actorId && !byId.has(values.actorId)) options.push({ value: values.actorId, label: values.actorId });
    return [{ value: '', label: t('audit.actorAny') }, ...options];
  }, [users.data, seenActors, values.actorId, t]);

  // Grouped by what they are about; each group starts with "all of these" (the API matches a prefix).
  const actionOptions = useMemo(() => {
    const groups = new Map<string, string[]>();
    for (const a of actions.data?.items ?? []) {
      const prefix = a.includes('.') ? a.slice(0, a.indexOf('.')) : '';
      groups.set(prefix, [...(groups.get(prefix) ?? []), a]);
    }
    const data = [...groups].map(([prefix, items]) => {
      const object = prefix ? entityTypeLabel(t, prefix) : t('audit.actionAny');
      const options = items.map((a) => ({ value: a, label: actionLabel(t, a) }));
      return { group: object, items: prefix ? [{ value: `${prefix}.`, label: t('audit.actionGroup', { object }) }, ...options] : options };
    });
    const known = actions.data?.items.includes(values.action) || values.action.endsWith('.');
    const extra = values.action && !known ? [{ value: values.action, label: actionLabel(t, values.action) }] : [];
    return [{ value: '', label: t('audit.actionAny') }, ...extra, ...data];
  }, [actions.data, values.action, t]);

  const typeOptions = [
    { value: '', label: t('audit.entityTypeAny') },
    ...ENTITY_TYPES.map((type) => ({ value: type, label: entityTypeLabel(t, type) })),
  ];

  return (
    <Group role="search" aria-label={t('audit.filters')} align="flex-end" gap="md" mb="lg" wrap="wrap">
      <NativeSelect
        id="audit-actor"
        label={t('audit.actor')}
        value={values.actorId}
        onChange={(e) => onChange('actorId', e.currentTarget.value)}
        data={actorOptions}
        maw={280}
      />
      <NativeSelect
        id="audit-entityType"
        label={t('audit.entityType')}
        value={values.entityType}
        onChange={(e) => onChange('entityType', e.currentTarget.value)}
        data={typeOptions}
      />
      <NativeSelect
        id="audit-action"
        label={t('audit.action')}
        value={values.action}
        onChange={(e) => onChange('action', e.currentTarget.value)}
        data={actionOptions}
        maw={320}
      />
      <TextInput
        id="audit-from"
        type="date"
        label={t('audit.from')}
        value={values.from}
        onChange={(e) => onChange('from', e.currentTarget.value)}
      />
      <TextInput
        id="audit-to"
        type="date"
        label={t('audit.to')}
        value={values.to}
        onChange={(e) => onChange('to', e.currentTarget.value)}
      />
      {anyFilter(values) ? (
        <Button variant="default" onClick={onClear}>
          {t('audit.clearFilters')}
        </Button>
      ) : null}
    </Group>
  );
}
