import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DetailFields } from '../../components/RecordDetail.js';
import { formatDate } from '../../components/format.js';
import { MaskedNotice } from '../../components/Secrecy.js';
import { ErrorState, Loading } from '../../components/States.js';
import { usePermission } from '../auth/session.js';
import { continuityApi, continuityKeys, type SystemContinuity } from './api.js';
import { ContinuityForm } from './ContinuityForm.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { StateBadge, formatOutage } from './parts.js';

const SYSTEM_KINDS = ['continuity_plan', 'reserve_routine', 'restore_plan'] as const;

/** "Kontinuitet" on a system's page (D1-25, D1-26, D1-41, D1-42): prominent for a critical system. */
export function ContinuitySection({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const mayRead = usePermission('continuity');
  const [editing, setEditingState] = useState(false);
  // the button and the form take each other's place: the keyboard follows to the form's heading and back
  const setEditing = (on: boolean) => {
    setEditingState(on);
    requestAnimationFrame(() => document.getElementById(on ? 'continuity-form-title' : 'system-continuity-edit')?.focus());
  };
  const query = useQuery({ queryKey: continuityKeys.system(systemId), queryFn: () => continuityApi.get(systemId), enabled: mayRead });
  if (!mayRead) return null;
  const c = query.data?.data;
  const body = (
    <>
      <Title order={2} mb="sm" id="system-continuity">
        {t('continuity.section.title')}
      </Title>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {c ? (
        c.masked ? (
          <MaskedNotice provision={null} />
        ) : (
          <>
            {c.system.critical ? <CriticalSummary c={c} /> : <Text mb="sm">{t('continuity.section.notCritical')}</Text>}
            {editing ? (
              <ContinuityForm
                systemId={systemId}
                continuity={c}
                etag={query.data!.etag}
                onDone={() => setEditing(false)}
                onReload={() => void query.refetch()}
              />
            ) : (
              <>
                <Details c={c} />
                {c.allowedActions.includes('update') ? (
                  <Button id="system-continuity-edit" variant="default" mt="sm" onClick={() => setEditing(true)}>
                    {t('continuity.section.edit')}
                  </Button>
                ) : null}
              </>
            )}
            <DocumentsPanel
              owner={{ systemId }}
              kinds={SYSTEM_KINDS}
              headingId="system-continuity-documents"
              heading={t('continuity.documents.heading')}
              emptyText={t('continuity.documents.empty')}
            />
          </>
        )
      ) : null}
    </>
  );
  // A critical system's continuity is one of the first things to look at during an outage: framed.
  return (
    <section aria-labelledby="system-continuity">
      {c?.system.critical ? (
        <Paper withBorder p="md" mt="xl" radius="md">
          {body}
        </Paper>
      ) : (
        <div style={{ marginTop: 'var(--mantine-spacing-xl)' }}>{body}</div>
      )}
    </section>
  );
}

function CriticalSummary({ c }: { c: SystemContinuity }) {
  const { t, i18n } = useTranslation();
  const outage = formatOutage(t, c.acceptedOutageMinutes);
  return (
    <Alert color={c.exerciseOverdue || !outage ? 'red' : 'gray'} role="note" mb="md" title={t('continuity.section.critical')}>
      <Group gap="xs" mb={4}>
        <StateBadge
          ok={!!outage}
          okText={t('continuity.section.outageSet', { time: outage })}
          gapText={t('continuity.section.outageMissing')}
        />
        <StateBadge
          ok={!c.exerciseOverdue}
          okText={t('continuity.section.exercised', { date: formatDate(c.lastExerciseOn, i18n.language) })}
          gapText={
            c.lastExerciseOn
              ? t('continuity.section.exerciseOverdueSince', { date: formatDate(c.lastExerciseOn, i18n.language) })
              : t('continuity.section.neverExercised')
          }
        />
        <StateBadge
          ok={c.restoreRank !== null}
          okText={t('continuity.section.rank', { rank: c.restoreRank })}
          gapText={t('continuity.section.noRank')}
        />
      </Group>
      <Text size="sm">
        <Anchor component={Link} to="/continuity/exercises/new" underline="always">
          {t('continuity.section.recordExercise')}
        </Anchor>
        {' · '}
        <Anchor component={Link} to="/continuity" underline="always">
          {t('continuity.section.toOverview')}
        </Anchor>
      </Text>
    </Alert>
  );
}

function Details({ c }: { c: SystemContinuity }) {
  const { t, i18n } = useTranslation();
  const decided = [
    c.outageDecidedBy,
    formatDate(c.outageDecidedOn, i18n.language),
    c.outageDnr ? t('continuity.fields.dnrValue', { dnr: c.outageDnr }) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <DetailFields
      rows={[
        [t('continuity.fields.acceptedOutage'), formatOutage(t, c.acceptedOutageMinutes)],
        [t('continuity.fields.outageDecided'), decided],
        [t('continuity.fields.vitalActivity'), c.vitalActivity],
        [
          t('continuity.fields.emergencyProcedure'),
          c.emergencyProcedure ? <Text style={{ whiteSpace: 'pre-wrap' }}>{c.emergencyProcedure}</Text> : null,
        ],
        [t('continuity.fields.dependencySystems'), c.dependencySystems.map((s) => s.name ?? t('secrecy.maskedSystem')).join(', ')],
        [t('continuity.fields.dependencySuppliers'), c.dependencySuppliers.map((s) => s.name ?? '').join(', ')],
        [t('continuity.fields.nextExercise'), formatDate(c.nextExerciseDueOn, i18n.language)],
      ]}
    />
  );
}
