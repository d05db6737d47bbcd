import type { ReactNode } from 'react';
import { Badge, List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { categoryName, type IncidentRoute } from './api.js';

/** The conditions of one route in words: "Kategori: Nätfiske", … or "Alla" when it has none. */
export function RouteConditions({ route }: { route: IncidentRoute }) {
  const { t, i18n } = useTranslation();
  const parts: string[] = [];
  if (route.category) parts.push(`${t('incidentSettings.routes.category')}: ${categoryName(route.category, i18n.language)}`);
  if (route.system) parts.push(`${t('incidentSettings.routes.system')}: ${route.system.name ?? t('incidentSettings.routes.maskedSystem')}`);
  if (route.minSeverity)
    parts.push(
      `${t('incidentSettings.routes.minSeverity')}: ${t('incidentSettings.routes.atLeast', {
        severity: t(`incidentSettings.severity.${route.minSeverity}`).toLowerCase(),
      })}`,
    );
  if (parts.length === 0) return <Text size="sm">{t('incidentSettings.routes.any')}</Text>;
  return (
    <List size="sm" spacing={2}>
      {parts.map((p) => (
        <List.Item key={p}>{p}</List.Item>
      ))}
    </List>
  );
}

/**
 * The reporting routes in the order they are tried (D1-35), for the settings page and for the people
 * who report. `manage` renders the edit and archive buttons of a row when given.
 */
export function RoutesTable({ routes, manage }: { routes: IncidentRoute[]; manage?: (r: IncidentRoute) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm">
        <Table.Caption>{t('incidentSettings.routes.firstMatch')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('incidentSettings.routes.order')}</Table.Th>
            <Table.Th scope="col">{t('incidentSettings.routes.name')}</Table.Th>
            <Table.Th scope="col">{t('incidentSettings.routes.conditions')}</Table.Th>
            <Table.Th scope="col">{t('incidentSettings.routes.handlingUnit')}</Table.Th>
            <Table.Th scope="col">{t('incidentSettings.routes.notifyUsers')}</Table.Th>
            <Table.Th scope="col">{t('incidentSettings.routes.instructions')}</Table.Th>
            {manage ? <Table.Th scope="col">{t('incidentSettings.routes.manage')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {routes.map((r, index) => (
            <Table.Tr key={r.id}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Th scope="row">
                {r.name}{' '}
                {r.archived ? (
                  <Badge color="gray" variant="outline">
                    {t('common.archived')}
                  </Badge>
                ) : null}
              </Table.Th>
              <Table.Td>
                <RouteConditions route={r} />
              </Table.Td>
              <Table.Td>{r.handlingUnit?.name ?? t('incidentSettings.routes.noUnit')}</Table.Td>
              <Table.Td>
                {r.notifyUsers.length ? r.notifyUsers.map((p) => p.displayName).join(', ') : t('incidentSettings.routes.nobody')}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-line' }}>{r.instructions ?? '–'}</Table.Td>
              {manage ? <Table.Td>{manage(r)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
