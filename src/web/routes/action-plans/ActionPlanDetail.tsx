import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { download } from '../../api/client.js';
import { formatDate, formatSek } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { useRecord } from '../../components/records.js';
import { Loaded, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { actionPlansApi, measureKeys, type ActionPlan, type PlanMeasure } from '../measures/api.js';
import { ProgressView } from './parts.js';
import { AddActivity, DecisionForm } from './PlanForms.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ActionPlanDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(measureKeys.plans, actionPlansApi.get, id);
  const plan = query.data?.data;
  useDocumentTitle(plan ? t('actionPlans.planTitle', { year: plan.year }) : t('actionPlans.title'));
  const notify = useNotify();
  const errorText = useErrorText();
  const exportPlan = async (p: ActionPlan) => {
    try {
      await download(`/api/v1/action-plans/${p.id}/export.xlsx`, XLSX, `handlingsplan-${p.year}.xlsx`);
    } catch (e) {
      notify(`${t('actionPlans.exportFailed')} ${errorText(e)}`, 'error');
    }
  };
  return (
    <Loaded query={query} title={t('actionPlans.title')}>
      {({ data: p, etag }) => {
        const mayEdit = p.allowedActions.includes('update');
        const open = p.status === 'draft';
        return (
          <>
            <PageHeader title={t('actionPlans.planTitle', { year: p.year })}>
              <Button variant="default" onClick={() => void exportPlan(p)}>
                {t('actionPlans.export')}
              </Button>
              {mayEdit && !open ? <Reopen plan={p} etag={etag} /> : null}
            </PageHeader>
            <Text fw={600}>{p.title}</Text>
            {p.description ? <Text>{p.description}</Text> : null}
            <Text mb="sm">
              {t('actionPlans.statusLabel')}: {t(`actionPlans.status.${p.status}`)}
            </Text>
            {p.decision ? (
              <Alert color="gray" role="note" mb="md" title={t('actionPlans.status.decided')}>
                {t('actionPlans.decidedBanner', {
                  date: formatDate(p.decision.decidedOn, i18n.language),
                  by: p.decision.decidedBy ?? '–',
                  dnr: p.decision.caseNumber,
                })}
              </Alert>
            ) : null}
            <ProgressView progress={p.progress} label={t('actionPlans.progress')} />
            <Title order={2} mt="xl" mb="sm">
              {t('actionPlans.activities')}
            </Title>
            {p.activities.length === 0 ? <Text>{t('actionPlans.noActivities')}</Text> : null}
            <Stack gap="md">
              {p.activities.map((a) => (
                <Card key={a.id} withBorder component="section" aria-labelledby={`act-${a.id}`}>
                  <Group justify="space-between">
                    <Title order={3} id={`act-${a.id}`}>
                      {a.title}
                    </Title>
                    {mayEdit && open ? <RemoveActivity planId={p.id} activity={a} /> : null}
                  </Group>
                  <Text size="sm">
                    {t('actionPlans.yearlyGoal')}: {a.yearlyGoal ?? '–'} · {t('actionPlans.priority')}:{' '}
                    {t(`measures.priority.${a.priority}`)} · {t('actionPlans.responsible')}: {a.responsible ?? '–'}
                  </Text>
                  <Text size="sm" mb="xs">
                    {t('actionPlans.startOn')}: {formatDate(a.startOn, i18n.language) ?? '–'} · {t('actionPlans.endOn')}:{' '}
                    {formatDate(a.endOn, i18n.language) ?? '–'} · {t('actionPlans.budget')}:{' '}
                    {a.budgetSek === null ? '–' : formatSek(a.budgetSek)}
                  </Text>
                  <ProgressView progress={a.progress} label={`${t('actionPlans.progress')} ${a.title}`} />
                  {a.measures.length ? (
                    <MeasuresTable measures={a.measures} caption={`${t('actionPlans.measures')}: ${a.title}`} />
                  ) : (
                    <Text size="sm">{t('actionPlans.noMeasures')}</Text>
                  )}
                </Card>
              ))}
            </Stack>
            {mayEdit && open ? (
              <>
                <Unplanned plan={p} />
                <AddActivity plan={p} />
                <DecisionForm plan={p} etag={etag} />
              </>
            ) : null}
            <HistoryTab path="action-plans" id={p.id} />
            <Group mt="xl">
              <Anchor component={Link} to="/action-plans">
                {t('actionPlans.title')}
              </Anchor>
            </Group>
          </>
        );
      }}
    </Loaded>
  );
}

