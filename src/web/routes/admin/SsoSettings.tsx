import { useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ssoApi, ssoKeys, type IdentityProvider } from '../../api/resources.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { mayDo, useMe } from '../auth/session.js';
import { GroupMappings } from './sso/GroupMappings.js';
import { ProviderCard } from './sso/ProviderCard.js';
import { ProviderDialog } from './sso/ProviderDialog.js';
import { ConfirmDialog } from './users/ConfirmDialog.js';

type Kind = IdentityProvider['kind'];

/** /admin/sso: the organisation's identity providers (OIDC, SAML) and the group → role table. */
export function SsoSettings() {
  const { t } = useTranslation();
  useDocumentTitle(t('sso.admin.title'));
  const client = useQueryClient();
  const notify = useNotify();
  const me = useMe().data;
  const canEdit = mayDo(me, 'identity-provider', 'update');
  const [editing, setEditing] = useState<{ kind: Kind; provider: IdentityProvider | null } | null>(null);
  const [removing, setRemoving] = useState<IdentityProvider | null>(null);
  const list = useQuery({ queryKey: ssoKeys.providers, queryFn: async () => (await ssoApi.providers()).items });
  const refresh = () => client.invalidateQueries({ queryKey: ssoKeys.providers });

  return (
    <>
      <PageHeader title={t('sso.admin.title')} />
      <Text mb="lg" maw={800}>
        {t('sso.admin.intro')}
      </Text>
      <section aria-labelledby="sso-providers-title">
        <Group justify="space-between" align="center" mb="sm">
          <Title order={2} id="sso-providers-title">
            {t('sso.admin.providers')}
          </Title>
          {canEdit ? (
            <Group gap="sm">
              <Button onClick={() => setEditing({ kind: 'oidc', provider: null })}>{t('sso.admin.addOidc')}</Button>
              <Button variant="default" onClick={() => setEditing({ kind: 'saml', provider: null })}>
                {t('sso.admin.addSaml')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isSuccess && list.data.length === 0 ? <EmptyState text={t('sso.admin.empty')} /> : null}
        {list.isSuccess ? (
          <Stack gap="md">
            {list.data.map((p) => (
              <ProviderCard
                key={p.id}
                provider={p}
                onEdit={() => setEditing({ kind: p.kind, provider: p })}
                onRemove={() => setRemoving(p)}
              />
            ))}
          </Stack>
        ) : null}
      </section>
      <GroupMappings canEdit={canEdit} />
      {editing ? (
        <ProviderDialog
          kind={editing.kind}
          provider={editing.provider}
          opened
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
            notify(t('sso.admin.saved'));
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={removing !== null}
        title={t('sso.admin.removeTitle')}
        body={removing ? t('sso.admin.removeBody', { name: removing.name }) : ''}
        confirmLabel={t('sso.admin.remove')}
        onConfirm={async () => {
          await ssoApi.removeProvider(removing!.id, removing!.version);
          await refresh();
          notify(t('sso.admin.removed'));
        }}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
