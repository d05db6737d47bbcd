import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { riskKeys, snapshotsApi } from './api.js';

/** The yearly snapshots of the risk picture: take this year's, list, compare two years. */
export function SnapshotsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('risks.snapshots'));
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const mayTake = usePermission('risk', 'create');
  const year = new Date().getFullYear();
  const [confirm, setConfirm] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const list = useQuery({ queryKey: [...riskKeys.all, 'snapshots'], queryFn: snapshotsApi.list });
  const compare = useQuery({
    queryKey: [...riskKeys.all, 'compare', from, to],
    queryFn: () => snapshotsApi.compare(Number(from), Number(to)),
    enabled: !!from && !!to && from !== to,
  });
  const take = async () => {
    setConfirm(false);
    try {
      await snapshotsApi.create(year);
      await client.invalidateQueries({ queryKey: [...riskKeys.all, 'snapshots'] });
      notify(t('risks.snapshotTaken', { year }));
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
  const years = (list.data?.items ?? []).map((s) => ({ value: String(s.year), label: String(s.year) }));
  const choose = { value: '', label: t('risks.choose') };
  return (
    <>
      <PageHeader title={t('risks.snapshots')}>
        {mayTake ? <Button onClick={() => setConfirm(true)}>{t('risks.takeSnapshot', { year })}</Button> : null}
      </PageHeader>
      <Text mb="md" maw={900}>
        {t('risks.snapshotsIntro')}
      </Text>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('risks.confirmSnapshotTitle', { year })}>
        <Text mb="md">{t('risks.confirmSnapshotText')}</Text>
        <Group>
          <Button onClick={() => void take()}>{t('risks.takeSnapshotConfirm')}</Button>
          <Button variant="default" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Modal>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState text={t('risks.snapshotsEmpty')} /> : null}
      {list.data && list.data.items.length > 0 ? (
        <Table maw={700} mb="xl">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('risks.year')}</Table.Th>
              <Table.Th scope="col">{t('risks.takenAt')}</Table.Th>
              <Table.Th scope="col">{t('risks.takenBy')}</Table.Th>
              <Table.Th scope="col">{t('risks.riskCount')}</Table.Th>
              <Table.Th scope="col">{t('risks.openCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row">{s.year}</Table.Th>
                <Table.Td>{new Date(s.takenAt).toLocaleDateString('sv-SE')}</Table.Td>
                <Table.Td>{s.takenBy?.name ?? t('risks.takenByJob')}</Table.Td>
                <Table.Td>{s.total}</Table.Td>
                <Table.Td>{s.open}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Title order={2} mb="xs">
        {t('risks.compare')}
      </Title>
      <Group mb="md">
        <NativeSelect
          id="compare-from"
          label={t('risks.fromYear')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          data={[choose, ...years]}
        />
        <NativeSelect
          id="compare-to"
          label={t('risks.toYear')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data={[choose, ...years]}
        />
      </Group>
      {compare.data ? (
        <Table maw={700}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('risks.measureOf')}</Table.Th>
              <Table.Th scope="col">{compare.data.from}</Table.Th>
              <Table.Th scope="col">{compare.data.to}</Table.Th>
              <Table.Th scope="col">{t('risks.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(['inherent', 'residual', 'treatments', 'status'] as const).flatMap((group) =>
              Object.entries(compare.data[group]).map(([k, v]) => (
                <Table.Tr key={`${group}-${k}`}>
                  <Table.Th scope="row">{`${t(`risks.compareGroup.${group}`)}: ${t(`risks.compareKey.${k}`, { defaultValue: k })}`}</Table.Th>
                  <Table.Td>{v.from}</Table.Td>
                  <Table.Td>{v.to}</Table.Td>
                  <Table.Td>{v.change > 0 ? `+${v.change}` : v.change}</Table.Td>
                </Table.Tr>
              )),
            )}
          </Table.Tbody>
        </Table>
      ) : null}
      {compare.data ? (
        <Text mt="sm">{t('risks.newAndClosed', { added: compare.data.newRisks.length, closed: compare.data.closedRisks.length })}</Text>
      ) : null}
    </>
  );
}
