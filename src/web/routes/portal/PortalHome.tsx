import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrapTagged } from '../../api/client.js';
import { suppliersApi } from '../../api/resources.js';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { Loaded, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { changeNoticeKeys, portalApi, type PortalHome as Home } from '../change-notices/api.js';

type Organisation = Home['organisations'][number];

/** /portal: a supplier user's home page with the organisation's to-dos (issue 7, D0-06, D0-11, D0-30). */
export function PortalHome() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.title'));
  const query = useQuery({ queryKey: changeNoticeKeys.portal, queryFn: portalApi.home });
  return (
    <Loaded query={query} title={t('portal.title')}>
      {(home) => (
        <>
          <Title order={1}>{t('portal.title')}</Title>
          {home.organisations.length === 0 ? (
            <Text mt="md">{t('portal.notSupplier')}</Text>
          ) : (
            <>
              <Text mt="xs" mb="lg">
                {t('portal.intro')}
              </Text>
              {home.organisations.map((o) => (
                <OrganisationTodos key={o.supplier.id} org={o} />
              ))}
            </>
          )}
          <Card withBorder mt="lg" maw={520} component="section" aria-labelledby="portal-incidents">
            <Title order={2} size="h4" id="portal-incidents">
              {t('portal.incidents.title')}
            </Title>
            <Text mt="xs">{t('portal.incidents.open', { open: home.myIncidents.open, total: home.myIncidents.total })}</Text>
            <Group mt="sm">
              <Anchor component={Link} to="/incidents/mine">
                {t('portal.incidents.link')}
              </Anchor>
              <Anchor component={Link} to="/incidents/report">
                {t('portal.incidents.report')}
              </Anchor>
            </Group>
          </Card>
        </>
      )}
    </Loaded>
  );
}

