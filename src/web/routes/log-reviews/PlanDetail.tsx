import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { logReviewKeys, logReviewPlansApi, logReviewsApi, type LogReviewPlan } from '../../api/log-reviews.js';
import type { AllowedAction } from '../../api/types.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PagedTable, usePagedList } from '../../components/PagedTable.js';
import { DetailFields, RecordHeader } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { ReviewStatus, subjectText, useDate } from './parts.js';

export function PlanDetail() {
  const { t } = useTranslation();
  const { id } = useParams();
  const date = useDate();
  const query = useRecord(logReviewKeys.plans, logReviewPlansApi.get, id);
  const plan = query.data?.data;
  useDocumentTitle(plan ? subjectText(t, plan) : t('logReviews.plansTitle'));

  return (
    <Loaded query={query} title={t('logReviews.plansTitle')}>
      {({ data: p, etag }) => (
        <>
          <RecordHeader
            record={{
              ...p,
              name: subjectText(t, p),
              allowedActions: p.allowedActions.filter((a): a is AllowedAction => a !== 'add-review'),
            }}
            etag={etag}
            editTo={`/log-reviews/plans/${p.id}/edit`}
            api={logReviewPlansApi}
            invalidate={[logReviewKeys.all]}
            confirmTitle={t('logReviews.archiveTitle')}
            confirmBody={t('logReviews.archiveBody')}
            archivedNotice={t('logReviews.archivedNotice')}
            restoredNotice={t('logReviews.restoredNotice')}
            archivedBanner={t('logReviews.archivedBanner')}
          />
          <DetailFields
            rows={[
              [t('logReviews.subjectKind'), p.subject === 'system' ? t('logReviews.subjectSystem') : t('logReviews.subjectSupplier')],
              [t('logReviews.interval'), t('logReviews.intervalValue', { count: p.intervalMonths })],
              [t('logReviews.firstDueOn'), date(p.firstDueOn)],
              [t('logReviews.reviewer'), p.reviewer.displayName],
              [t('logReviews.producer'), p.producer?.displayName],
              [t('logReviews.note'), p.note],
              [
                t('logReviews.nextReview'),
                p.nextReview ? (
                  <Anchor component={Link} to={`/log-reviews/${p.nextReview.id}`}>
                    {date(p.nextReview.dueOn)}
                  </Anchor>
                ) : null,
              ],
            ]}
          />
          {p.allowedActions.includes('add-review') ? <AddReview plan={p} /> : null}
          <PlanReviews planId={p.id} />
        </>
      )}
    </Loaded>
  );
}

function PlanReviews({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const date = useDate();
  const list = usePagedList(logReviewKeys.reviews, { planId, sort: '-dueOn' }, logReviewsApi.list);
  return (
    <>
      <Title order={2} mt="xl" mb="sm">
        {t('logReviews.planReviews')}
      </Title>
      <PagedTable
        list={list}
        filtered
        empty={t('logReviews.empty')}
        emptyFiltered={t('logReviews.empty')}
        emptyCta=""
        newTo=""
        caption={t('logReviews.planReviews')}
        minWidth={640}
        head={
          <>
            <Table.Th scope="col">{t('logReviews.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.period')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.filterStatus')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.result')}</Table.Th>
          </>
        }
        row={(r) => (
          <>
            <Table.Th scope="row">
              <Anchor component={Link} to={`/log-reviews/${r.id}`}>
                {date(r.dueOn)}
              </Anchor>
              {r.scheduled ? null : <Text size="sm">{t('logReviews.extra')}</Text>}
            </Table.Th>
            <Table.Td>{t('logReviews.periodValue', { from: date(r.periodFrom), to: date(r.periodTo) })}</Table.Td>
            <Table.Td>
              <ReviewStatus status={r.status} overdue={r.overdue} />
            </Table.Td>
            <Table.Td>{r.outcome ? t(`logReviews.outcome.${r.outcome}`) : '–'}</Table.Td>
          </>
        )}
      />
    </>
  );
}

/** An extra review outside the schedule (a done review is never changed; it is redone instead). */
function AddReview({ plan }: { plan: LogReviewPlan }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { error, clear, fail, errorFor } = useSubmitErrors('extra', ['periodFrom', 'periodTo', 'dueOn']);
  const [draft, setDraft] = useState({ periodFrom: '', periodTo: '', dueOn: '' });
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const created = await logReviewPlansApi.addReview(plan.id, {
        periodFrom: draft.periodFrom,
        periodTo: draft.periodTo,
        ...(draft.dueOn ? { dueOn: draft.dueOn } : {}),
      });
      await client.invalidateQueries({ queryKey: logReviewKeys.all });
      notify(t('logReviews.addedNotice'));
      await navigate(`/log-reviews/${created.data.id}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof typeof draft, label: string, required = true) => (
    <TextInput
      id={`extra-${name}`}
      type="date"
      label={required ? requiredLabel(t, label) : label}
      required={required}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="extra-title">
      <Title order={2} mt="xl" mb="xs" id="extra-title">
        {t('logReviews.addReview')}
      </Title>
      <Text mb="sm">{t('logReviews.addReviewHelp')}</Text>
      <Stack maw={640} gap="sm">
        <SubmitAlert error={error} />
        <Group align="flex-start">
          {field('periodFrom', t('logReviews.periodFrom'))}
          {field('periodTo', t('logReviews.periodTo'))}
          {field('dueOn', t('logReviews.dueOn'), false)}
        </Group>
        <Group>
          <Button type="submit" variant="default" disabled={busy}>
            {t('logReviews.addReview')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
