import { useState, type FormEvent } from 'react';
import { Button, Fieldset, Group, MultiSelect, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useNotify } from '../../components/notify.js';
import { useSystemOptions } from '../../components/options.js';
import { SubmitAlert } from '../../components/States.js';
import {
  categoriesApi,
  categoryName,
  incidentSettingsKeys,
  routesApi,
  settingsApi,
  SEVERITIES,
  type IncidentRoute,
  type RouteInput,
} from './api.js';

const FIELDS = ['name', 'sortOrder', 'categoryId', 'systemId', 'minSeverity', 'handlingUnitId', 'notifyUserIds', 'instructions'];

interface Draft {
  name: string;
  sortOrder: number | '';
  categoryId: string;
  systemId: string;
  minSeverity: string;
  handlingUnitId: string;
  notifyUserIds: string[];
  instructions: string;
}

const draftOf = (r?: IncidentRoute): Draft => ({
  name: r?.name ?? '',
  sortOrder: r?.sortOrder ?? '',
  categoryId: r?.categoryId ?? '',
  systemId: r?.systemId ?? '',
  minSeverity: r?.minSeverity ?? '',
  handlingUnitId: r?.handlingUnitId ?? '',
  notifyUserIds: r?.notifyUserIds ?? [],
  instructions: r?.instructions ?? '',
});

/** Add or change one reporting route (D1-35): the conditions, then who takes care of the incident. */
export function RouteForm({ route, onDone }: { route?: IncidentRoute; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('route', FIELDS);
  const [draft, setDraft] = useState<Draft>(() => draftOf(route));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // the active categories, the same cache entry as the settings list and the triage form
  const categories = useQuery({ queryKey: [...incidentSettingsKeys.categories, false], queryFn: () => categoriesApi.list(false) });
  const people = useQuery({ queryKey: incidentSettingsKeys.people, queryFn: () => settingsApi.people() });
  const systems = useSystemOptions({ keep: route?.systemId ? [route.systemId] : [] });
  const units = useOrgUnitOptions();

  const categoryOptions = [
    { value: '', label: t('incidentSettings.routes.anyCategory') },
    ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: categoryName(c, i18n.language) })),
  ];
  // a chosen category that has since been archived stays visible on the route it belongs to
  if (route?.category && !categoryOptions.some((o) => o.value === route.categoryId))
    categoryOptions.push({ value: route.category.id, label: categoryName(route.category, i18n.language) });
  const personOptions = (people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }));
  for (const p of route?.notifyUsers ?? [])
    if (!personOptions.some((o) => o.value === p.id)) personOptions.push({ value: p.id, label: p.displayName });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body: RouteInput = {
        name: draft.name,
        categoryId: draft.categoryId || null,
        systemId: draft.systemId || null,
        minSeverity: (draft.minSeverity || null) as RouteInput['minSeverity'],
        handlingUnitId: draft.handlingUnitId || null,
        notifyUserIds: draft.notifyUserIds,
        instructions: draft.instructions.trim() || null,
        ...(draft.sortOrder === '' ? {} : { sortOrder: draft.sortOrder }),
      };
      if (route) await routesApi.update(route.id, `"v${route.version}"`, body);
      else await routesApi.create(body);
      await client.invalidateQueries({ queryKey: incidentSettingsKeys.routes });
      notify(t(route ? 'incidentSettings.routes.saved' : 'incidentSettings.routes.added'));
      onDone();
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SubmitAlert error={error} onReload={() => void client.invalidateQueries({ queryKey: incidentSettingsKeys.routes }).then(onDone)} />
        <TextInput
          id="route-name"
          label={requiredLabel(t, t('incidentSettings.routes.name'))}
          required
          value={draft.name}
          error={errorFor('name')}
          onChange={(e) => set('name', e.currentTarget.value)}
        />
        <NumberInput
          id="route-sortOrder"
          label={t('incidentSettings.routes.order')}
          description={t('incidentSettings.routes.orderHelp')}
          min={0}
          allowDecimal={false}
          value={draft.sortOrder}
          error={errorFor('sortOrder')}
          onChange={(v) => set('sortOrder', typeof v === 'number' ? v : '')}
        />
        <Fieldset legend={t('incidentSettings.routes.conditionsLegend')}>
          <Stack gap="sm">
            <NativeSelect
              id="route-categoryId"
              label={t('incidentSettings.routes.category')}
              data={categoryOptions}
              value={draft.categoryId}
              error={errorFor('categoryId')}
              onChange={(e) => set('categoryId', e.currentTarget.value)}
            />
            <NativeSelect
              id="route-systemId"
              label={t('incidentSettings.routes.system')}
              data={[{ value: '', label: t('incidentSettings.routes.anySystem') }, ...systems.options]}
              value={draft.systemId}
              error={errorFor('systemId')}
              onChange={(e) => set('systemId', e.currentTarget.value)}
            />
            <NativeSelect
              id="route-minSeverity"
              label={t('incidentSettings.routes.minSeverity')}
              data={[
                { value: '', label: t('incidentSettings.routes.anySeverity') },
                ...SEVERITIES.map((s) => ({ value: s, label: t(`incidentSettings.severity.${s}`) })),
              ]}
              value={draft.minSeverity}
              error={errorFor('minSeverity')}
              onChange={(e) => set('minSeverity', e.currentTarget.value)}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('incidentSettings.routes.resultLegend')}>
          <Stack gap="sm">
            <NativeSelect
              id="route-handlingUnitId"
              label={t('incidentSettings.routes.handlingUnit')}
              data={[{ value: '', label: t('incidentSettings.routes.noUnit') }, ...units.options]}
              value={draft.handlingUnitId}
              error={errorFor('handlingUnitId')}
              onChange={(e) => set('handlingUnitId', e.currentTarget.value)}
            />
            <MultiSelect
              id="route-notifyUserIds"
              label={t('incidentSettings.routes.notifyUsers')}
              description={t('incidentSettings.routes.notifyHelp')}
              searchable
              clearable
              nothingFoundMessage={t('incidentSettings.routes.nothingFound')}
              data={personOptions}
              value={draft.notifyUserIds}
              error={errorFor('notifyUserIds')}
              onChange={(v) => set('notifyUserIds', v)}
            />
            <Textarea
              id="route-instructions"
              label={t('incidentSettings.routes.instructions')}
              description={t('incidentSettings.routes.instructionsHelp')}
              autosize
              minRows={2}
              value={draft.instructions}
              error={errorFor('instructions')}
              onChange={(e) => set('instructions', e.currentTarget.value)}
            />
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
