import type { FormEvent } from 'react';
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded, SubmitAlert, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { formatDateTime } from '../audit/labels.js';
import { accessOrderKeys, accessOrdersApi, orNull, type AccessOrder, type Step } from './api.js';

/** /access-orders/:id: the order, its gates (D3-03) and the flow (approve, reject, execute, cancel). */
export function AccessOrderDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(accessOrderKeys.all, accessOrdersApi.get, id);
  useDocumentTitle(query.data?.data.number ?? t('accessOrders.title'));
  const when = (v: string | null) => (v ? formatDateTime(v, i18n.language) : null);
  return (
    <Loaded query={query} title={t('accessOrders.title')}>
      {({ data: o, etag }) => (
        <>
          <PageHeader title={`${o.number}: ${t(`accessOrders.types.${o.type}`)}`} />
          <Group mb="md">
            <Badge variant="light" c="dark.9" tt="none">
              {t(`accessOrders.statuses.${o.status}`)}
            </Badge>
            {o.priority === 'high' ? (
              <Badge color="red" variant="light" c="dark.9" tt="none">
                {t('accessOrders.priorityHigh')}
              </Badge>
            ) : null}
            {o.late ? (
              <Badge color="orange" variant="light" c="dark.9" tt="none">
                {t('accessOrders.late')}
              </Badge>
            ) : null}
          </Group>
          <DetailFields
            rows={[
              [t('accessOrders.personName'), o.personName],
              [t('accessOrders.personEmail'), o.personEmail],
              [t('accessOrders.personnummer'), o.personnummerMasked ? <Personnummer order={o} /> : null],
              [t('accessOrders.system'), o.system.name ?? t('secrecy.maskedSystem')],
              [t('accessOrders.supplier'), o.supplier?.name ?? t('accessOrders.internal')],
              [t('accessOrders.permissions'), o.permissions],
              [t('accessOrders.justification'), o.justification],
              [t('accessOrders.startDate'), formatDate(o.startDate, i18n.language)],
              [
                t('accessOrders.leadTime'),
                o.type === 'terminate'
                  ? null
                  : t('accessOrders.leadTimeValue', { ahead: o.leadTime.daysAhead, required: o.leadTime.requiredDays }),
              ],
              [t('accessOrders.lateReason'), o.lateReason],
              [t('accessOrders.submittedAt'), when(o.submittedAt)],
              [t('accessOrders.submittedBy'), o.submittedBy?.name ?? null],
              [t('accessOrders.orderer'), o.orderer?.name ?? null],
              [t('accessOrders.decided'), o.decidedAt ? `${when(o.decidedAt)} – ${o.decidedBy?.name ?? ''}` : null],
              [t('accessOrders.decisionNote'), o.decisionNote],
              [t('accessOrders.executedAt'), o.executedAt ? `${when(o.executedAt)} – ${o.executedBy?.name ?? ''}` : null],
              [t('accessOrders.escalatedAt'), when(o.escalatedAt)],
            ]}
          />
          <Gates order={o} etag={etag} />
          <Steps order={o} etag={etag} />
          <HistoryTab path="access-orders" id={o.id} />
          <Group mt="xl">
            <Anchor component={Link} to="/access-orders">
              {t('accessOrders.title')}
            </Anchor>
          </Group>
        </>
      )}
    </Loaded>
  );
}

function Personnummer({ order }: { order: AccessOrder }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // the revealed number replaces the button: announce it, since focus cannot stay on the button
  if (full) return <Text role="status">{full}</Text>;
  const reveal = () => {
    setError(null);
    accessOrdersApi.personnummer(order.id).then((r) => setFull(r.personnummer), setError);
  };
  return (
    <Group gap="sm">
      <Text>{order.personnummerMasked}</Text>
      {order.canRevealPersonnummer ? (
        <Button size="compact-sm" variant="default" onClick={reveal}>
          {t('accessOrders.showPersonnummer')}
        </Button>
      ) : null}
      {order.canRevealPersonnummer ? <Text size="sm">{t('accessOrders.personnummerShownLogged')}</Text> : null}
      {error ? (
        <Text size="sm" c="red.9" role="alert">
          {errorText(error)}
        </Text>
      ) : null}
    </Group>
  );
}

const GATE_FIELDS = ['trainingDoneOn', 'secrecyReminderSignedOn', 'informedOfRegistrationOn'] as const;

