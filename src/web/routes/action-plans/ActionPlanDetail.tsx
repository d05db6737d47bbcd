import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { download } from '../../api/client.js';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { useRecord } from '../../components/records.js';
import { Loaded, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { actionPlansApi, measureKeys, type ActionPlan } from '../measures/api.js';
import { ACTIVITIES_HEADING, ActivityCard, Unplanned } from './Activities.js';
import { ProgressView } from './parts.js';
import { AddActivity, DecisionForm } from './PlanForms.js';
import { mayDo, useMe } from '../auth/session.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ActionPlanDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(measureKeys.plans, actionPlansApi.get, id);
  const plan = query.data?.data;
  const me = useMe().data;
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
        // Content (activities, measures, reopening) is the coordinator's work ('create'); the
        // decision is management's ('update'). The server checks the same.
        const mayDecide = p.allowedActions.includes('update');
        const mayContent = mayDecide && mayDo(me, 'action-plan', 'create');
        const open = p.status === 'draft';
        return (
          <>
            <PageHeader title={t('actionPlans.planTitle', { year: p.year })}>
              <Button variant="default" onClick={() => void exportPlan(p)}>
                {t('actionPlans.export')}
              </Button>
              {mayContent && !open ? <Reopen plan={p} etag={etag} /> : null}
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
            <Title order={2} mt="xl" mb="sm" id={ACTIVITIES_HEADING} tabIndex={-1}>
              {t('actionPlans.activities')}
            </Title>
            {p.activities.length === 0 ? <Text>{t('actionPlans.noActivities')}</Text> : null}
            <Stack gap="md">
              {p.activities.map((a) => (
                <ActivityCard key={a.id} plan={p} activity={a} mayContent={mayContent && open} />
              ))}
            </Stack>
            {mayContent && open ? (
              <>
                <Unplanned plan={p} />
                <AddActivity plan={p} />
              </>
            ) : null}
            {mayDecide && open ? (
              p.activities.length ? (
                <DecisionForm plan={p} etag={etag} onReload={() => void query.refetch()} />
              ) : (
                <Text mt="xl">{t('actionPlans.decisionNeedsActivities')}</Text>
              )
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
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('actionPlans.reopenTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
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
