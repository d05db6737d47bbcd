import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert, useErrorText } from '../../components/States.js';
import { usePermission } from '../auth/session.js';
import { orNull, today, useDraft } from '../continuity/parts.js';
import { meetingsApi, registerKeys, type Meeting } from './api.js';

const ORDER = ['heldOn', 'participants', 'topics', 'decisions', 'nextOn'];

function MeetingForm({ supplierId, meeting, etag, onDone }: { supplierId: string; meeting?: Meeting; etag?: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('meeting', ORDER);
  const { draft, set } = useDraft({
    heldOn: meeting?.heldOn ?? today(),
    participants: meeting?.participants ?? '',
    topics: meeting?.topics ?? '',
    decisions: meeting?.decisions ?? '',
    nextOn: meeting?.nextOn ?? '',
  });
  const l = (k: string) => t(`supplierRegister.meetings.${k}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = {
        heldOn: draft.heldOn,
        participants: orNull(draft.participants),
        topics: draft.topics,
        decisions: orNull(draft.decisions),
        nextOn: orNull(draft.nextOn),
      };
      if (meeting && etag) await meetingsApi.update(meeting.id, etag, body);
      else await meetingsApi.create({ ...body, supplierId });
      await client.invalidateQueries({ queryKey: registerKeys.meetings(supplierId) });
      notify(l('saved'));
      onDone();
    });
  };
  const area = (name: 'participants' | 'topics' | 'decisions', label: string, required = false) => (
    <Textarea
      id={`meeting-${name}`}
      label={label}
      required={required}
      autosize
      minRows={2}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SubmitAlert error={error} />
        <Group grow align="flex-start">
          <TextInput
            id="meeting-heldOn"
            type="date"
            required
            label={requiredLabel(t, l('heldOn'))}
            value={draft.heldOn}
            error={errorFor('heldOn')}
            onChange={(e) => set('heldOn', e.currentTarget.value)}
          />
          <TextInput
            id="meeting-nextOn"
            type="date"
            label={l('nextOn')}
            value={draft.nextOn}
            error={errorFor('nextOn')}
            onChange={(e) => set('nextOn', e.currentTarget.value)}
          />
        </Group>
        {area('participants', l('participants'))}
        {area('topics', requiredLabel(t, l('topics')), true)}
        {area('decisions', l('decisions'))}
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

/** D1-29: the collaboration meetings with this supplier, newest first. */
export function MeetingsPanel({ supplierId }: { supplierId: string }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const errorText = useErrorText();
  const mayCreate = usePermission('follow-up', 'create');
  const [editing, setEditing] = useState<{ meeting?: Meeting; etag?: string } | null>(null);
  const query = useQuery({ queryKey: registerKeys.meetings(supplierId), queryFn: () => meetingsApi.list(supplierId) });
  const l = (k: string, o?: Record<string, unknown>) => t(`supplierRegister.meetings.${k}`, o ?? {});
  const date = (v: string | null) => formatDate(v, i18n.language) ?? '–';
  const items = query.data?.items ?? [];
  const open = async (m: Meeting) => {
    try {
      const fresh = await meetingsApi.get(m.id);
      setEditing({ meeting: fresh.data, etag: fresh.etag });
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
  return (
    <section aria-labelledby="supplier-meetings">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="supplier-meetings">
          {l('heading')}
        </Title>
        {mayCreate ? <Button onClick={() => setEditing({})}>{l('add')}</Button> : null}
      </Group>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && items.length === 0 ? <Text>{l('empty')}</Text> : null}
      <Stack gap="sm">
        {items.map((m) => (
          <Card key={m.id} withBorder padding="sm">
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={3} size="h5">
                  {date(m.heldOn)}
                </Title>
                {m.participants ? (
                  <Text size="sm">
                    {l('participants')}: {m.participants}
                  </Text>
                ) : null}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {l('topics')}: {m.topics}
                </Text>
                {m.decisions ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {l('decisions')}: {m.decisions}
                  </Text>
                ) : null}
                <Text size="sm">
                  {l('nextOn')}: {date(m.nextOn)}{' '}
                  {m.nextOverdue ? (
                    <Badge variant="light" color="red" c="dark.9" tt="none">
                      {l('overdue')}
                    </Badge>
                  ) : null}
                </Text>
              </div>
              {m.allowedActions.includes('update') ? (
                <Button variant="default" size="xs" onClick={() => void open(m)} aria-label={l('editLabel', { date: date(m.heldOn) })}>
                  {t('common.edit')}
                </Button>
              ) : null}
            </Group>
          </Card>
        ))}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing?.meeting ? l('editTitle') : l('addTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? (
          <MeetingForm supplierId={supplierId} meeting={editing.meeting} etag={editing.etag} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
    </section>
  );
}
