import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, List, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { continuityKeys, prioritiesApi, type RestorePriority } from './api.js';
import { DecisionForm, OrderEditor } from './RestorePriorityEditor.js';
import { formatOutage } from './parts.js';

// Printing leaves out the app's frame and the page's controls: the decided order on paper.
const PRINT_CSS = `@media print {
  header, nav, .mantine-AppShell-header, .mantine-AppShell-navbar, .no-print { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; }
}`;

/** /continuity/restore-priority (D1-27): the order in force, the coordinator's draft and management's decision. */
export function RestorePriorityPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('continuity.priority.title'));
  const [params, setParams] = useSearchParams();
  const mayCreate = usePermission('restore-priority', 'create');
  const list = useQuery({ queryKey: continuityKeys.priorities, queryFn: prioritiesApi.list });
  const items = list.data?.items ?? [];
  const chosen = params.get('id') ?? items.find((p) => p.status === 'draft')?.id ?? items.find((p) => p.status === 'decided')?.id;
  const order = useQuery({
    queryKey: [...continuityKeys.priorities, chosen ?? ''],
    queryFn: () => prioritiesApi.get(chosen!),
    enabled: !!chosen,
  });
  return (
    <>
      <style>{PRINT_CSS}</style>
      <PageHeader title={t('continuity.priority.title')}>
        <Button variant="default" className="no-print" onClick={() => window.print()}>
          {t('continuity.priority.print')}
        </Button>
      </PageHeader>
      <Text mb="md" className="no-print">
        {t('continuity.priority.intro')}
      </Text>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <EmptyState text={t('continuity.priority.none')} /> : null}
      {mayCreate && list.isSuccess && !items.some((p) => p.status === 'draft') ? <NewDraft onCreated={(id) => setParams({ id })} /> : null}
      {items.length > 1 ? (
        <nav aria-label={t('continuity.priority.versions')} className="no-print">
          <Title order={2} size="h4" mt="md" mb="xs">
            {t('continuity.priority.versions')}
          </Title>
          <List spacing={4}>
            {items.map((p) => (
              <List.Item key={p.id}>
                <Anchor
                  component={Link}
                  to={`/continuity/restore-priority?id=${p.id}`}
                  aria-current={p.id === chosen ? 'page' : undefined}
                  fw={p.id === chosen ? 700 : undefined}
                  underline="always"
                >
                  {p.title}
                </Anchor>{' '}
                ({t(`continuity.priority.status.${p.status}`)}
                {p.decidedOn ? `, ${formatDate(p.decidedOn, i18n.language)}` : ''})
              </List.Item>
            ))}
          </List>
        </nav>
      ) : null}
      {order.isLoading ? <Loading /> : null}
      {order.isError ? <ErrorState error={order.error} onRetry={() => void order.refetch()} /> : null}
      {order.data ? <OrderView order={order.data.data} etag={order.data.etag} onReload={() => void order.refetch()} /> : null}
      <Group mt="xl" className="no-print">
        <Anchor component={Link} to="/continuity">
          {t('continuity.overview.title')}
        </Anchor>
      </Group>
    </>
  );
}

function OrderView({ order, etag, onReload }: { order: RestorePriority; etag: string; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="priority-order">
      <Title order={2} mt="lg" mb="xs" id="priority-order">
        {order.title}
      </Title>
      <Text mb="sm">
        {t('continuity.priority.statusLabel')}: {t(`continuity.priority.status.${order.status}`)}
      </Text>
      {order.decidedOn ? (
        <Alert color="gray" role="note" mb="md" title={t('continuity.priority.status.decided')}>
          {t('continuity.priority.decidedBanner', {
            date: formatDate(order.decidedOn, i18n.language),
            dnr: order.dnr,
            by: order.decidedBy?.displayName ?? '–',
          })}
          {order.decisionNote ? <Text mt={4}>{order.decisionNote}</Text> : null}
        </Alert>
      ) : null}
      {order.canEdit ? (
        <OrderEditor order={order} etag={etag} onReload={onReload} />
      ) : order.items.length === 0 ? (
        <Text>{t('continuity.priority.empty')}</Text>
      ) : (
        <OrderTable order={order} />
      )}
      {order.unranked.length && order.status === 'decided' ? (
        <Alert color="red" role="note" mt="md" title={t('continuity.priority.unrankedTitle')} className="no-print">
          {order.unranked.map((s) => s.name ?? t('secrecy.maskedSystem')).join(', ')}
        </Alert>
      ) : null}
      {order.canDecide ? <DecisionForm order={order} etag={etag} onReload={onReload} /> : null}
    </section>
  );
}

function OrderTable({ order }: { order: RestorePriority }) {
  const { t } = useTranslation();
  return (
    <Table striped maw={900}>
      <VisuallyHidden component="caption">{t('continuity.priority.caption')}</VisuallyHidden>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('continuity.overview.rank')}</Table.Th>
          <Table.Th scope="col">{t('continuity.overview.system')}</Table.Th>
          <Table.Th scope="col">{t('continuity.priority.unit')}</Table.Th>
          <Table.Th scope="col">{t('continuity.fields.acceptedOutage')}</Table.Th>
          <Table.Th scope="col">{t('continuity.priority.note')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {order.items.map((i) => (
          <Table.Tr key={i.system.id}>
            <Table.Td>{i.rank}</Table.Td>
            <Table.Th scope="row">{i.system.name ?? t('secrecy.maskedSystem')}</Table.Th>
            <Table.Td>{i.system.unit.name}</Table.Td>
            <Table.Td>{formatOutage(t, i.system.acceptedOutageMinutes) ?? t('common.notSet')}</Table.Td>
            <Table.Td>{i.note}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function NewDraft({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [title, setTitle] = useState(t('continuity.priority.defaultTitle', { year: new Date().getFullYear() }));
  const { error, errorFor, busy, run } = useSubmitErrors('new-priority', ['title']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await prioritiesApi.create(title);
      await client.invalidateQueries({ queryKey: continuityKeys.priorities });
      notify(t('continuity.priority.created'));
      onCreated(created.data.id);
    });
  };
  return (
    <form onSubmit={submit} noValidate className="no-print" aria-labelledby="new-priority-heading">
      <Title order={2} size="h4" mt="md" mb="xs" id="new-priority-heading">
        {t('continuity.priority.newTitle')}
      </Title>
      <Stack maw={520} gap="sm">
        <SubmitAlert error={error} />
        <TextInput
          id="new-priority-title"
          label={requiredLabel(t, t('continuity.priority.name'))}
          description={t('continuity.priority.newHelp')}
          required
          value={title}
          error={errorFor('title')}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('continuity.priority.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