function OrganisationTodos({ org }: { org: Organisation }) {
  const { t, i18n } = useTranslation();
  const counter = (titleKey: string, count: number | null, to: string, linkKey: string) =>
    count === null ? null : (
      <Card withBorder component="section" aria-label={t(titleKey)}>
        <Text fw={700}>{t(titleKey)}</Text>
        <Text fz={28} fw={700} aria-hidden="true">
          {count}
        </Text>
        <Anchor component={Link} to={to} mt="xs" aria-label={`${t(linkKey)} (${count})`}>
          {t(linkKey)}
        </Anchor>
      </Card>
    );
  return (
    <section aria-labelledby={`org-${org.supplier.id}`}>
      <Title order={2} id={`org-${org.supplier.id}`}>
        {org.supplier.name}
      </Title>
      <Text size="sm" mb="md">
        {t('portal.roles')}: {org.roles.map((r) => t(`roles.names.${r}`)).join(', ')} ·{' '}
        <Anchor component={Link} to={`/suppliers/${org.supplier.id}`} underline="always">
          {t('portal.profile')}
        </Anchor>
      </Text>
      {org.noticesToAcknowledge !== null ? (
        <Card withBorder mb="md" component="section" aria-labelledby={`notices-${org.supplier.id}`}>
          <Group justify="space-between">
            <Title order={3} size="h4" id={`notices-${org.supplier.id}`}>
              {t('portal.notices.title')} ({org.noticesToAcknowledge})
            </Title>
            <Anchor component={Link} to="/change-notices">
              {t('portal.notices.all')}
            </Anchor>
          </Group>
          {org.pendingNotices.length === 0 ? (
            <Text mt="xs">{t('portal.notices.none')}</Text>
          ) : (
            <List mt="xs" spacing="xs">
              {org.pendingNotices.map((n) => (
                <List.Item key={n.id}>
                  <Anchor component={Link} to={`/change-notices/${n.id}`} underline="always">
                    {n.title}
                  </Anchor>{' '}
                  <Text span size="sm">
                    – {t(`changeNotices.kind.${n.kind}`)}
                    {n.acknowledgeBy ? `, ${t('portal.notices.by', { date: formatDate(n.acknowledgeBy, i18n.language) })}` : ''}
                  </Text>{' '}
                  {n.overdue ? (
                    <Badge color="red.9" variant="outline">
                      {t('portal.notices.overdue')}
                    </Badge>
                  ) : null}
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
        {counter('portal.followUps.title', org.followUpsToAnswer, '/portal/follow-ups', 'portal.followUps.link')}
        {counter('portal.orders.title', org.openAccessOrders, '/access-orders', 'portal.orders.link')}
        {counter('portal.credentials.title', org.activeCredentials, '/credentials', 'portal.credentials.link')}
      </SimpleGrid>
      {org.orderersConfirmation ? <OrderersCard org={org} confirmation={org.orderersConfirmation} /> : null}
      <SupportCard org={org} />
    </section>
  );
}

// D0-32, D3-31: where the organisation's staff turn for help, in the order they should.
function SupportCard({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const { internal, superUsers, systems } = org.support;
  const contact = (c: { name: string | null; phone: string | null; email: string | null }) =>
    [c.name, c.phone, c.email].filter(Boolean).join(', ');
  const id = `support-${org.supplier.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={id} maw={720} mt="md">
      <Title order={3} size="h4" id={id}>
        {t('portal.support.title')}
      </Title>
      <Text mt="xs">{t('portal.support.intro')}</Text>
      <Title order={4} size="h5" mt="sm">
        {t('portal.support.superUsers')}
      </Title>
      {superUsers.length === 0 ? (
        <Text>{t('portal.support.noSuperUsers')}</Text>
      ) : (
        <List>
          {superUsers.map((u) => (
            <List.Item key={`${u.name}-${u.email ?? ''}`}>{contact(u)}</List.Item>
          ))}
        </List>
      )}
      <Title order={4} size="h5" mt="sm">
        {t('portal.support.internal')}
      </Title>
      <Text>{internal ? contact(internal) : t('portal.support.noInternal')}</Text>
      <Title order={4} size="h5" mt="sm">
        {t('portal.support.systems')}
      </Title>
      {systems.length === 0 ? (
        <Text>{t('portal.support.noSystems')}</Text>
      ) : (
        <List>
          {systems.map((s) => (
            <List.Item key={s.name}>
              {s.name}: {s.administrators.length > 0 ? s.administrators.join(', ') : t('portal.support.noAdministrator')}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

// D0-11: the orderers list with its "still correct" confirmation (the register keeps the list).
function OrderersCard({ org, confirmation }: { org: Organisation; confirmation: NonNullable<Organisation['orderersConfirmation']> }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const { etag } = await suppliersApi.get(org.supplier.id);
      await unwrapTagged(
        api.POST('/api/v1/suppliers/{id}/orderers-confirmation', {
          params: { path: { id: org.supplier.id } },
          headers: { 'If-Match': etag },
        }),
      );
      await client.invalidateQueries({ queryKey: changeNoticeKeys.portal });
      notify(t('portal.orderers.confirmed'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby={`orderers-${org.supplier.id}`} maw={720}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={`orderers-${org.supplier.id}`}>
          {t('portal.orderers.title')}
        </Title>
        <Badge color={confirmation.due ? 'red.9' : 'green.9'} variant="outline">
          {confirmation.due ? t('portal.orderers.due') : t('portal.orderers.ok')}
        </Badge>
      </Group>
      <Stack gap={4} mt="xs">
        <Text>{t('portal.orderers.help')}</Text>
        <Text>
          {confirmation.confirmedAt
            ? t('portal.orderers.confirmedOn', { date: formatDate(confirmation.confirmedAt, i18n.language) })
            : t('portal.orderers.never')}{' '}
          {confirmation.dueOn ? t('portal.orderers.dueOn', { date: formatDate(confirmation.dueOn, i18n.language) }) : null}
        </Text>
      </Stack>
      {error ? (
        <Alert color="red" mt="sm" role="alert">
          {errorText(error)}
        </Alert>
      ) : null}
      <Group mt="sm">
        <Anchor component={Link} to={`/suppliers/${org.supplier.id}`}>
          {t('portal.orderers.check')}
        </Anchor>
        {confirmation.canConfirm ? (
          <Button size="sm" variant="outline" loading={busy} onClick={() => void confirm()}>
            {t('portal.orderers.confirm')}
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}
