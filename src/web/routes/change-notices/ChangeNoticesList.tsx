import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { changeNoticeKeys, changeNoticesApi, NOTICE_KINDS, type NoticeQuery } from './api.js';

/**
 * /change-notices: the municipality's notices to suppliers with how many have acknowledged; a supplier's
 * users see the notices their organisation received (D0-06, D3-33).
 */
export function ChangeNoticesList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('changeNotices.title'));
  const mayCreate = usePermission('change-notice', 'create');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState(false);
  const query: NoticeQuery = {
    limit: 50,
    ...(kind ? { kind: kind as NoticeQuery['kind'] } : {}),
    ...(status ? { status: status as NoticeQuery['status'] } : {}),
    ...(pending ? { pending: 'true' as const } : {}),
  };
  const list = usePagedList(changeNoticeKeys.all, query, changeNoticesApi.list);
  return (
    <>
      <PageHeader title={t('changeNotices.title')}>
        {mayCreate ? (
          <Button component={Link} to="/change-notices/new">
            {t('changeNotices.new')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={760}>
        {t('changeNotices.intro')}
      </Text>
      <Group mb="md" align="end">
        <NativeSelect
          id="notices-kind"
          label={t('changeNotices.field.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: '', label: t('changeNotices.allKinds') },
            ...NOTICE_KINDS.map((k) => ({ value: k, label: t(`changeNotices.kind.${k}`) })),
          ]}
        />
        {mayCreate ? (
          <NativeSelect
            id="notices-status"
            label={t('changeNotices.field.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            data={[
              { value: '', label: t('changeNotices.allStatuses') },
              { value: 'draft', label: t('changeNotices.status.draft') },
              { value: 'published', label: t('changeNotices.status.published') },
            ]}
          />
        ) : null}
        <Checkbox
          id="notices-pending"
          label={t('changeNotices.pendingOnly')}
          checked={pending}
          onChange={(e) => setPending(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={!!kind || !!status || pending}
        empty={mayCreate ? t('changeNotices.empty') : t('changeNotices.emptySupplier')}
        emptyFiltered={t('changeNotices.emptyFiltered')}
        emptyCta={t('changeNotices.new')}
        {...(mayCreate ? { newTo: '/change-notices/new' } : {})}
        caption={t('changeNotices.caption')}
        minWidth={760}
        head={
          <>
            <Table.Th scope="col">{t('changeNotices.field.title')}</Table.Th>
            <Table.Th scope="col">{t('changeNotices.field.kind')}</Table.Th>
            <Table.Th scope="col">{t('changeNotices.field.status')}</Table.Th>
            <Table.Th scope="col">{t('changeNotices.field.acknowledgeBy')}</Table.Th>
            <Table.Th scope="col">{t('changeNotices.field.acknowledged')}</Table.Th>
          </>
        }
        row={(n) => (
          <>
            <NameCell to={`/change-notices/${n.id}`} name={n.title} />
            <Table.Td>{t(`changeNotices.kind.${n.kind}`)}</Table.Td>
            <Table.Td>{n.status === 'draft' ? t('changeNotices.status.draft') : formatDate(n.publishedAt, i18n.language)}</Table.Td>
            <Table.Td>{formatDate(n.acknowledgeBy, i18n.language) ?? '–'}</Table.Td>
            <Table.Td>
              {n.status === 'published' ? `${n.counts.acknowledged}/${n.counts.recipients}` : '–'}{' '}
              {n.counts.overdue > 0 ? (
                <Badge color="red" variant="light">
                  {t('changeNotices.recipients.overdue')}: {n.counts.overdue}
                </Badge>
              ) : null}
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
