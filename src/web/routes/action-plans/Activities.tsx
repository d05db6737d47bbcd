import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatSek } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { useErrorText } from '../../components/States.js';
import { actionPlansApi, measureKeys, measuresApi, type ActionPlan, type PlanMeasure } from '../measures/api.js';
import { ProgressView } from './parts.js';
import { EditActivity } from './PlanForms.js';

type Activity = ActionPlan['activities'][number];
export const ACTIVITIES_HEADING = 'activities-heading';
const focusById = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * The activities share one list of measure ids each and the server takes no If-Match on them: read
 * the plan fresh right before a change, so a change made meanwhile by someone else is not undone.
 */
async function changeMeasures(planId: string, activityId: string, change: (ids: string[]) => string[]) {
  const fresh = (await actionPlansApi.get(planId)).data;
  const a = fresh.activities.find((x) => x.id === activityId);
  if (!a) throw new Error('activity-gone');
  await actionPlansApi.updateActivity(planId, activityId, { measureIds: change(a.measures.map((m) => m.id)) });
}

export function ActivityCard({ plan, activity: a, mayContent }: { plan: ActionPlan; activity: Activity; mayContent: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby={`act-${a.id}`}>
      <Group justify="space-between">
        <Title order={3} id={`act-${a.id}`} tabIndex={-1}>
          {a.title}
        </Title>
        {mayContent ? (
          <Group gap="xs">
            <EditActivity plan={plan} activity={a} />
            <RemoveActivity planId={plan.id} activity={a} />
          </Group>
        ) : null}
      </Group>
      <Text size="sm">
        {t('actionPlans.yearlyGoal')}: {a.yearlyGoal ?? '–'} · {t('actionPlans.priority')}: {t(`measures.priority.${a.priority}`)} ·{' '}
        {t('actionPlans.responsible')}: {a.responsible ?? '–'}
      </Text>
      <Text size="sm" mb="xs">
        {t('actionPlans.startOn')}: {formatDate(a.startOn, i18n.language) ?? '–'} · {t('actionPlans.endOn')}:{' '}
        {formatDate(a.endOn, i18n.language) ?? '–'} · {t('actionPlans.budget')}: {a.budgetSek === null ? '–' : formatSek(a.budgetSek)}
      </Text>
      <ProgressView progress={a.progress} label={`${t('actionPlans.progress')} ${a.title}`} />
      {a.measures.length ? (
        <MeasuresTable
          measures={a.measures}
          caption={`${t('actionPlans.measures')}: ${a.title}`}
          remove={mayContent ? (m) => <RemoveMeasure planId={plan.id} activity={a} measure={m} /> : undefined}
        />
      ) : (
        <Text size="sm">{t('actionPlans.noMeasures')}</Text>
      )}
    </Card>
  );
}

