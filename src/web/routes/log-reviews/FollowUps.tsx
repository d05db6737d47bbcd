import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logReviewKeys, logReviewsApi, type FollowUp, type LogReview } from '../../api/log-reviews.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert, useErrorDetail } from '../../components/States.js';
import { useDate } from './parts.js';

/** What deviations led to, until incidents and measures take them over: close, reopen, add. */
export function FollowUps({ review: r }: { review: LogReview }) {
  const { t } = useTranslation();
  const date = useDate();
  const notify = useNotify();
  const errorDetail = useErrorDetail();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: logReviewKeys.all });
  const toggle = async (f: FollowUp) => {
    try {
      await logReviewsApi.updateFollowUp(r.id, f.id, f.version, { status: f.status === 'open' ? 'closed' : 'open' });
      await refresh();
      notify(t('logReviews.followUpSaved'));
    } catch (e) {
      const { title, detail } = errorDetail(e);
      notify(detail ? `${title}. ${detail}` : title, 'error');
    }
  };
  if (r.outcome !== 'deviations' && r.followUps.length === 0) return null;

  return (
    <section aria-labelledby="follow-ups-title">
      <Title order={2} mt="xl" mb="sm" id="follow-ups-title">
        {t('logReviews.followUps')}
      </Title>
      {r.followUps.length === 0 ? <Text>{t('logReviews.noFollowUps')}</Text> : null}
      {r.followUps.length > 0 ? (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped>
            <VisuallyHidden component="caption">{t('logReviews.followUpsCaption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('logReviews.description')}</Table.Th>
                <Table.Th scope="col">{t('logReviews.owner')}</Table.Th>
                <Table.Th scope="col">{t('logReviews.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('logReviews.filterStatus')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('logReviews.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.followUps.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Th scope="row" fw="normal">
                    {f.description}
                  </Table.Th>
                  <Table.Td>{f.owner?.displayName ?? '–'}</Table.Td>
                  <Table.Td>{f.dueOn ? date(f.dueOn) : '–'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={f.status === 'open' ? 'yellow' : 'green'} c="dark.9" tt="none">
                      {t(`logReviews.followUpStatus.${f.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {f.allowedActions.includes('update') ? (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t(f.status === 'open' ? 'logReviews.closeLabel' : 'logReviews.reopenLabel', {
                          description: f.description,
                        })}
                        onClick={() => void toggle(f)}
                      >
                        {t(f.status === 'open' ? 'logReviews.close' : 'logReviews.reopen')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {r.allowedActions.includes('add-follow-up') ? <AddFollowUp reviewId={r.id} onAdded={refresh} /> : null}
    </section>
  );
}

function AddFollowUp({ reviewId, onAdded }: { reviewId: string; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { error, clear, fail, errorFor } = useSubmitErrors('follow-up', ['description', 'dueOn']);
  const [draft, setDraft] = useState({ description: '', dueOn: '' });
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      await logReviewsApi.addFollowUp(reviewId, { description: draft.description, dueOn: draft.dueOn || null });
      setDraft({ description: '', dueOn: '' });
      await onAdded();
      notify(t('logReviews.followUpSaved'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="follow-up-add-title">
      <Title order={3} mt="lg" id="follow-up-add-title">
        {t('logReviews.addFollowUp')}
      </Title>
      <Stack maw={640} gap="sm" mt="xs">
        <SubmitAlert error={error} />
        <Textarea
          id="follow-up-description"
          label={requiredLabel(t, t('logReviews.description'))}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={draft.description}
          error={errorFor('description')}
          onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
        />
        <TextInput
          id="follow-up-dueOn"
          type="date"
          label={t('logReviews.dueOn')}
          value={draft.dueOn}
          error={errorFor('dueOn')}
          onChange={(e) => setDraft({ ...draft, dueOn: e.currentTarget.value })}
        />
        <Group>
          <Button type="submit" variant="default" disabled={busy}>
            {t('logReviews.addFollowUp')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
