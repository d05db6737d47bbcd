import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { HistoryTab } from '../audit/HistoryTab.js';
import { Link, useParams } from 'react-router';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRecord } from '../../components/records.js';
import { Loaded, SubmitAlert, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useMe, usePermission } from '../auth/session.js';
import { riskKeys, risksApi, type Risk } from './api.js';
import { AssetLinks, LevelBadge, SystemLinks, useDate } from './parts.js';
import { measureKeys } from '../measures/api.js';
import { ApiError } from '../../api/client.js';

function Approve({ risk, etag, onReload }: { risk: Risk; etag: string; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const client = useQueryClient();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const date = useDate();
  if (risk.approved)
    return (
      <Alert color="green" title={t('risks.approvedTitle')} mb="md" styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}>
        {t('risks.approvedText', { name: risk.approvedBy?.name ?? '', date: date(risk.approvedAt) })}
      </Alert>
    );
  const isOwner = !!me && risk.ownerUserId === me.user.id;
  if (!isOwner || !risk.allowedActions.includes('update'))
    return <Text mb="md">{risk.owner ? t('risks.awaitingOwner', { name: risk.owner.name }) : t('risks.noOwner')}</Text>;
  // The server refuses an approval without these; say so instead of offering a button that fails.
  const missing = [...(risk.treatment ? [] : [t('risks.treatment')]), ...(risk.residual ? [] : [t('risks.residual')])];
  if (missing.length)
    return (
      <Alert color="gray" role="note" mb="md" title={t('risks.approveNotReady')}>
        {t('risks.approveMissing', { fields: missing.join(', ') })}
      </Alert>
    );
  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await risksApi.approve(risk.id, etag);
      client.setQueryData([...riskKeys.risks, risk.id], saved);
      await client.invalidateQueries({ queryKey: riskKeys.all });
      notify(t('risks.approvedNotice'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fieldMessages = error instanceof ApiError ? Object.values(error.fieldErrors()) : [];
  return (
    <Stack mb="md" gap="xs">
      {error ? (
        <>
          <SubmitAlert error={error} onReload={onReload} />
          {fieldMessages.map((m) => (
            <Text key={m} c="red.9">
              {m}
            </Text>
          ))}
        </>
      ) : null}
      <Group>
        <Text>{t('risks.approveHelp')}</Text>
        <Button onClick={() => void approve()} disabled={busy}>
          {t('risks.approve')}
        </Button>
      </Group>
    </Stack>
  );
}

function NewMeasure({ risk }: { risk: Risk }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await risksApi.addMeasure(risk.id, { title, ...(dueOn ? { dueOn } : {}) });
      setTitle('');
      setDueOn('');
      // The new measure shows in the register, on the risk and among a plan's unplanned measures.
      await Promise.all([riskKeys.all, measureKeys.all, measureKeys.plans].map((queryKey) => client.invalidateQueries({ queryKey })));
      notify(t('risks.measureCreated'));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={520} gap="xs">
        <TextInput
          id="measure-title"
          label={t('risks.measureTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          error={error}
        />
        <TextInput
          id="measure-dueOn"
          type="date"
          label={t('risks.measureDue')}
          value={dueOn}
          onChange={(e) => setDueOn(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" variant="default">
            {t('risks.createMeasure')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RiskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useRecord(riskKeys.risks, risksApi.get, id);
  const mayMeasure = usePermission('measure', 'create');
  const data = query.data?.data;
  useDocumentTitle(data ? `${t('risks.risk')}: ${data.title ?? t('risks.masked')}` : t('risks.risk'));
  return (
    <Loaded query={query} title={t('risks.risk')}>
      {({ data: r, etag }) => (
        <>
          <PageHeader title={`${t('risks.risk')}: ${r.title ?? t('risks.masked')}`}>
            {r.allowedActions.includes('update') ? (
              <Button component={Link} to={`/risks/${r.id}/edit`} variant="default">
                {t('risks.edit')}
              </Button>
            ) : null}
          </PageHeader>
          <Approve risk={r} etag={etag} onReload={() => void query.refetch()} />
          <List spacing={4} mb="md" listStyleType="none">
            <List.Item>
              {t('risks.analysis')}:{' '}
              <Anchor component={Link} to={`/risks/analyses/${r.analysisId}`} underline="always">
                {r.analysis.title ?? t('risks.masked')}
              </Anchor>
            </List.Item>
            <List.Item>
              {t('risks.threat')}: {r.threat ?? '–'}
            </List.Item>
            <List.Item>
              {t('risks.vulnerability')}: {r.vulnerability ?? '–'}
            </List.Item>
            <List.Item>
              {t('risks.affectedSystems')}: <SystemLinks risk={r} />
            </List.Item>
            <List.Item>
              {t('risks.affectedAssets')}: <AssetLinks risk={r} />
            </List.Item>
            <List.Item>
              {t('risks.affectedUnits')}: {r.units.map((s) => s.name).join(', ') || '–'}
            </List.Item>
            <List.Item>
              {t('risks.inherent')}: <LevelBadge score={r.inherent} />
            </List.Item>
            <List.Item>
              {t('risks.residual')}: <LevelBadge score={r.residual} />
            </List.Item>
            <List.Item>
              {t('risks.treatment')}: {r.treatment ? t(`risks.treatments.${r.treatment}`) : '–'}{' '}
              {r.treatmentNote ? `– ${r.treatmentNote}` : ''}
            </List.Item>
            <List.Item>
              {t('risks.owner')}: {r.owner?.name ?? '–'}
            </List.Item>
            <List.Item>
              {t('risks.statusLabel')}: {t(`risks.riskStatus.${r.status}`)}
            </List.Item>
          </List>
          <Title order={2} mb="xs">
            {t('risks.measures')}
          </Title>
          {r.measures.length ? (
            <List mb="sm">
              {r.measures.map((m) => (
                <List.Item key={m.id}>
                  <Anchor component={Link} to={`/measures/${m.id}`} underline="always">
                    {m.title ?? t('risks.masked')}
                  </Anchor>{' '}
                  ({t(`risks.measureStatus.${m.status}`, { defaultValue: m.status })})
                </List.Item>
              ))}
            </List>
          ) : (
            <Text mb="sm">{t('risks.noMeasures')}</Text>
          )}
          {mayMeasure && !r.archived ? <NewMeasure risk={r} /> : null}
          <HistoryTab path="risks" id={r.id} masked={r.masked} />
        </>
      )}
    </Loaded>
  );
}
