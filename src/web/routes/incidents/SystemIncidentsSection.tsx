import { Anchor, Box, List, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MaskedName } from '../../components/Secrecy.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { usePermission } from '../auth/session.js';
import { incidentKeys, incidentsApi } from './api.js';
import { formatDateTime, StatusBadge } from './parts.js';

/** On a system's page: its latest incidents, for those who may read the register. */
export function SystemIncidentsSection({ systemId }: { systemId: string }) {
  const { t, i18n } = useTranslation();
  const mayRead = usePermission('incident');
  // under the list key (a change to an incident refreshes it) but apart from the register's paged lists
  const list = useQuery({
    queryKey: [...incidentKeys.list, 'system', systemId],
    queryFn: () => incidentsApi.list({ systemId, limit: 10 }),
    enabled: mayRead,
  });
  if (!mayRead) return null;
  return (
    <Box component="section" aria-labelledby="system-incidents-heading" mt="xl" maw={900}>
      <Title order={2} id="system-incidents-heading" mb="xs">
        {t('incidents.system.title')}
      </Title>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.items.length === 0 ? <EmptyState text={t('incidents.system.empty')} /> : null}
      {list.data?.items.length ? (
        <List spacing={4}>
          {list.data.items.map((r) => (
            <List.Item key={r.id}>
              <Anchor component={Link} to={`/incidents/${r.id}`} underline="always">
                {r.reference}
              </Anchor>{' '}
              {r.masked ? <MaskedName /> : r.title}{' '}
              <Text span size="sm" c="dimmed">
                {formatDateTime(r.awareAt, i18n.language)}
              </Text>{' '}
              <StatusBadge status={r.status} />
            </List.Item>
          ))}
        </List>
      ) : null}
      <Anchor component={Link} to={`/incidents?systemId=${systemId}`} mt="xs" display="inline-block" underline="always">
        {t('incidents.system.all')}
      </Anchor>
    </Box>
  );
}
