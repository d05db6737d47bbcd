import { useState } from 'react';
import { Badge, Button, Code, CopyButton, Group, List, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiTokenKeys, apiTokensApi, type ApiTokenItem } from '../../api/resources.js';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useMe } from '../auth/session.js';
import { CreateTokenDialog, RevokeTokenDialog } from './ApiTokenDialogs.js';
import { roleName } from './users/roles.js';

// Light backgrounds with near-black text: Mantine's coloured light text is below AA contrast.
const STATUS_COLOR = { active: 'green', expired: 'gray', revoked: 'red' } as const;

/** The organisation's API tokens (coordinators): list, create (shown once), revoke; and how to set up SCIM. */
export function ApiTokens() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('apiTokens.title'));
  const client = useQueryClient();
  const notify = useNotify();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenItem | null>(null);
  const list = useQuery({ queryKey: apiTokenKeys.list, queryFn: async () => (await apiTokensApi.list()).items });
  const refresh = () => client.invalidateQueries({ queryKey: apiTokenKeys.list });
  const date = (v: string | null) => formatDate(v, i18n.language) ?? t('apiTokens.never');
  const scimUrl = `${window.location.origin}/scim/v2`;
  // The server decides (403 for others); the button is only offered to those who may use it.
  const canManage = useMe().data?.roles.includes('coordinator') ?? false;

  return (
    <>
      <PageHeader title={t('apiTokens.title')}>
        {canManage ? <Button onClick={() => setCreating(true)}>{t('apiTokens.new')}</Button> : null}
      </PageHeader>
      <Text mb="lg" maw={800}>
        {t('apiTokens.intro')}
      </Text>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.length === 0 ? <EmptyState text={t('apiTokens.empty')} /> : null}
      {list.isSuccess && list.data.length > 0 ? (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table striped>
            <VisuallyHidden component="caption">{t('apiTokens.listLabel')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('apiTokens.col.name')}</Table.Th>
                <Table.Th scope="col">{t('apiTokens.col.prefix')}</Table.Th>
                <Table.Th scope="col">{t('apiTokens.col.roles')}</Table.Th>
                <Table.Th scope="col">{t('apiTokens.col.created')}</Table.Th>
                <Table.Th scope="col">{t('apiTokens.col.expires')}</Table.Th>
                <Table.Th scope="col">{t('apiTokens.col.lastUsed')}</Table.Th>
                <Table.Th scope="col">{t('apiTokens.col.status')}</Table.Th>
                <Table.Th scope="col">{t('apiTokens.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Th scope="row" fw={600}>
                    {tok.name}
                  </Table.Th>
                  <Table.Td>
                    <Code>{tok.prefix}</Code>
                  </Table.Td>
                  <Table.Td>{tok.roles.map((r) => roleName(t, r)).join(', ')}</Table.Td>
                  <Table.Td>
                    {date(tok.createdAt)}
                    <Text size="sm" c="dimmed">
                      {t('apiTokens.createdBy', { name: tok.createdBy.displayName })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{date(tok.expiresAt)}</Table.Td>
                  <Table.Td>{date(tok.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={STATUS_COLOR[tok.status]}
                      c="dark.9"
                      tt="none"
                      // A narrow column must not cut the status to "Återkall…".
                      styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}
                    >
                      {t(`apiTokens.status.${tok.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {tok.status === 'active' ? (
                      <Button
                        variant="outline"
                        color="red"
                        size="xs"
                        aria-label={t('apiTokens.revokeNamed', { name: tok.name })}
                        onClick={() => setRevoking(tok)}
                      >
                        {t('apiTokens.revoke')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <Paper withBorder p="lg" mt="xl" maw={800} component="section" aria-labelledby="scim-help">
        <Title order={2} size="h3" id="scim-help" mb="sm">
          {t('apiTokens.scim.title')}
        </Title>
        <Text mb="sm">{t('apiTokens.scim.intro')}</Text>
        <List type="ordered" spacing="xs">
          <List.Item>{t('apiTokens.scim.step1')}</List.Item>
          <List.Item>{t('apiTokens.scim.step2')}</List.Item>
          <List.Item>
            <Stack gap={4}>
              <Text>{t('apiTokens.scim.step3')}</Text>
              <Group gap="xs">
                <Code data-testid="scim-url">{scimUrl}</Code>
                <CopyButton value={scimUrl}>
                  {({ copy }) => (
                    <Button variant="default" size="xs" onClick={copy}>
                      {t('apiTokens.scim.copyUrl')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </List.Item>
          <List.Item>{t('apiTokens.scim.step4')}</List.Item>
          <List.Item>{t('apiTokens.scim.step5')}</List.Item>
        </List>
      </Paper>

      <CreateTokenDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          notify(t('apiTokens.createdNotice'));
          void refresh();
        }}
      />
      <RevokeTokenDialog
        token={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={() => {
          setRevoking(null);
          notify(t('apiTokens.revokedNotice'));
          void refresh();
        }}
      />
    </>
  );
}
