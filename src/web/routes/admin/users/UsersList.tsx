import { useEffect, useState } from 'react';
import { Button, Group, List, NativeSelect, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { identityKeys, usersApi, type UserQuery } from '../../../api/resources.js';
import { formatDate } from '../../../components/format.js';
import { useDebounced } from '../../../components/hooks.js';
import { NameCell, PagedTable, usePagedList } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useDocumentTitle } from '../../../components/useDocumentTitle.js';
import { PERSON_ROLES, roleName, scopeText, usePermission } from './roles.js';
import { UserBadges } from './UserBadges.js';

/** The organisation's users with their roles; search by name or e-mail, filter by role. */
export function UsersList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('users.title'));
  const mayCreate = usePermission('user', 'create');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const [text, setText] = useState(q);
  const debounced = useDebounced(text);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if (debounced !== q) setParam('q', debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  // Follow external URL changes (back button) without fighting the user's typing.
  useEffect(() => setText(q), [q]);

  const query: UserQuery = { sort: 'name' };
  if (q) query.q = q;
  if ((PERSON_ROLES as readonly string[]).includes(role)) query.role = role as UserQuery['role'];
  const list = usePagedList(identityKeys.users, query, usersApi.list);

  return (
    <>
      <PageHeader title={t('users.title')}>
        {mayCreate ? (
          <Button component={Link} to="/admin/users/new">
            {t('users.new')}
          </Button>
        ) : null}
      </PageHeader>
      <Group role="search" aria-label={t('users.filters')} align="flex-end" gap="md" mb="lg" wrap="wrap">
        <TextInput
          id="users-q"
          type="search"
          label={t('users.search')}
          description={t('users.searchHelp')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <NativeSelect
          id="users-role"
          label={t('users.filterRole')}
          value={role}
          onChange={(e) => setParam('role', e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...PERSON_ROLES.map((r) => ({ value: r, label: roleName(t, r) }))]}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={Boolean(q || role)}
        empty={t('users.empty')}
        emptyFiltered={t('users.emptyFiltered')}
        emptyCta={t('users.new')}
        newTo="/admin/users/new"
        caption={t('users.listCaption')}
        minWidth={860}
        head={
          <>
            <Table.Th scope="col">{t('users.displayName')}</Table.Th>
            <Table.Th scope="col">{t('users.email')}</Table.Th>
            <Table.Th scope="col">{t('users.roles')}</Table.Th>
            <Table.Th scope="col">{t('users.lastSeen')}</Table.Th>
          </>
        }
        row={(u) => (
          <>
            <NameCell to={`/admin/users/${u.id}`} name={u.displayName || u.email}>
              <UserBadges user={u} />
            </NameCell>
            <Table.Td>{u.email}</Table.Td>
            <Table.Td>
              {u.assignments.length === 0 ? (
                t('users.noRoles')
              ) : (
                <List size="sm" spacing={2}>
                  {u.assignments.map((a) => (
                    <List.Item key={a.id}>
                      {roleName(t, a.role)} <span>({scopeText(t, a)})</span>
                    </List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
            <Table.Td>
              {u.lastSeenAt ? <time dateTime={u.lastSeenAt}>{formatDate(u.lastSeenAt, i18n.language)}</time> : t('users.neverSeen')}
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
