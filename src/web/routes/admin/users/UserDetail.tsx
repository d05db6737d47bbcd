import { useState } from 'react';
import { Alert, Button, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { identityKeys, usersApi, type UserRecord } from '../../../api/resources.js';
import { formatDate } from '../../../components/format.js';
import { useNotify } from '../../../components/notify.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { DetailFields } from '../../../components/RecordDetail.js';
import { EmptyState, ErrorState, Loaded, Loading, useErrorText } from '../../../components/States.js';
import { useDocumentTitle } from '../../../components/useDocumentTitle.js';
import { AddRoleDialog } from './AddRoleDialog.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { assignmentText, roleName, scopeText, type Assignment } from './roles.js';
import { SessionTable } from './SessionTable.js';
import { hasMfa, UserBadges } from './UserBadges.js';

type Dialog = { kind: 'addRole' } | { kind: 'removeRole'; assignment: Assignment } | { kind: 'endSessions' } | { kind: 'deactivate' };

/** One user: details, roles (add, remove), sessions (end all) and ending their access to the organisation. */
export function UserDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: [...identityKeys.users, id], queryFn: () => usersApi.get(id) });
  useDocumentTitle(query.data ? query.data.displayName || query.data.email : t('users.title'));
  return (
    <Loaded query={query} title={t('users.title')}>
      {(user) => <UserPage user={user} />}
    </Loaded>
  );
}