function MeasuresTable({
  measures,
  caption,
  remove,
}: {
  measures: PlanMeasure[];
  caption: string;
  remove?: (m: PlanMeasure) => React.ReactNode;
}) {
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
            {remove ? <Table.Th scope="col">{t('actionPlans.actions')}</Table.Th> : null}
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
              {remove ? <Table.Td>{remove(m)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RemoveMeasure({ planId, activity, measure }: { planId: string; activity: Activity; measure: PlanMeasure }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = measure.masked ? t('actionPlans.secret') : (measure.title ?? '');
  const remove = async () => {
    setBusy(true);
    try {
      await changeMeasures(planId, activity.id, (ids) => ids.filter((x) => x !== measure.id));
      setOpen(false);
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.measureRemoved'));
      // the row is gone: continue from the activity's heading
      focusById(`act-${activity.id}`);
    } catch (e) {
      setOpen(false);
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpen(true)} aria-label={t('actionPlans.removeMeasureLabel', { title })}>
        {t('actionPlans.removeMeasure')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('actionPlans.removeMeasureTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        returnFocus={false}
      >
        <Text mb="md">{t('actionPlans.removeMeasureBody', { title, activity: activity.title })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('actionPlans.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()}>
            {t('actionPlans.removeMeasure')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

function RemoveActivity({ planId, activity }: { planId: string; activity: Activity }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await actionPlansApi.removeActivity(planId, activity.id);
      setOpen(false);
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.removed'));
      // the card is gone: continue from the activities heading rather than the page's start
      focusById(ACTIVITIES_HEADING);
    } catch (e) {
      setOpen(false);
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" color="red" size="xs" onClick={() => setOpen(true)}>
        {t('actionPlans.removeActivity', { title: activity.title })}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('actionPlans.removeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        returnFocus={false}
      >
        <Text mb="md">{t('actionPlans.removeBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('actionPlans.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()}>
            {t('actionPlans.remove')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/**
 * Open measures not yet in the plan: the server lists those due in the plan's year; open measures
 * without a due date are added here, since they belong to no year's plan until someone places them.
 */
export function Unplanned({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation();
  const inPlan = new Set(plan.activities.flatMap((a) => a.measures.map((m) => m.id)));
  const undated = useQuery({
    queryKey: [...measureKeys.all, 'undated-open'],
    queryFn: () => measuresApi.list({ status: ['proposed', 'planned', 'in_progress'], limit: 200 }),
    select: (page) => page.items.filter((m) => !m.dueOn),
  });
  const seen = new Set(plan.unplannedMeasures.map((m) => m.id));
  const items = [
    ...plan.unplannedMeasures.map((m) => ({ id: m.id, title: m.title, undated: false })),
    ...(undated.data ?? []).filter((m) => !inPlan.has(m.id) && !seen.has(m.id)).map((m) => ({ id: m.id, title: m.title, undated: true })),
  ];
  return (
    <section aria-labelledby="unplanned-title">
      <Title order={2} mt="xl" mb="xs" id="unplanned-title">
        {t('actionPlans.unplanned')}
      </Title>
      <Text mb="sm">{t('actionPlans.unplannedHelp', { year: plan.year })}</Text>
      {items.length === 0 ? <Text>{t('actionPlans.noUnplanned')}</Text> : null}
      {items.length > 0 && plan.activities.length === 0 ? <Text mb="sm">{t('actionPlans.addActivityFirst')}</Text> : null}
      <Stack gap="xs">
        {items.map((m) => (
          <PickMeasure key={m.id} plan={plan} measure={m} />
        ))}
      </Stack>
    </section>
  );
}

function PickMeasure({ plan, measure }: { plan: ActionPlan; measure: { id: string; title: string | null; undated: boolean } }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [picked, setActivityId] = useState('');
  const [busy, setBusy] = useState(false);
  // the activities may arrive after this row was first shown: default to the first one
  const activityId = plan.activities.some((a) => a.id === picked) ? picked : (plan.activities[0]?.id ?? '');
  const title = measure.title ?? t('actionPlans.secret');
  const add = async () => {
    if (!activityId || busy) return;
    setBusy(true);
    try {
      await changeMeasures(plan.id, activityId, (ids) => (ids.includes(measure.id) ? ids : [...ids, measure.id]));
      await client.invalidateQueries({ queryKey: measureKeys.all });
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.measureAdded'));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="flex-end">
      <Text miw={240}>
        {title}
        {measure.undated ? ` (${t('actionPlans.undated')})` : ''}
      </Text>
      {plan.activities.length ? (
        <>
          <NativeSelect
            label={t('actionPlans.addToLabel', { title })}
            value={activityId}
            onChange={(e) => setActivityId(e.currentTarget.value)}
            data={plan.activities.map((a) => ({ value: a.id, label: a.title }))}
          />
          <Button variant="default" loading={busy} onClick={() => void add()} aria-label={`${t('actionPlans.add')}: ${title}`}>
            {t('actionPlans.add')}
          </Button>
        </>
      ) : null}
    </Group>
  );
}
