import { Button, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { incidentSettingsKeys, routesApi } from './api.js';
import { RoutesTable } from './RoutesTable.js';

/** /incidents/routes: the reporting routes as the people who report see them (D1-35), read only. */
export function RoutesView() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidentSettings.routesView.title'));
  const mayReport = usePermission('incident', 'create');
  const routes = useQuery({ queryKey: [...incidentSettingsKeys.routes, false], queryFn: () => routesApi.list(false) });
  return (
    <>
      <PageHeader title={t('incidentSettings.routesView.title')}>
        {mayReport ? (
          <Button component={Link} to="/incidents/report">
            {t('incidentSettings.routesView.report')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={760}>
        {t('incidentSettings.routesView.intro')}
      </Text>
      {routes.isPending ? (
        <Loading />
      ) : routes.isError ? (
        <ErrorState error={routes.error} onRetry={() => void routes.refetch()} />
      ) : routes.data.items.length === 0 ? (
        <EmptyState text={t('incidentSettings.routes.empty')} />
      ) : (
        <RoutesTable routes={routes.data.items} />
      )}
    </>
  );
}
