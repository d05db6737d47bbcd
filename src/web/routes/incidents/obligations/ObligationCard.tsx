import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../parts.js';
import type { Obligation } from './api.js';
import { formatDue, timeLeft } from './clock.js';
import { DraftSection } from './DraftSection.js';
import { ObligationForm } from './ObligationForm.js';

type State = 'submitted' | 'notApplicable' | 'overdue' | 'unassessed' | 'open';

function stateOf(o: Obligation): State {
  if (o.submittedAt) return 'submitted';
  if (o.applies === 'no') return 'notApplicable';
  if (o.overdue) return 'overdue';
  return o.applies === 'unassessed' ? 'unassessed' : 'open';
}

// The state is written out in the badge; the colour only repeats it.
const stateColor: Record<State, string> = { submitted: 'teal', notApplicable: 'gray', overdue: 'red', unassessed: 'orange', open: 'blue' };

const siteOf = (link: string) => {
  try {
    return new URL(link).host;
  } catch {
    return link;
  }
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text>
      <Text span fw={700}>
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}

interface Props {
  incidentId: string;
  obligation: Obligation;
  canUpdate: boolean;
  highlight: boolean;
  now: Date;
}

/** One reporting regime on one incident: recipient, legal basis, the clock, what was sent, the draft. */
export function ObligationCard({ incidentId, obligation: o, canUpdate, highlight, now }: Props) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const state = stateOf(o);
  const titleId = `obligation-${o.code}-title`;
  const formId = `obligation-${o.code}-form`;
  const toggleId = `obligation-${o.code}-toggle`;
  // the form closes after a save or a cancel: the keyboard goes back to the button that opened it
  const closeForm = () => {
    setEditing(false);
    requestAnimationFrame(() => document.getElementById(toggleId)?.focus());
  };
  const due = formatDue(o.dueAt, i18n.language, now);
  return (
    <Card
      withBorder
      component="article"
      aria-labelledby={titleId}
      padding="md"
      style={highlight ? { borderColor: 'var(--mantine-color-orange-8)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={3} size="h4" id={titleId}>
          {o.regime.name}
        </Title>
        <Group gap="xs">
          {highlight ? (
            <Badge color="orange" variant="light" c="dark.9" tt="none">
              {t('obligations.card.personalData')}
            </Badge>
          ) : null}
          <Badge color={stateColor[state]} variant="light" c="dark.9" tt="none">
            {t(`obligations.state.${state}`)}
          </Badge>
        </Group>
      </Group>
      <Stack gap={4}>
        <Row label={t('obligations.card.recipient')}>{o.regime.recipient}</Row>
        <Row label={t('obligations.card.legalBasis')}>{o.regime.legalBasis}</Row>
        <Row label={t('obligations.card.deadline')}>
          {state === 'submitted' || state === 'notApplicable'
            ? t('obligations.card.dueAt', { when: due })
            : t('obligations.card.dueLeft', { when: due, left: timeLeft(t, o.dueAt, now) })}
          {o.localTarget ? ` ${t('obligations.card.localTarget')}` : ''}
        </Row>
        {o.applies === 'no' ? <Row label={t('obligations.card.notApplicableReason')}>{o.appliesReason ?? '–'}</Row> : null}
        {o.applies === 'yes' && o.appliesReason ? <Row label={t('obligations.card.assessment')}>{o.appliesReason}</Row> : null}
        {o.submittedAt ? (
          <Row label={t('obligations.card.submitted')}>
            {formatDateTime(o.submittedAt, i18n.language)} – {o.late ? t('obligations.card.afterDeadline') : t('obligations.card.inTime')}
          </Row>
        ) : null}
        {o.reference ? <Row label={t('obligations.card.reference')}>{o.reference}</Row> : null}
        {o.lateReason ? <Row label={t('obligations.card.lateReason')}>{o.lateReason}</Row> : null}
        {o.regime.note ? (
          <Text size="sm" c="dimmed">
            {o.regime.note}
          </Text>
        ) : null}
        {o.regime.link ? (
          <Anchor href={o.regime.link} target="_blank" rel="noopener noreferrer" size="sm">
            {t('obligations.card.link', { site: siteOf(o.regime.link) })}
          </Anchor>
        ) : null}
      </Stack>
      <Group mt="sm" gap="sm">
        {canUpdate ? (
          <Button id={toggleId} variant="default" aria-expanded={editing} aria-controls={formId} onClick={() => setEditing((v) => !v)}>
            {editing ? t('obligations.card.closeForm') : t('obligations.card.openForm')}
          </Button>
        ) : null}
      </Group>
      {canUpdate ? (
        <div id={formId}>{editing ? <ObligationForm incidentId={incidentId} obligation={o} onDone={closeForm} /> : null}</div>
      ) : null}
      <DraftSection incidentId={incidentId} obligation={o} canUpdate={canUpdate} />
    </Card>
  );
}
