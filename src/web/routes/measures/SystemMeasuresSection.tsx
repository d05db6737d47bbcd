import { Anchor, Button, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../auth/session.js';
import { riskKeys, risksApi } from '../risks/api.js';
import { LevelBadge } from '../risks/parts.js';
import { measureKeys, measuresApi } from './api.js';
import { DueText } from './parts.js';

/** "Åtgärder och risker" on a system's page: its open measures and open risks, each part for those who may read it. */
export function SystemMeasuresSection({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const mayMeasures = usePermission('measure');
  const mayRisks = usePermission('risk');
  const measures = useQuery({
    queryKey: [...measureKeys.all, 'for-system', systemId],
    queryFn: () => measuresApi.list({ systemId, status: ['proposed', 'planned', 'in_progress'], limit: 50 }),
    enabled: mayMeasures,
  });
  const risks = useQuery({
    queryKey: [...riskKeys.risks, 'for-system', systemId],
    queryFn: () => risksApi.list({ systemId, status: 'open', limit: 50 }),
    enabled: mayRisks,
  });
  if (!mayMeasures && !mayRisks) return null;
  return (
    <section aria-labelledby="system-measures-risks">
      <Title order={2} mt="xl" mb="sm" id="system-measures-risks">
        {t('measures.systemSection.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        {mayMeasures ? (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('measures.systemSection.measures')}
            </Title>
            {measures.isError ? <Text>{t('measures.systemSection.failed')}</Text> : null}
            {measures.isSuccess && measures.data.items.length === 0 ? <Text>{t('measures.systemSection.noMeasures')}</Text> : null}
            {measures.data?.items.length ? (
              <List spacing="xs">
                {measures.data.items.map((m) => (
                  <List.Item key={m.id}>
                    <Anchor component={Link} to={`/measures/${m.id}`} underline="always">
                      {m.title ?? t('measures.secretTitle')}
                    </Anchor>{' '}
                    ({t(`measures.status.${m.status}`)})
                    <DueText m={m} />
                  </List.Item>
                ))}
              </List>
            ) : null}
            <Group mt="xs">
              <Button component={Link} to={`/measures?systemId=${systemId}`} variant="default" size="xs">
                {t('measures.systemSection.allMeasures')}
              </Button>
            </Group>
          </div>
        ) : null}
        {mayRisks ? (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('measures.systemSection.risks')}
            </Title>
            {risks.isError ? <Text>{t('measures.systemSection.failed')}</Text> : null}
            {risks.isSuccess && risks.data.items.length === 0 ? <Text>{t('measures.systemSection.noRisks')}</Text> : null}
            {risks.data?.items.length ? (
              <List spacing="xs">
                {risks.data.items.map((r) => (
                  <List.Item key={r.id}>
                    <Anchor component={Link} to={`/risks/${r.id}`} underline="always">
                      {r.title ?? t('risks.masked')}
                    </Anchor>{' '}
                    <LevelBadge score={r.residual ?? r.inherent} />
                  </List.Item>
                ))}
              </List>
            ) : null}
            <Group mt="xs">
              <Button component={Link} to={`/risks/list?systemId=${systemId}`} variant="default" size="xs">
                {t('measures.systemSection.allRisks')}
              </Button>
            </Group>
          </div>
        ) : null}
      </SimpleGrid>
    </section>
  );
}
