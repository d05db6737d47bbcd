import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { CREDENTIAL_KINDS, CREDENTIAL_STATUSES, credentialKeys, credentialsApi, type Credential, type CredentialQuery } from './api.js';

/** The status in words; an active credential past its validity says so (D0-08). */
export function CredentialStatus({ c }: { c: Pick<Credential, 'status' | 'expired'> }) {
  const { t } = useTranslation();
  const status = c.expired ? 'expired' : c.status;
  const color = status === 'active' ? 'green' : status === 'ordered' ? 'blue' : 'gray';
  return (
    <Badge variant="light" color={color} c="dark.9" tt="none">
      {t(`credentials.status.${status}`)}
    </Badge>
  );
}

/** /credentials (D0-08, D0-17): credentials and e-ID cards issued to suppliers' staff and the municipality's own. */
export function CredentialsList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('credentials.title'));
  const mayCreate = usePermission('credential', 'create');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const query: CredentialQuery = {
    limit: 50,
    ...(kind ? { kind: kind as CredentialQuery['kind'] } : {}),
    ...(status ? { status: status as CredentialQuery['status'] } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  };
  const list = usePagedList(credentialKeys.credentials, query, credentialsApi.list);
  return (
    <>
      <PageHeader title={t('credentials.title')}>
        {mayCreate ? (
          <Button component={Link} to="/credentials/new">
            {t('credentials.new')}
          </Button>
        ) : null}
      </PageHeader>
      <Group mb="md" align="end">
        <TextInput id="credentials-q" label={t('credentials.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <NativeSelect
          id="credentials-kind"
          label={t('credentials.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: '', label: t('credentials.allKinds') },
            ...CREDENTIAL_KINDS.map((k) => ({ value: k, label: t(`credentials.kinds.${k}`) })),
          ]}
        />
        <NativeSelect
          id="credentials-status"
          label={t('credentials.statusLabel')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('credentials.allStatuses') },
            ...CREDENTIAL_STATUSES.map((s) => ({ value: s, label: t(`credentials.status.${s}`) })),
          ]}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={!!(kind || status || q.trim())}
        empty={t('credentials.empty')}
        emptyFiltered={t('credentials.emptyFiltered')}
        emptyCta={t('credentials.new')}
        {...(mayCreate ? { newTo: '/credentials/new' } : {})}
        caption={t('credentials.caption')}
        minWidth={800}
        head={
          <>
            <Table.Th scope="col">{t('credentials.holder')}</Table.Th>
            <Table.Th scope="col">{t('credentials.kind')}</Table.Th>
            <Table.Th scope="col">{t('credentials.supplier')}</Table.Th>
            <Table.Th scope="col">{t('credentials.serial')}</Table.Th>
            <Table.Th scope="col">{t('credentials.validTo')}</Table.Th>
            <Table.Th scope="col">{t('credentials.statusLabel')}</Table.Th>
          </>
        }
        row={(c) => (
          <>
            <NameCell to={`/credentials/${c.id}`} name={c.holderName} />
            <Table.Td>{t(`credentials.kinds.${c.kind}`)}</Table.Td>
            <Table.Td>{c.supplier?.name ?? t('credentials.municipality')}</Table.Td>
            <Table.Td>{c.serial ?? '–'}</Table.Td>
            <Table.Td>{formatDate(c.validTo, i18n.language) ?? '–'}</Table.Td>
            <Table.Td>
              <CredentialStatus c={c} />
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
