import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { logReviewsApi, type LogReview, type OutcomeInput } from '../../api/log-reviews.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { SubmitAlert } from '../../components/States.js';
import { useDate, usePeople, useReviewSaved } from './parts.js';

const ORDER = ['outcome', 'comment', 'followUp.ownerUserId', 'followUp.dueOn'];

/** The outcome: as recorded, or the reviewer's form (D0-16, D3-04), confirmed before it is final. */
export function ReviewOutcome({ review: r, etag }: { review: LogReview; etag: string }) {
  const { t } = useTranslation();
  const date = useDate();
  return (
    <section aria-labelledby="outcome-title">
      <Title order={2} mt="xl" mb="sm" id="outcome-title">
        {t('logReviews.outcomeTitle')}
      </Title>
      {r.outcome ? (
        <DetailFields
          rows={[
            [t('logReviews.result'), t(`logReviews.outcome.${r.outcome}`)],
            [t('logReviews.comment'), r.outcomeComment],
            [t('logReviews.recordedBy'), r.outcomeBy ? `${r.outcomeBy.displayName}, ${date(r.outcomeAt)}` : null],
          ]}
        />
      ) : r.allowedActions.includes('record-outcome') ? (
        <OutcomeForm review={r} etag={etag} />
      ) : (
        <Text>{r.status === 'planned' ? t('logReviews.waitingForMaterial') : t('logReviews.notReviewed')}</Text>
      )}
    </section>
  );
}

function OutcomeForm({ review: r, etag }: { review: LogReview; etag: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const saved = useReviewSaved();
  const people = usePeople();
  const { error, clear, fail, errorFor } = useSubmitErrors('outcome', ORDER);
  const [draft, setDraft] = useState({ outcome: 'no_remarks', comment: '', ownerUserId: '', dueOn: '' });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  // Checked here too, so the confirmation is only asked for a complete answer.
  const [missingComment, setMissingComment] = useState(false);
  const deviations = draft.outcome === 'deviations';
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const ask = (e: FormEvent) => {
    e.preventDefault();
    clear();
    const missing = deviations && !draft.comment.trim();
    setMissingComment(missing);
    if (missing) document.getElementById('outcome-comment')?.focus();
    else setConfirming(true);
  };
  const record = async () => {
    setBusy(true);
    try {
      const body: OutcomeInput = { outcome: draft.outcome as OutcomeInput['outcome'], comment: draft.comment.trim() || null };
      if (deviations && (draft.ownerUserId || draft.dueOn))
        body.followUp = {
          ...(draft.ownerUserId ? { ownerUserId: draft.ownerUserId } : {}),
          ...(draft.dueOn ? { dueOn: draft.dueOn } : {}),
        };
      await saved(await logReviewsApi.recordOutcome(r.id, etag, body));
      notify(t('logReviews.recordedNotice'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <form onSubmit={ask} noValidate>
      <Stack maw={640} gap="md">
        <SubmitAlert error={error} />
        <Radio.Group
          id="outcome-outcome"
          label={requiredLabel(t, t('logReviews.outcomeChoice'))}
          value={draft.outcome}
          onChange={set('outcome')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="no_remarks" label={t('logReviews.outcome.no_remarks')} />
            <Radio value="deviations" label={t('logReviews.outcome.deviations')} />
          </Stack>
        </Radio.Group>
        <Textarea
          id="outcome-comment"
          label={deviations ? requiredLabel(t, t('logReviews.comment')) : t('logReviews.comment')}
          description={deviations ? t('logReviews.commentHelpDeviations') : t('logReviews.commentHelp')}
          required={deviations}
          autosize
          minRows={3}
          maxLength={5000}
          value={draft.comment}
          error={missingComment ? t('logReviews.commentRequired') : errorFor('comment')}
          onChange={(e) => set('comment')(e.currentTarget.value)}
        />
        {deviations && people.data ? (
          <NativeSelect
            id="outcome-followUp.ownerUserId"
            label={t('logReviews.followUpOwner')}
            description={t('logReviews.followUpOwnerHelp')}
            data={[{ value: '', label: t('logReviews.none') }, ...people.data.map((p) => ({ value: p.id, label: p.displayName }))]}
            value={draft.ownerUserId}
            error={errorFor('followUp.ownerUserId')}
            onChange={(e) => set('ownerUserId')(e.currentTarget.value)}
          />
        ) : null}
        {deviations ? (
          <TextInput
            id="outcome-followUp.dueOn"
            type="date"
            label={t('logReviews.followUpDue')}
            description={t('logReviews.followUpDueHelp')}
            value={draft.dueOn}
            error={errorFor('followUp.dueOn')}
            onChange={(e) => set('dueOn')(e.currentTarget.value)}
          />
        ) : null}
        <Group>
          <Button type="submit">{t('logReviews.recordOutcome')}</Button>
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('logReviews.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text mb="xs">{t('logReviews.confirmBody')}</Text>
        <Text mb="md" fw={600}>
          {t(`logReviews.outcome.${draft.outcome}`)}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void record()} loading={busy}>
            {t('logReviews.confirm')}
          </Button>
        </Group>
      </Modal>
    </form>
  );
}
