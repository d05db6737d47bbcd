import { useState } from 'react';
import { Button, Group, Modal, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArchivedSwitch } from '../../components/ArchivedSwitch.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { incidentSettingsKeys, routesApi } from './api.js';
import { RouteForm } from './RouteForm.js';
import { RoutesTable } from './RoutesTable.js';
import { RowActions, rowTexts } from './RowActions.js';

/** The reporting routes (D1-35) with add, edit, archive and restore: "the first matching route applies". */
export function RoutesTab({ mayCreate }: { mayCreate: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [showArchived, setShowArchived] = useState(false);
  const [adding, setAdding] = useState(false);
  const routes = useQuery({ queryKey: [...incidentSettingsKeys.routes, showArchived], queryFn: () => routesApi.list(showArchived) });
  const refresh = () => client.invalidateQueries({ queryKey: incidentSettingsKeys.routes });
  return (
    <section aria-labelledby="routes-heading">
      <Title order={2} id="routes-heading" tabIndex={-1} mb="sm">
        {t('incidentSettings.routes.heading')}
      </Title>
      <Text mb="sm" maw={760}>
        {t('incidentSettings.routes.intro')}
      </Text>
      <Group justify="space-between" mb="sm">
        <ArchivedSwitch id="routes-archived" checked={showArchived} onChange={setShowArchived} />
        {mayCreate ? <Button onClick={() => setAdding(true)}>{t('incidentSettings.routes.add')}</Button> : null}
      </Group>
      {routes.isPending ? (
        <Loading />
      ) : routes.isError ? (
        <ErrorState error={routes.error} onRetry={() => void routes.refetch()} />
      ) : routes.data.items.length === 0 ? (
        <EmptyState text={t('incidentSettings.routes.empty')} />
      ) : (
        <RoutesTable
          routes={routes.data.items}
          manage={(r) => (
            <RowActions
              archived={r.archived}
              allowed={r.allowedActions}
              texts={rowTexts(t, 'incidentSettings.routes', r.name)}
              focusAfter="routes-heading"
              form={(done) => <RouteForm route={r} onDone={done} />}
              onArchive={async () => {
                await routesApi.archive(r.id, `"v${r.version}"`);
                await refresh();
                notify(t('incidentSettings.routes.archived'));
              }}
              onRestore={async () => {
                await routesApi.restore(r.id, `"v${r.version}"`);
                await refresh();
                notify(t('incidentSettings.routes.restored'));
              }}
            />
          )}
        />
      )}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('incidentSettings.routes.addTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {adding ? <RouteForm onDone={() => setAdding(false)} /> : null}
      </Modal>
    </section>
  );
}