function UserPage({ user }: { user: UserRecord }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const sessions = useQuery({ queryKey: [...identityKeys.users, user.id, 'sessions'], queryFn: () => usersApi.sessions(user.id) });
  const mayUpdate = user.allowedActions.includes('update');
  const mayDeactivate = user.allowedActions.includes('archive');
  const name = user.displayName || user.email;
  const close = () => setDialog(null);

  const saved = async (next: UserRecord) => {
    client.setQueryData([...identityKeys.users, user.id], next);
    await client.invalidateQueries({ queryKey: [...identityKeys.users, 'list'] });
  };
  const removeRole = async (a: Assignment) => {
    await saved(await usersApi.removeAssignment(user.id, a.id));
    notify(t('users.roleRemovedNotice', { role: assignmentText(t, a) }));
  };
  const endSessions = async () => {
    const r = await usersApi.endSessions(user.id);
    await client.invalidateQueries({ queryKey: [...identityKeys.users, user.id, 'sessions'] });
    notify(t('users.sessionsEndedNotice', { count: r.sessionsEnded }));
  };
  const invite = async () => {
    const r = await usersApi.invite(user.id);
    notify(t('users.invitedNotice', { email: r.sentTo }));
  };
  const deactivate = async () => {
    await usersApi.deactivate(user.id);
    // The user is no longer a member here: their page would be a 404.
    client.removeQueries({ queryKey: [...identityKeys.users, user.id] });
    await client.invalidateQueries({ queryKey: identityKeys.users });
    notify(t('users.deactivatedNotice', { name }));
    await navigate('/admin/users');
  };

  const methods = [user.hasPassword && t('users.method.password'), user.ssoLinked && t('users.method.sso')].filter(Boolean);
  const mfa = [user.mfa.totp && t('users.mfa.totp'), user.mfa.passkeys > 0 && t('users.mfa.passkeys', { count: user.mfa.passkeys })];

  return (
    <>
      <PageHeader title={name}>
        {mayUpdate && !user.hasPassword && !user.disabled ? (
          <Button variant="default" onClick={() => void invite().catch((err: unknown) => notify(errorText(err), 'error'))}>
            {t('users.invite')}
          </Button>
        ) : null}
        {mayDeactivate ? (
          <Button variant="outline" color="red" onClick={() => setDialog({ kind: 'deactivate' })}>
            {t('users.deactivate')}
          </Button>
        ) : null}
      </PageHeader>
      <UserBadges user={user} />
      {user.scimManaged ? (
        <Alert color="gray" role="note" my="md" maw={900}>
          {t('users.scimNote')}
        </Alert>
      ) : null}
      <DetailFields
        rows={[
          [t('users.email'), user.email],
          [t('users.signIn'), methods.length ? methods.join(', ') : t('users.method.none')],
          [t('users.mfaLabel'), hasMfa(user) ? mfa.filter(Boolean).join(', ') : t('users.mfa.none')],
          [t('users.lastSeen'), user.lastSeenAt ? formatDate(user.lastSeenAt, i18n.language) : t('users.neverSeen')],
          [t('users.createdAt'), formatDate(user.createdAt, i18n.language)],
        ]}
      />

      <Group justify="space-between" mt="xl" mb="sm">
        <Title order={2}>{t('users.roles')}</Title>
        {mayUpdate ? (
          <Button variant="default" onClick={() => setDialog({ kind: 'addRole' })}>
            {t('users.addRole')}
          </Button>
        ) : null}
      </Group>
      {user.assignments.length === 0 ? (
        <EmptyState text={t('users.noRoles')} />
      ) : (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped maw={1000}>
            <VisuallyHidden component="caption">{t('users.rolesCaption', { name })}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.role')}</Table.Th>
                <Table.Th scope="col">{t('users.scopeType')}</Table.Th>
                <Table.Th scope="col">{t('users.roleAction')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {user.assignments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row">
                    {roleName(t, a.role)}
                    <Text size="sm" fw={400}>
                      {t(`roles.descriptions.${a.role}`)}
                    </Text>
                  </Table.Th>
                  <Table.Td>{scopeText(t, a)}</Table.Td>
                  <Table.Td>
                    {a.source !== 'manual' ? (
                      <Text size="sm">{t('users.managedByIdp')}</Text>
                    ) : mayUpdate ? (
                      <Button
                        variant="outline"
                        color="red"
                        size="xs"
                        aria-label={t('users.removeRoleNamed', { role: assignmentText(t, a) })}
                        onClick={() => setDialog({ kind: 'removeRole', assignment: a })}
                      >
                        {t('users.removeRole')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Group justify="space-between" mt="xl" mb="sm">
        <Title order={2}>{t('users.sessions')}</Title>
        {mayUpdate && (sessions.data?.items.length ?? 0) > 0 ? (
          <Button variant="outline" color="red" onClick={() => setDialog({ kind: 'endSessions' })}>
            {t('users.endSessions')}
          </Button>
        ) : null}
      </Group>
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {sessions.isSuccess && sessions.data.items.length === 0 ? <EmptyState text={t('users.noSessions')} /> : null}
      {sessions.isSuccess && sessions.data.items.length > 0 ? (
        <SessionTable sessions={sessions.data.items} caption={t('users.sessionsCaption', { name })} />
      ) : null}

      <AddRoleDialog
        opened={dialog?.kind === 'addRole'}
        userId={user.id}
        userName={name}
        onClose={close}
        onSaved={async (next) => {
          await saved(next);
          notify(t('users.roleAddedNotice'));
        }}
      />
      <ConfirmDialog
        opened={dialog?.kind === 'removeRole'}
        title={t('users.removeRoleTitle')}
        body={dialog?.kind === 'removeRole' ? t('users.removeRoleBody', { name, role: assignmentText(t, dialog.assignment) }) : ''}
        confirmLabel={t('users.removeRole')}
        onConfirm={() => (dialog?.kind === 'removeRole' ? removeRole(dialog.assignment) : Promise.resolve())}
        onClose={close}
      />
      <ConfirmDialog
        opened={dialog?.kind === 'endSessions'}
        title={t('users.endSessionsTitle', { name })}
        body={t('users.endSessionsBody', { name })}
        confirmLabel={t('users.endSessions')}
        onConfirm={endSessions}
        onClose={close}
      />
      <ConfirmDialog
        opened={dialog?.kind === 'deactivate'}
        title={t('users.deactivateTitle', { name })}
        body={
          <>
            <Text mb="sm">{t('users.deactivateBody1', { name })}</Text>
            <Text mb="md">{t('users.deactivateBody2')}</Text>
          </>
        }
        confirmLabel={t('users.deactivate')}
        onConfirm={deactivate}
        onClose={close}
      />
    </>
  );
}
