import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { commsKeys, statusApi, type Disruption } from './comms-api.js';
import { formatDateTime } from './format.js';

/** /status: the internal status page (D1-40). Systems, the status line and since when; no incident content. */
export function StatusPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidentComms.status.title'));
  // Refreshed when the window gets focus again, not on a timer: a timer would keep an unattended
  // session alive past its idle limit.
  const query = useQuery({ queryKey: commsKeys.status, queryFn: () => statusApi.disruptions(), refetchOnWindowFocus: 'always' });
  return (
    <>
      <PageHeader title={t('incidentComms.status.title')} />
      <Text mb="md">{t('incidentComms.status.intro')}</Text>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState text={t('incidentComms.status.empty')} />
      ) : (
        <Stack component="ul" gap="md" p={0} maw={760} style={{ listStyle: 'none' }}>
          {query.data.items.map((d, i) => (
            <DisruptionCard key={`${d.since}-${i}`} d={d} index={i} />
          ))}
        </Stack>
      )}
    </>
  );
}

function DisruptionCard({ d, index }: { d: Disruption; index: number }) {
  const { t, i18n } = useTranslation();
  const names = d.systems.map((s) => s.name);
  const systems =
    names.length === 0 && d.otherSystems === 0
      ? t('incidentComms.status.noSystems')
      : [names.join(', '), d.otherSystems ? t('incidentComms.status.otherSystems', { count: d.otherSystems }) : '']
          .filter(Boolean)
          .join(' ');
  const headingId = `disruption-${index}`;
  return (
    <Card component="li" withBorder padding="md" aria-labelledby={headingId}>
      <Group gap="sm" mb="xs">
        <Badge color={d.kind === 'outage' ? 'red' : 'orange'} variant="light">
          {t(`incidentComms.incidentType.${d.kind}`)}
        </Badge>
        <Text size="sm">{t('incidentComms.status.since', { time: formatDateTime(d.since, i18n.language) })}</Text>
      </Group>
      <Title order={2} size="h3" id={headingId}>
        {systems}
      </Title>
      {d.publicStatus ? (
        <Text mt="xs" style={{ whiteSpace: 'pre-line' }}>
          {d.publicStatus}
        </Text>
      ) : null}
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed">
          {t('incidentComms.status.updated', { time: formatDateTime(d.updatedAt, i18n.language) })}
        </Text>
        {d.incidentId ? (
          <Anchor component={Link} to={`/incidents/${d.incidentId}`} underline="always">
            {t('incidentComms.status.open')}
          </Anchor>
        ) : null}
      </Group>
    </Card>
  );
}
