import { useState } from 'react';
import { Alert, Box, Button, List, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { incidentsApi, refreshIncident, type Incident } from './api.js';
import { Confirm, formatDateTime, formatMinutes } from './parts.js';

/**
 * D1-26: how long the affected systems have been down against the outage time management accepted;
 * past it, the continuity plan and emergency operation are to be activated.
 */
export function OutagePanel({ r, etag }: { r: Incident; etag: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, busy, run } = useSubmitErrors('outage', []);
  const [confirming, setConfirming] = useState(false);
  const o = r.outage;
  if (o.systems.length === 0 && o.minutes === null) return null;
  const open = r.status !== 'closed' && !o.endedAt;
  const prompt = o.exceeded && !o.continuityActivatedAt && open;
  const activate = () => {
    setConfirming(false);
    void run(async () => {
      await refreshIncident(client, await incidentsApi.activateContinuity(r.id, etag, null));
      notify(t('incidents.outage.activated'));
    });
  };
  return (
    <Box component="section" aria-labelledby="outage-heading" mt="xl" maw={900}>
      <Title order={2} id="outage-heading" mb="xs">
        {t('incidents.outage.title')}
      </Title>
      {o.minutes !== null ? (
        <Text>
          {t(open ? 'incidents.outage.soFar' : 'incidents.outage.total', { duration: formatMinutes(t, o.minutes) })}{' '}
          {o.startedAt ? t('incidents.outage.since', { at: formatDateTime(o.startedAt, i18n.language) }) : null}
        </Text>
      ) : null}
      {o.systems.length ? (
        <List mt="xs">
          {o.systems.map((s) => (
            <List.Item key={s.systemId}>
              {`${s.name ?? t('secrecy.maskedSystem')}: `}
              {s.acceptedOutageMinutes === null
                ? t('incidents.outage.noAccepted')
                : t('incidents.outage.accepted', { duration: formatMinutes(t, s.acceptedOutageMinutes) })}
              {s.exceeded ? (
                <Text span c="red.9" fw={700}>
                  {` – ${t('incidents.outage.exceeded')}`}
                </Text>
              ) : null}
            </List.Item>
          ))}
        </List>
      ) : null}
      <SubmitAlert error={error} onReload={() => void refreshIncident(client)} />
      {prompt ? (
        <Alert color="red" mt="md" title={t('incidents.outage.promptTitle')}>
          <Text mb="sm">{t('incidents.outage.promptText')}</Text>
          {r.can.update ? (
            <Button color="red.9" onClick={() => setConfirming(true)} disabled={busy}>
              {t('incidents.outage.activate')}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {o.continuityActivatedAt ? (
        <Alert color="blue" mt="md" role="note">
          {t('incidents.outage.activatedAt', { at: formatDateTime(o.continuityActivatedAt, i18n.language) })}
        </Alert>
      ) : null}
      <Confirm
        opened={confirming}
        title={t('incidents.outage.confirmTitle')}
        body={t('incidents.outage.confirmBody')}
        confirm={t('incidents.outage.activate')}
        onCancel={() => setConfirming(false)}
        onConfirm={activate}
      />
    </Box>
  );
}