function MeasuresTable({ measures, caption }: { measures: PlanMeasure[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640} mt="sm">
      <Table>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('actionPlans.measure')}</Table.Th>
            <Table.Th scope="col">{t('measures.statusLabel')}</Table.Th>
            <Table.Th scope="col">{t('measures.owner')}</Table.Th>
            <Table.Th scope="col">{t('measures.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('measures.plannedCost')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {measures.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Th scope="row">
                {m.masked ? (
                  t('actionPlans.secret')
                ) : (
                  <Anchor component={Link} to={`/measures/${m.id}`}>
                    {m.title}
                  </Anchor>
                )}
              </Table.Th>
              <Table.Td>{t(`measures.status.${m.status}`)}</Table.Td>
              <Table.Td>{m.owner?.displayName ?? '–'}</Table.Td>
              <Table.Td>
                {formatDate(m.dueOn, i18n.language) ?? '–'}
                {m.overdue ? (
                  <Badge color="red" variant="light" ml="xs">
                    {t('measures.overdue')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>{m.plannedCostSek === null ? '–' : formatSek(m.plannedCostSek)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Unplanned({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="unplanned-title">
      <Title order={2} mt="xl" mb="xs" id="unplanned-title">
        {t('actionPlans.unplanned')}
      </Title>
      <Text mb="sm">{t('actionPlans.unplannedHelp')}</Text>
      {plan.unplannedMeasures.length === 0 ? <Text>{t('actionPlans.noUnplanned')}</Text> : null}
      <Stack gap="xs">
        {plan.unplannedMeasures.map((m) => (
          <PickMeasure key={m.id} plan={plan} measure={m} />
        ))}
      </Stack>
    </section>
  );
}

function PickMeasure({ plan, measure }: { plan: ActionPlan; measure: PlanMeasure }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [picked, setActivityId] = useState('');
  // the activities may arrive after this row was first shown: default to the first one
  const activityId = plan.activities.some((a) => a.id === picked) ? picked : (plan.activities[0]?.id ?? '');
  const title = measure.title ?? t('actionPlans.secret');
  const add = async () => {
    const a = plan.activities.find((x) => x.id === activityId);
    if (!a) return;
    try {
      await actionPlansApi.updateActivity(plan.id, a.id, { measureIds: [...a.measures.map((m) => m.id), measure.id] });
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.measureAdded'));
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
  return (
    <Group align="flex-end">
      <Text miw={240}>{title}</Text>
      {plan.activities.length ? (
        <>
          <NativeSelect
            label={t('actionPlans.addToLabel', { title })}
            value={activityId}
            onChange={(e) => setActivityId(e.currentTarget.value)}
            data={plan.activities.map((a) => ({ value: a.id, label: a.title }))}
          />
          <Button variant="default" onClick={() => void add()} aria-label={`${t('actionPlans.add')}: ${title}`}>
            {t('actionPlans.add')}
          </Button>
        </>
      ) : null}
    </Group>
  );
}

function RemoveActivity({ planId, activity }: { planId: string; activity: ActionPlan['activities'][number] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const remove = async () => {
    try {
      await actionPlansApi.removeActivity(planId, activity.id);
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.removed'));
    } catch (e) {
      notify(errorText(e), 'error');
    }
    setOpen(false);
  };
  return (
    <>
      <Button variant="default" color="red" size="xs" onClick={() => setOpen(true)}>
        {t('actionPlans.removeActivity', { title: activity.title })}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('actionPlans.removeTitle')}>
        <Text mb="md">{t('actionPlans.removeBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('actionPlans.cancel')}
          </Button>
          <Button color="red" onClick={() => void remove()}>
            {t('actionPlans.remove')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

function Reopen({ plan, etag }: { plan: ActionPlan; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const reopen = async () => {
    try {
      await actionPlansApi.reopen(plan.id, etag);
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.reopened'));
    } catch (e) {
      notify(errorText(e), 'error');
    }
    setOpen(false);
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('actionPlans.reopen')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('actionPlans.reopenTitle')}>
        <Text mb="md">{t('actionPlans.reopenBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('actionPlans.cancel')}
          </Button>
          <Button onClick={() => void reopen()}>{t('actionPlans.reopen')}</Button>
        </Group>
      </Modal>
    </>
  );
}
