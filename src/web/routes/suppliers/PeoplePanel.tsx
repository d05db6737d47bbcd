import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, useErrorText } from '../../components/States.js';
import { peopleApi, registerKeys, type SupplierPerson } from './api.js';
import { PersonForm } from './PersonForm.js';

type Editing = { person?: SupplierPerson; etag?: string } | null;

/** The supplier's authorised orderers (D0-11), super users (D3-29), key persons and contacts. */
export function PeoplePanel({ supplierId, mayChange }: { supplierId: string; mayChange: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const query = useQuery({ queryKey: [...registerKeys.people(supplierId), archived], queryFn: () => peopleApi.list(supplierId, archived) });
  const l = (k: string, o?: Record<string, unknown>) => t(`supplierRegister.people.${k}`, o ?? {});
  const date = (v: string | null) => formatDate(v, i18n.language) ?? '–';
  const open = async (p: SupplierPerson) => {
    try {
      const fresh = await peopleApi.get(p.id);
      setEditing({ person: fresh.data, etag: fresh.etag });
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
  const act = async (p: SupplierPerson, call: (id: string, etag: string) => Promise<unknown>) => {
    const fresh = await peopleApi.get(p.id);
    await call(p.id, fresh.etag);
    await client.invalidateQueries({ queryKey: ['suppliers'] });
  };
  const items = query.data?.items ?? [];
  return (
    <section aria-labelledby="supplier-people">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="supplier-people">
          {l('heading')}
        </Title>
        {mayChange ? <Button onClick={() => setEditing({})}>{l('add')}</Button> : null}
      </Group>
      <Checkbox label={l('showArchived')} checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} mb="sm" />
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && items.length === 0 ? <Text>{l('empty')}</Text> : null}
      {items.length ? (
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                {['kind', 'name', 'email', 'phone', 'validFrom', 'validTo', 'active'].map((k) => (
                  <Table.Th key={k}>{l(k)}</Table.Th>
                ))}
                <Table.Th>
                  <VisuallyHidden>{l('actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{l(`kinds.${p.kind}`)}</Table.Td>
                  <Table.Td>
                    {p.name}
                    {p.title ? <Text size="sm">{p.title}</Text> : null}
                  </Table.Td>
                  <Table.Td>{p.email}</Table.Td>
                  <Table.Td>{p.phone}</Table.Td>
                  <Table.Td>{date(p.validFrom)}</Table.Td>
                  <Table.Td>{date(p.validTo)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={p.active ? 'green' : 'gray'} c="dark.9" tt="none">
                      {p.active ? l('active') : l('inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {p.allowedActions.includes('update') ? (
                        <Button variant="default" size="xs" onClick={() => void open(p)} aria-label={l('editLabel', { name: p.name })}>
                          {t('common.edit')}
                        </Button>
                      ) : null}
                      <ArchiveControls
                        allowed={p.allowedActions}
                        archived={p.archived}
                        confirmTitle={l('archiveTitle')}
                        confirmBody={l('archiveBody')}
                        archivedNotice={l('archived')}
                        restoredNotice={l('restored')}
                        archiveLabel={l('archiveLabel', { name: p.name })}
                        restoreLabel={l('restoreLabel', { name: p.name })}
                        onArchive={() => act(p, peopleApi.archive)}
                        onRestore={() => act(p, peopleApi.restore)}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing?.person ? l('editTitle') : l('addTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? (
          <PersonForm supplierId={supplierId} person={editing.person} etag={editing.etag} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
    </section>
  );
}