function Gates({ order, etag }: { order: AccessOrder; etag: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('gates', [...GATE_FIELDS]);
  const [draft, setDraft] = useState(() => Object.fromEntries(GATE_FIELDS.map((f) => [f, order.gates[f] ?? ''])) as Record<string, string>);
  if (!order.supplier || order.type === 'terminate') return <Text mt="lg">{t('accessOrders.gates.notNeeded')}</Text>;
  const editable = order.allowedActions.includes('update');
  const save = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const saved = await accessOrdersApi.update(order.id, etag, Object.fromEntries(GATE_FIELDS.map((f) => [f, orNull(draft[f] ?? '')])));
      client.setQueryData([...accessOrderKeys.all, order.id], saved);
      await client.invalidateQueries({ queryKey: accessOrderKeys.all });
      notify(t('accessOrders.gates.saved'));
    });
  };
  const missing = order.gates.missing.map((g) => t(`accessOrders.gates.names.${g}`)).join(', ');
  return (
    <section aria-labelledby="gates-heading">
      <Title order={2} mt="xl" mb="xs" id="gates-heading">
        {t('accessOrders.gates.heading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('accessOrders.gates.help')}
      </Text>
      <Alert color={missing ? 'orange' : 'green'} mb="sm">
        {missing ? t('accessOrders.gates.missing', { list: missing }) : t('accessOrders.gates.allMet')}
      </Alert>
      {editable ? (
        <form onSubmit={save} noValidate aria-labelledby="gates-heading">
          <Stack maw={520}>
            <SubmitAlert error={error} />
            {GATE_FIELDS.map((f) => (
              <TextInput
                key={f}
                id={`gates-${f}`}
                type="date"
                label={t(`accessOrders.gates.${f}`)}
                value={draft[f] ?? ''}
                error={errorFor(f)}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setDraft((d) => ({ ...d, [f]: value }));
                }}
              />
            ))}
            <Group>
              <Button type="submit" loading={busy} variant="default">
                {t('accessOrders.gates.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <List>
          {GATE_FIELDS.map((f) => (
            <List.Item key={f}>
              {t(`accessOrders.gates.${f}`)}: {formatDate(order.gates[f], i18n.language) ?? '–'}
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}

function Steps({ order, etag }: { order: AccessOrder; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const [confirm, setConfirm] = useState<Step | null>(null);
  const { error, errorFor, busy, run } = useSubmitErrors('step', ['note', ...GATE_FIELDS]);
  if (order.steps.length === 0) return null;
  const take = (step: Step) =>
    void run(async () => {
      setConfirm(null);
      const saved = await accessOrdersApi.step(order.id, etag, step, orNull(note));
      client.setQueryData([...accessOrderKeys.all, order.id], saved);
      await client.invalidateQueries({ queryKey: accessOrderKeys.all });
      setNote('');
      notify(t(`accessOrders.steps.done.${step}`));
    });
  const destructive = (s: Step) => s === 'reject' || s === 'cancel';
  return (
    <section aria-labelledby="steps-heading">
      <Title order={2} mt="xl" mb="xs" id="steps-heading">
        {t('accessOrders.steps.heading')}
      </Title>
      <Stack maw={640}>
        <SubmitAlert error={error} />
        <Textarea
          id="step-note"
          label={order.steps.includes('reject') ? t('accessOrders.steps.noteRequired') : t('accessOrders.steps.note')}
          value={note}
          error={errorFor('note')}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          {order.steps.map((s) => (
            <Button
              key={s}
              loading={busy}
              variant={destructive(s) ? 'default' : 'filled'}
              color={destructive(s) ? 'red' : undefined}
              onClick={() => (destructive(s) ? setConfirm(s) : take(s))}
            >
              {t(`accessOrders.steps.${s}`)}
            </Button>
          ))}
        </Group>
      </Stack>
      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'reject' ? t('accessOrders.steps.confirmRejectTitle') : t('accessOrders.steps.confirmTitle')}
      >
        <Text mb="md">{confirm === 'reject' ? t('accessOrders.steps.confirmRejectBody') : t('accessOrders.steps.confirmBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(null)} data-autofocus>
            {t('accessOrders.steps.keep')}
          </Button>
          {/* the button names what it does ("Avslå", "Återkalla beställningen"), not just "Ja" */}
          <Button color="red" onClick={() => confirm && take(confirm)}>
            {confirm ? t(`accessOrders.steps.${confirm}`) : null}
          </Button>
        </Group>
      </Modal>
    </section>
  );
}
