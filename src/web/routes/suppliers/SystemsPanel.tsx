import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useSystemOptions } from '../../components/options.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert, useErrorDetail } from '../../components/States.js';
import { orNull } from '../continuity/parts.js';
import { linksApi, registerKeys, type SupplierLink } from './api.js';

type Editing = { link?: SupplierLink } | null;

function LinkForm({ supplierId, link, linked, onDone }: { supplierId: string; link?: SupplierLink; linked: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('link', ['systemId', 'note']);
  const systems = useSystemOptions({ enabled: !link });
  const [systemId, setSystemId] = useState(link?.systemId ?? '');
  const [flags, setFlags] = useState({
    delivers: link?.delivers ?? false,
    worksIn: link?.worksIn ?? true,
    administersOwnUsers: link?.administersOwnUsers ?? false,
  });
  const [note, setNote] = useState(link?.note ?? '');
  const l = (k: string) => t(`supplierRegister.systems.${k}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await linksApi.put(supplierId, systemId, { ...flags, note: orNull(note) });
      await client.invalidateQueries({ queryKey: registerKeys.links(supplierId) });
      notify(l('saved'));
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SubmitAlert error={error} />
        {link ? (
          <Text fw={600}>{link.name ?? l('masked')}</Text>
        ) : (
          <NativeSelect
            id="link-systemId"
            label={requiredLabel(t, l('system'))}
            required
            value={systemId}
            error={errorFor('systemId')}
            onChange={(e) => setSystemId(e.currentTarget.value)}
            data={[{ value: '', label: l('choose') }, ...systems.options.filter((o) => !linked.includes(o.value))]}
          />
        )}
        {(['worksIn', 'delivers', 'administersOwnUsers'] as const).map((k) => (
          <Checkbox
            key={k}
            id={`link-${k}`}
            label={l(k)}
            checked={flags[k]}
            onChange={(e) => setFlags({ ...flags, [k]: e.currentTarget.checked })}
          />
        ))}
        <TextInput
          id="link-note"
          label={l('note')}
          value={note}
          error={errorFor('note')}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={!systemId}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** D0-01, D3-26: the systems the supplier works in or delivers; the municipality links them. */
export function SystemsPanel({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorDetail = useErrorDetail();
  const [editing, setEditing] = useState<Editing>(null);
  const [unlinking, setUnlinking] = useState<SupplierLink | null>(null);
  const [unlinkError, setUnlinkError] = useState<string | null>(null);
  const query = useQuery({ queryKey: registerKeys.links(supplierId), queryFn: () => linksApi.list(supplierId) });
  const l = (k: string, o?: Record<string, unknown>) => t(`supplierRegister.systems.${k}`, o ?? {});
  const items = query.data?.items ?? [];
  const mayChange = query.data?.mayChange ?? false;
  const unlink = async () => {
    if (!unlinking) return;
    try {
      await linksApi.remove(supplierId, unlinking.systemId);
      await client.invalidateQueries({ queryKey: registerKeys.links(supplierId) });
      setUnlinking(null);
      notify(l('unlinked'));
    } catch (e) {
      setUnlinkError(errorDetail(e).title);
    }
  };
  const yes = (v: boolean) => (v ? t('supplierRegister.profile.yes') : t('supplierRegister.profile.no'));
  return (
    <section aria-labelledby="supplier-systems">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="supplier-systems">
          {l('heading')}
        </Title>
        {mayChange ? <Button onClick={() => setEditing({})}>{l('link')}</Button> : null}
      </Group>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && items.length === 0 ? <Text>{l('empty')}</Text> : null}
      {items.length ? (
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <VisuallyHidden component="caption">{l('heading')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{l('system')}</Table.Th>
                <Table.Th>{l('worksIn')}</Table.Th>
                <Table.Th>{l('delivers')}</Table.Th>
                <Table.Th>{l('administersOwnUsers')}</Table.Th>
                <Table.Th>{l('note')}</Table.Th>
                {mayChange ? (
                  <Table.Th>
                    <VisuallyHidden>{l('actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => {
                const name = s.name ?? l('masked');
                return (
                  <Table.Tr key={s.systemId}>
                    <Table.Td>
                      {name}{' '}
                      {s.critical ? (
                        <Badge variant="light" color="red" c="dark.9" tt="none">
                          {l('critical')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{yes(s.worksIn)}</Table.Td>
                    <Table.Td>{yes(s.delivers)}</Table.Td>
                    <Table.Td>{yes(s.administersOwnUsers)}</Table.Td>
                    <Table.Td>{s.note}</Table.Td>
                    {mayChange ? (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button variant="default" size="xs" onClick={() => setEditing({ link: s })} aria-label={l('editLabel', { name })}>
                            {t('common.edit')}
                          </Button>
                          <Button
                            variant="default"
                            color="red"
                            size="xs"
                            onClick={() => setUnlinking(s)}
                            aria-label={l('unlinkLabel', { name })}
                          >
                            {l('unlink')}
                          </Button>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.link ? l('editTitle') : l('linkTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? (
          <LinkForm supplierId={supplierId} link={editing.link} linked={items.map((i) => i.systemId)} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
      <Modal
        opened={unlinking !== null}
        onClose={() => {
          setUnlinking(null);
          setUnlinkError(null);
        }}
        title={l('unlinkTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {unlinkError ? (
          <Alert color="red" role="alert" mb="sm">
            {unlinkError}
          </Alert>
        ) : null}
        <Text>{l('unlinkBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setUnlinking(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void unlink()}>
            {l('unlink')}
          </Button>
        </Group>
      </Modal>
    </section>
  );
}
