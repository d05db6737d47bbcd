import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { formatDate } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert, useErrorText } from '../../components/States.js';
import { formatDateTime } from '../incidents/parts.js';
import { changeNoticeKeys, changeNoticesApi, type ChangeNotice } from './api.js';
import type { Tagged } from '../../api/client.js';

async function refresh(client: ReturnType<typeof useQueryClient>, saved: Tagged<ChangeNotice>) {
  client.setQueryData([...changeNoticeKeys.all, saved.data.id], saved);
  await client.invalidateQueries({ queryKey: changeNoticeKeys.all });
  await client.invalidateQueries({ queryKey: changeNoticeKeys.portal });
}

/** "Send to the suppliers", after confirmation; the server's reasons (no recipients, a missing date) are listed. */
export function PublishButton({ notice, etag }: { notice: ChangeNotice; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await changeNoticesApi.publish(notice.id, etag);
      await refresh(client, saved);
      setOpen(false);
      notify(t('changeNotices.published', { count: saved.data.counts.recipients }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reasons = error instanceof ApiError ? Object.values(error.fieldErrors()) : [];
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('changeNotices.publish')}</Button>
      <Modal
        opened={open}
        onClose={close}
        title={t('changeNotices.publishTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text mb="md">{t('changeNotices.publishBody')}</Text>
        {error ? (
          <Alert color="red" mb="md" title={errorText(error)} role="alert">
            {reasons.length ? (
              <List size="sm">
                {reasons.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void publish()} loading={busy}>
            {t('changeNotices.publish')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** Who received the notice and who has acknowledged it (the municipality's view). */
export function RecipientsTable({ notice }: { notice: ChangeNotice }) {
  const { t, i18n } = useTranslation();
  if (notice.status === 'draft') return <Text>{t('changeNotices.recipients.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('changeNotices.recipients.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('changeNotices.recipients.supplier')}</Table.Th>
            <Table.Th scope="col">{t('changeNotices.recipients.acknowledgedAt')}</Table.Th>
            <Table.Th scope="col">{t('changeNotices.recipients.by')}</Table.Th>
            <Table.Th scope="col">{t('changeNotices.recipients.comment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notice.recipients.map((r) => (
            <Table.Tr key={r.supplierId}>
              <Table.Th scope="row" fw={500}>
                {r.supplierName}
              </Table.Th>
              <Table.Td>
                {r.acknowledgedAt ? (
                  formatDateTime(r.acknowledgedAt, i18n.language)
                ) : (
                  <Group gap="xs">
                    <Text size="sm">{t('changeNotices.recipients.notYet')}</Text>
                    {r.overdue ? (
                      <Badge color="red.9" variant="outline">
                        {t('changeNotices.recipients.overdue')}
                      </Badge>
                    ) : null}
                    {r.remindedAt ? (
                      <Text size="sm">{t('changeNotices.recipients.reminded', { date: formatDate(r.remindedAt, i18n.language) })}</Text>
                    ) : null}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>{r.acknowledgedByName ?? '–'}</Table.Td>
              <Table.Td>{r.comment ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The supplier's own acknowledgement: done (when, by whom) or a form to give it (D0-06, D3-10, D3-33). */
export function AcknowledgePanel({ notice }: { notice: ChangeNotice }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('ack', ['comment']);
  const [comment, setComment] = useState('');
  const own = notice.recipients;
  if (notice.status !== 'published' || own.length === 0) return null;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const saved = await changeNoticesApi.acknowledge(notice.id, {
        supplierId: notice.canAcknowledgeFor[0],
        comment: comment.trim() || null,
      });
      await refresh(client, saved);
      notify(t('changeNotices.ack.done'));
      requestAnimationFrame(() => document.getElementById('ack-heading')?.focus());
    });
  };
  return (
    <section aria-labelledby="ack-heading">
      <Title order={2} mt="xl" mb="sm" id="ack-heading" tabIndex={-1}>
        {t('changeNotices.ack.yours')}
      </Title>
      {own.map((r) =>
        r.acknowledgedAt ? (
          <Alert key={r.supplierId} color="green" mb="sm">
            {t('changeNotices.ack.acknowledgedOn', {
              date: formatDateTime(r.acknowledgedAt, i18n.language),
              name: r.acknowledgedByName ?? '',
            })}
            {r.comment ? <Text mt="xs">{r.comment}</Text> : null}
          </Alert>
        ) : null,
      )}
      {notice.canAcknowledgeFor.length ? (
        <form onSubmit={submit} noValidate>
          <Text mb="sm">{t('changeNotices.ack.help')}</Text>
          <Stack maw={640} gap="sm">
            <SubmitAlert error={error} />
            <Textarea
              id="ack-comment"
              label={t('changeNotices.ack.comment')}
              autosize
              minRows={2}
              value={comment}
              error={errorFor('comment')}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t('changeNotices.ack.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </section>
  );
}
