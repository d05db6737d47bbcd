import { useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { mayDo, useMe } from '../auth/session.js';
import { riskKeys, snapshotsApi } from './api.js';
import { useDate } from './parts.js';

/** The yearly snapshots of the risk picture: take last year's if it is missing, list, compare two years. */
export function SnapshotsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('risks.snapshots'));
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const date = useDate();
  const me = useMe().data;
  // A snapshot covers the whole organisation: the server takes it only for someone with an organisation-wide grant.
  const mayTake = mayDo(me, 'risk', 'create') && (me?.grants ?? []).some((g) => g.scopeType === 'tenant');
  // Only last year can be frozen (the server's rule, by the Stockholm calendar): the current one is still
  // changing, and an older year would get today's picture.
  const year = Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date())) - 1;
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const list = useQuery({ queryKey: [...riskKeys.all, 'snapshots'], queryFn: snapshotsApi.list });
  const same = !!from && from === to;
  const compare = useQuery({
    queryKey: [...riskKeys.all, 'compare', from, to],
    queryFn: () => snapshotsApi.compare(Number(from), Number(to)),
    enabled: !!from && !!to && !same,
  });
  const take = async () => {
    setBusy(true);
    try {
      await snapshotsApi.create(year);
      setConfirm(false);
      await client.invalidateQueries({ queryKey: [...riskKeys.all, 'snapshots'] });
      notify(t('risks.snapshotTaken', { year }));
    } catch (e) {
      setConfirm(false);
      notify(e instanceof ApiError && e.status === 403 ? t('risks.snapshotForbidden') : errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const items = list.data?.items ?? [];
  const haveYear = items.some((s) => s.year === year);
  const years = items.map((s) => ({ value: String(s.year), label: String(s.year) }));
  const choose = { value: '', label: t('risks.choose') };
  return (
    <>
      <PageHeader title={t('risks.snapshots')}>
        {mayTake && list.isSuccess && !haveYear ? (
          <Button onClick={() => setConfirm(true)}>{t('risks.takeSnapshot', { year })}</Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={900}>
        {t('risks.snapshotsIntro')}
      </Text>
      <Modal
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={t('risks.confirmSnapshotTitle', { year })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="md">{t('risks.confirmSnapshotText')}</Text>
        <Group>
          <Button onClick={() => void take()} loading={busy}>
            {t('risks.takeSnapshotConfirm')}
          </Button>
          <Button variant="default" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Modal>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <EmptyState text={t('risks.snapshotsEmpty')} /> : null}
      {items.length > 0 ? (
        <Table maw={700} mb="xl">
          <Table.Caption>{t('risks.snapshotsCaption')}</Table.Caption>
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
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row">{s.year}</Table.Th>
                <Table.Td>{date(s.takenAt)}</Table.Td>
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
      {items.length < 2 ? <Text mb="md">{t('risks.compareNeedsTwo')}</Text> : null}
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
      <div aria-live="polite">
        {same ? (
          <Alert color="yellow" title={t('risks.compareSameYear')}>
            {t('risks.compareSameYearText')}
          </Alert>
        ) : null}
        {compare.isFetching && !compare.data ? <Loading /> : null}
      </div>
      {compare.isError ? <ErrorState error={compare.error} onRetry={() => void compare.refetch()} /> : null}
      {compare.data && !same ? (
        <>
          <Table maw={700}>
            <Table.Caption>{t('risks.compareCaption', { from: compare.data.from, to: compare.data.to })}</Table.Caption>
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
          <Text mt="sm">{t('risks.newAndClosed', { added: compare.data.newRisks.length, closed: compare.data.closedRisks.length })}</Text>
        </>
      ) : null}
    </>
  );
}
