import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, List, Modal, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { commsKeys, communicationsApi, NOTICE_KINDS, type Communications } from '../status/comms-api.js';
import { formatDateTime } from '../status/format.js';
import { refreshIncident } from './api.js';

type Kind = (typeof NOTICE_KINDS)[number];

/** D1-40 on the incident page: send outage and disruption notices to the systems' stakeholders, and the log. */
export function CommunicationsPanel({ incidentId, canUpdate }: { incidentId: string; canUpdate: boolean }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: commsKeys.communications(incidentId), queryFn: () => communicationsApi.list(incidentId) });
  return (
    <section aria-labelledby="communications-heading">
      <Title order={2} mt="xl" mb="sm" id="communications-heading">
        {t('incidentComms.panel.heading')}
      </Title>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Text mb="sm">
            {query.data.statusPage.onStatusPage
              ? t('incidentComms.panel.onStatusPage', { text: query.data.statusPage.publicStatus ?? '–' })
              : t('incidentComms.panel.notOnStatusPage')}
          </Text>
          {canUpdate && query.data.canSend ? <SendNotice incidentId={incidentId} data={query.data} /> : null}
          <SentLog data={query.data} />
        </>
      )}
    </section>
  );
}

const FIELDS = ['kind', 'message', 'stakeholderIds', 'showOnStatusPage', 'publicStatus'];
const defaultShow = (kind: Kind, current: boolean) =>
  kind === 'outage' || kind === 'disruption' ? true : kind === 'restored' ? false : current;

function SendNotice({ incidentId, data }: { incidentId: string; data: Communications }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('notice', FIELDS);
  const mailable = data.stakeholders.filter((s) => s.email);
  const [kind, setKind] = useState<Kind>('outage');
  const [message, setMessage] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => mailable.map((s) => s.id));
  const [show, setShow] = useState(() => defaultShow('outage', data.statusPage.onStatusPage));
  const [publicStatus, setPublicStatus] = useState(data.statusPage.publicStatus ?? '');
  const [confirming, setConfirming] = useState(false);
  const addresses = new Set(mailable.filter((s) => chosen.includes(s.id)).map((s) => s.email!.toLowerCase()));

  if (data.stakeholders.length === 0) return <Text mb="md">{t('incidentComms.panel.noRecipients')}</Text>;

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setConfirming(true);
  };
  const send = () => {
    setConfirming(false);
    void run(async () => {
      const out = await communicationsApi.send(incidentId, {
        kind,
        message,
        stakeholderIds: chosen,
        showOnStatusPage: show,
        publicStatus: show ? publicStatus.trim() || null : undefined,
      });
      client.setQueryData(commsKeys.communications(incidentId), out);
      // the incident's status-page fields and version changed: its page reloads with the new ETag
      await refreshIncident(client);
      notify(t('incidentComms.panel.sent', { count: out.items[0]?.recipients.length ?? addresses.size }));
      setMessage('');
    });
  };

  return (
    <form onSubmit={ask} noValidate aria-labelledby="communications-heading">
      <Stack maw={720} gap="sm" mb="lg">
        <Text>{t('incidentComms.panel.intro')}</Text>
        <SubmitAlert error={error} />
        <NativeSelect
          id="notice-kind"
          label={t('incidentComms.panel.kind')}
          data={NOTICE_KINDS.map((k) => ({ value: k, label: t(`incidentComms.kind.${k}`) }))}
          value={kind}
          error={errorFor('kind')}
          onChange={(e) => {
            const next = e.currentTarget.value as Kind;
            setKind(next);
            setShow(defaultShow(next, data.statusPage.onStatusPage));
          }}
        />
        <Textarea
          id="notice-message"
          label={requiredLabel(t, t('incidentComms.panel.message'))}
          description={t('incidentComms.panel.messageHelp')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          value={message}
          error={errorFor('message')}
          onChange={(e) => setMessage(e.currentTarget.value)}
        />
        <Checkbox.Group
          id="notice-stakeholderIds"
          label={t('incidentComms.panel.recipients')}
          description={t('incidentComms.panel.recipientsHelp')}
          value={chosen}
          onChange={setChosen}
          error={errorFor('stakeholderIds')}
        >
          <Stack gap={6} mt="xs">
            {data.stakeholders.map((s) => (
              <Checkbox
                key={s.id}
                value={s.id}
                disabled={!s.email}
                label={`${s.name} (${t(`incidentComms.stakeholderKind.${s.kind}`)}) – ${s.email ?? t('incidentComms.stakeholders.noEmail')}${
                  s.systemName ? ` · ${t('incidentComms.panel.system')}: ${s.systemName}` : ''
                }`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Checkbox
          id="notice-showOnStatusPage"
          label={t('incidentComms.panel.showOnStatusPage')}
          checked={show}
          onChange={(e) => setShow(e.currentTarget.checked)}
        />
        {show ? (
          <TextInput
            id="notice-publicStatus"
            label={t('incidentComms.panel.publicStatus')}
            description={t('incidentComms.panel.publicStatusHelp')}
            maxLength={500}
            value={publicStatus}
            error={errorFor('publicStatus')}
            onChange={(e) => setPublicStatus(e.currentTarget.value)}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={busy} disabled={addresses.size === 0}>
            {t('incidentComms.panel.send')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('incidentComms.panel.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="md">{t('incidentComms.panel.confirmBody', { count: addresses.size })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </Button>
          <Button onClick={send}>{t('incidentComms.panel.confirm')}</Button>
        </Group>
      </Modal>
    </form>
  );
}

function SentLog({ data }: { data: Communications }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Title order={3} size="h4" mb="xs">
        {t('incidentComms.panel.log')}
      </Title>
      {data.items.length === 0 ? (
        <Text>{t('incidentComms.panel.logEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{t('incidentComms.panel.log')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('incidentComms.panel.sentAt')}</Table.Th>
                <Table.Th scope="col">{t('incidentComms.panel.kind')}</Table.Th>
                <Table.Th scope="col">{t('incidentComms.panel.message')}</Table.Th>
                <Table.Th scope="col">{t('incidentComms.panel.to')}</Table.Th>
                <Table.Th scope="col">{t('incidentComms.panel.sentBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row">
                    <time dateTime={c.sentAt}>{formatDateTime(c.sentAt, i18n.language)}</time>
                  </Table.Th>
                  <Table.Td>{t(`incidentComms.kind.${c.kind}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-line' }}>{c.message}</Table.Td>
                  <Table.Td>
                    <List size="sm" spacing={2}>
                      {c.recipients.map((r) => (
                        <List.Item key={r.email}>
                          {r.name} ({r.email})
                        </List.Item>
                      ))}
                    </List>
                  </Table.Td>
                  <Table.Td>{c.sentBy?.displayName ?? '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
