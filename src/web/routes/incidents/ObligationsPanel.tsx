import { useEffect, useState } from 'react';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/States.js';
import { GDPR_CODES, type Obligation } from './obligations/api.js';
import { formatDue, timeLeft } from './obligations/clock.js';
import { ObligationCard } from './obligations/ObligationCard.js';

export type { Obligation };

interface Props {
  incidentId: string;
  obligations: Obligation[];
  canUpdate: boolean;
  personalData: 'yes' | 'no' | 'unknown';
}

/** The clock moves on while the page is open: the time left is re-read every minute. */
function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** D1-37 on the incident page: which reports are due to whom and when, one card per reporting regime. */
export function ObligationsPanel({ incidentId, obligations, canUpdate, personalData }: Props) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const art33 = obligations.find((o) => o.code === 'gdpr-art33');
  const gdprOpen = art33 && art33.applies !== 'no' && !art33.submittedAt;
  return (
    <section aria-labelledby="obligations-heading">
      <Title order={2} mt="xl" mb="sm" id="obligations-heading">
        {t('obligations.panel.heading')}
      </Title>
      <Text mb="sm">{t('obligations.panel.intro')}</Text>
      {personalData === 'yes' && art33 && gdprOpen ? (
        <Alert
          color="orange"
          variant="light"
          c="dark.9"
          styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}
          title={t('obligations.panel.gdprTitle')}
          mb="md"
        >
          <Text>
            {t('obligations.panel.gdprText', {
              recipient: art33.regime.recipient,
              when: formatDue(art33.dueAt, i18n.language, now),
              left: timeLeft(t, art33.dueAt, now),
            })}
          </Text>
        </Alert>
      ) : null}
      {obligations.length === 0 ? (
        <EmptyState text={t('obligations.panel.empty')} />
      ) : (
        <Stack gap="md">
          {obligations.map((o) => (
            <ObligationCard
              key={o.code}
              incidentId={incidentId}
              obligation={o}
              canUpdate={canUpdate}
              highlight={personalData === 'yes' && GDPR_CODES.includes(o.code)}
              now={now}
            />
          ))}
        </Stack>
      )}
    </section>
  );
}
