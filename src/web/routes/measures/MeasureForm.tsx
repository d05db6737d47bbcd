import { Button, Checkbox, Group, MultiSelect, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useSystemOptions } from '../../components/options.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRecordForm } from '../../components/records.js';
import { Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { measureKeys, measuresApi, policyGoalsApi, type Measure, type MeasureInput } from './api.js';
import { ORIGINS, PRIORITIES, STATUSES } from './MeasuresBoard.js';
import { riskKeys, risksApi } from '../risks/api.js';

// The risks to choose from: the register's first page plus those already linked (which may lie beyond
// it, or be secret and shown without a title).
function riskOptions(
  items: { id: string; title?: string | null }[],
  selected: string[],
  linked: { id: string; title: string | null }[],
  secretLabel: string,
) {
  const byId = new Map<string, string>();
  for (const r of linked) byId.set(r.id, r.title ?? secretLabel);
  for (const r of items) byId.set(r.id, r.title ?? secretLabel);
  for (const id of selected) if (!byId.has(id)) byId.set(id, secretLabel);
  return [...byId].map(([value, label]) => ({ value, label }));
}

interface Draft {
  title: string;
  description: string;
  origin: string;
  originId: string;
  basis: string;
  systemId: string;
  unitId: string;
  ownerUserId: string;
  dueOn: string;
  priority: string;
  status: string;
  plannedCostSek: string;
  actualCostSek: string;
  riskIds: string[];
  goalIds: string[];
}

const empty: Draft = {
  title: '',
  description: '',
  origin: 'needs_analysis',
  originId: '',
  basis: '',
  systemId: '',
  unitId: '',
  ownerUserId: '',
  dueOn: '',
  priority: 'medium',
  status: 'proposed',
  plannedCostSek: '',
  actualCostSek: '',
  riskIds: [],
  goalIds: [],
};

const fromRecord = (m: Measure): Draft => ({
  title: m.title ?? '',
  description: m.description ?? '',
  origin: m.origin,
  originId: m.originId ?? '',
  basis: m.basis ?? '',
  systemId: m.systemId ?? '',
  unitId: m.unitId ?? '',
  ownerUserId: m.ownerUserId ?? '',
  dueOn: m.dueOn ?? '',
  priority: m.priority,
  status: m.status,
  plannedCostSek: m.plannedCostSek === null ? '' : String(m.plannedCostSek),
  actualCostSek: m.actualCostSek === null ? '' : String(m.actualCostSek),
  riskIds: m.risks.map((r) => r.id),
  goalIds: m.goals.map((g) => g.id),
});

// Kronor as people type them ("1 234,50"); the server checks the rest.
const money = (v: string) => (v.trim() === '' ? null : Number(v.replace(/\s/g, '').replace(',', '.')));
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

const toInput = (d: Draft): MeasureInput => ({
  title: d.title,
  description: orNull(d.description),
  origin: d.origin as MeasureInput['origin'],
  originId: orNull(d.originId),
  basis: orNull(d.basis),
  systemId: orNull(d.systemId),
  unitId: orNull(d.unitId),
  ownerUserId: orNull(d.ownerUserId),
  dueOn: orNull(d.dueOn),
  priority: d.priority as MeasureInput['priority'],
  status: d.status as MeasureInput['status'],
  plannedCostSek: money(d.plannedCostSek),
  actualCostSek: money(d.actualCostSek),
  riskIds: d.riskIds,
  goalIds: d.goalIds,
});

const ORDER = [
  'title',
  'origin',
  'originId',
  'basis',
  'riskIds',
  'unitId',
  'systemId',
  'ownerUserId',
  'dueOn',
  'priority',
  'status',
  'plannedCostSek',
  'actualCostSek',
  'goalIds',
];

export function MeasureForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const f = useRecordForm<Measure, Draft, MeasureInput>({
    id,
    resource: measureKeys.all,
    api: measuresApi,
    form: 'measure',
    order: ORDER,
    empty,
    fromRecord,
    toInput,
    savedNotice: t('measures.saved'),
    // A measure shows on risks, in gap analyses, under policy goals and in action plans too.
    invalidate: [measureKeys.all, measureKeys.plans, measureKeys.goals, riskKeys.all, ['gap-analysis']],
    cacheSaved: true,
    savedTo: (m) => `/measures/${m.id}`,
  });
  const heading = f.editing ? t('measures.editTitle') : t('measures.new');
  useDocumentTitle(heading);
  const mayGoals = usePermission('policy-goal');
  const mayRisks = usePermission('risk');
  const risks = useQuery({ queryKey: [...riskKeys.all, 'options'], queryFn: () => risksApi.list({ limit: 200 }), enabled: mayRisks });
  const existingRisks = f.editing ? (f.existing.data?.data.risks ?? []) : [];
  const units = useOrgUnitOptions();
  const systems = useSystemOptions({ keep: f.draft.systemId ? [f.draft.systemId] : [] });
  const owners = useQuery({ queryKey: measureKeys.owners, queryFn: () => measuresApi.owners() });
  const goals = useQuery({ queryKey: measureKeys.goals, queryFn: () => policyGoalsApi.list(), enabled: mayGoals });
  if (f.editing && f.existing.isPending) return <Loading />;
  const none = { value: '', label: t('measures.none') };
  const select = (name: keyof Draft, label: string, data: { value: string; label: string }[]) => (
    <NativeSelect {...f.input(name as 'origin')} label={label} data={data} />
  );

  return (
    <>
      <PageHeader title={heading} />
      <form onSubmit={f.submit} noValidate>
        <Stack maw={720} gap="sm">
          <SubmitAlert error={f.error} onReload={() => void f.reload()} />
          <TextInput {...f.input('title')} label={requiredLabel(t, t('measures.titleLabel'))} required />
          <Textarea {...f.input('description')} label={t('measures.description')} autosize minRows={2} />
          {select(
            'origin',
            t('measures.originLabel'),
            ORIGINS.map((o) => ({ value: o, label: t(`measures.origin.${o}`) })),
          )}
          <Textarea {...f.input('basis')} label={t('measures.basis')} description={t('measures.basisHelp')} autosize minRows={2} />
          {mayRisks ? (
            <MultiSelect
              {...f.field('riskIds')}
              label={t('measures.riskIds')}
              description={t('measures.riskIdsHelp')}
              searchable
              clearable
              nothingFoundMessage={t('measures.noRisksFound')}
              value={f.draft.riskIds}
              onChange={(v) => f.set('riskIds', v)}
              data={riskOptions(risks.data?.items ?? [], f.draft.riskIds, existingRisks, t('measures.secretTitle'))}
            />
          ) : null}
          {select('unitId', t('measures.unit'), [none, ...units.options])}
          {select('systemId', t('measures.system'), [none, ...systems.options])}
          {select('ownerUserId', t('measures.owner'), [
            none,
            ...(owners.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName })),
          ])}
          <TextInput {...f.input('dueOn')} type="date" label={t('measures.dueOn')} />
          <Group grow>
            {select(
              'priority',
              t('measures.priorityLabel'),
              PRIORITIES.map((p) => ({ value: p, label: t(`measures.priority.${p}`) })),
            )}
            {select(
              'status',
              t('measures.statusLabel'),
              STATUSES.map((s) => ({ value: s, label: t(`measures.status.${s}`) })),
            )}
          </Group>
          <Group grow>
            <TextInput {...f.input('plannedCostSek')} inputMode="decimal" label={t('measures.plannedCost')} />
            <TextInput {...f.input('actualCostSek')} inputMode="decimal" label={t('measures.actualCost')} />
          </Group>
          {mayGoals && goals.data?.items.length ? (
            <Checkbox.Group
              {...f.field('goalIds')}
              label={t('measures.goals')}
              value={f.draft.goalIds}
              onChange={(v) => f.set('goalIds', v)}
            >
              <Stack gap={4} mt={4}>
                {goals.data.items.map((g) => (
                  <Checkbox key={g.id} value={g.id} label={`${g.code} ${g.text}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : null}
          <Group>
            <Button type="submit" disabled={f.busy}>
              {t('measures.save')}
            </Button>
            <Button component={Link} to={id ? `/measures/${id}` : '/measures'} variant="default">
              {t('measures.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
