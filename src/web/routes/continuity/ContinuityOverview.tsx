import { Alert, Anchor, Badge, Button, Group, List, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { continuityApi, continuityKeys, type Overview } from './api.js';
import { StateBadge, formatOutage } from './parts.js';

/** /continuity: the D1-25 gap report over the critical systems, with the suppliers' routines (D0-26). */
export function ContinuityOverview() {
  const { t } = useTranslation();
  useDocumentTitle(t('continuity.overview.title'));
  const query = useQuery({ queryKey: continuityKeys.overview, queryFn: continuityApi.overview });
  const mayExercises = usePermission('exercise');
  const mayOrder = usePermission('restore-priority');
  return (
    <Loaded query={query} title={t('continuity.overview.title')}>
      {(o) => (
        <>
          <PageHeader title={t('continuity.overview.title')}>
            {mayOrder ? (
              <Button component={Link} to="/continuity/restore-priority" variant="default">
                {t('continuity.nav.restorePriority')}
              </Button>
            ) : null}
            {mayExercises ? (
              <Button component={Link} to="/continuity/exercises" variant="default">
                {t('continuity.nav.exercises')}
              </Button>
            ) : null}
          </PageHeader>
          <Text mb="md">{t('continuity.overview.intro')}</Text>
          <Notices o={o} />
          <Title order={2} mt="lg" mb="sm">
            {t('continuity.overview.systemsHeading')}
          </Title>
          {o.systems.length === 0 ? <EmptyState text={t('continuity.overview.noSystems')} /> : <SystemsTable o={o} />}
          {o.suppliers.length ? <SuppliersTable o={o} /> : null}
        </>
      )}
    </Loaded>
  );
}

function Notices({ o }: { o: Overview }) {
  const { t, i18n } = useTranslation();
  const gaps = o.systems.filter((s) => s.gaps.length > 0).length;
  return (
    <List spacing={4} mb="md">
      <List.Item>{t('continuity.overview.gapCount', { count: gaps, total: o.systems.length })}</List.Item>
      <List.Item>
        {o.restorePriority
          ? t('continuity.overview.orderDecided', {
              date: formatDate(o.restorePriority.decidedOn, i18n.language),
              dnr: o.restorePriority.dnr,
            })
          : t('continuity.overview.noOrder')}
      </List.Item>
      <List.Item>
        {o.incidentHandling.overdue ? (
          <Alert color="red" p="xs" role="note">
            {o.incidentHandling.lastExerciseOn
              ? t('continuity.overview.incidentExerciseOld', { date: formatDate(o.incidentHandling.lastExerciseOn, i18n.language) })
              : t('continuity.overview.incidentExerciseNone')}
          </Alert>
        ) : (
          t('continuity.overview.incidentExerciseOk', { date: formatDate(o.incidentHandling.lastExerciseOn, i18n.language) })
        )}
      </List.Item>
    </List>
  );
}

function SystemsTable({ o }: { o: Overview }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped>
        <VisuallyHidden component="caption">{t('continuity.overview.systemsCaption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('continuity.overview.rank')}</Table.Th>
            <Table.Th scope="col">{t('continuity.overview.system')}</Table.Th>
            <Table.Th scope="col">{t('continuity.fields.acceptedOutage')}</Table.Th>
            <Table.Th scope="col">{t('continuity.overview.plan')}</Table.Th>
            <Table.Th scope="col">{t('continuity.overview.restorePlan')}</Table.Th>
            <Table.Th scope="col">{t('continuity.overview.exercise')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {o.systems.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.restoreRank ?? t('continuity.overview.unranked')}</Table.Td>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/systems/${s.id}`}>
                  {s.name ?? t('secrecy.maskedSystem')}
                </Anchor>
                <Text size="xs">{s.unit.name}</Text>
              </Table.Th>
              <Table.Td>
                <StateBadge
                  ok={s.outageDecided}
                  okText={formatOutage(t, s.acceptedOutageMinutes) ?? t('continuity.overview.decided')}
                  gapText={t('continuity.overview.notDecided')}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StateBadge
                    ok={s.planImplemented}
                    okText={t('continuity.overview.implemented')}
                    gapText={s.planDocumented ? t('continuity.overview.notImplemented') : t('continuity.overview.missing')}
                  />
                  {s.reviewOverdue ? (
                    <Badge variant="light" color="red" c="dark.9" tt="none">
                      {t('continuity.documents.reviewOverdue')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <StateBadge ok={s.restorePlan} okText={t('continuity.overview.present')} gapText={t('continuity.overview.missing')} />
              </Table.Td>
              <Table.Td>
                <StateBadge
                  ok={!s.exerciseOverdue}
                  okText={formatDate(s.lastExerciseOn, i18n.language) ?? ''}
                  gapText={
                    s.lastExerciseOn
                      ? t('continuity.overview.exerciseOld', { date: formatDate(s.lastExerciseOn, i18n.language) })
                      : t('continuity.overview.neverExercised')
                  }
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SuppliersTable({ o }: { o: Overview }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={2} mt="xl" mb="sm">
        {t('continuity.overview.suppliersHeading')}
      </Title>
      <Table.ScrollContainer minWidth={600} type="native">
        <Table striped>
          <VisuallyHidden component="caption">{t('continuity.overview.suppliersCaption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('continuity.overview.supplier')}</Table.Th>
              <Table.Th scope="col">{t('continuity.overview.routines')}</Table.Th>
              <Table.Th scope="col">{t('continuity.overview.scenarios')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.suppliers.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/suppliers/${s.id}`}>
                    {s.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{s.routines}</Table.Td>
                <Table.Td>
                  <StateBadge
                    ok={!s.gap}
                    okText={t('continuity.overview.allScenarios')}
                    gapText={
                      s.routines === 0
                        ? t('continuity.overview.noRoutine')
                        : t('continuity.scenarios.missing', {
                            list: s.missingScenarios.map((x) => t(`continuity.scenarios.${x}`)).join(', '),
                          })
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
