import { useState } from 'react';
import { Button, Code, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi, auditKeys, CHECKPOINTS_EXPORT_URL } from '../../api/audit.js';
import { download } from '../../api/client.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
import { usePermission } from '../auth/session.js';
import { formatDateTime } from './labels.js';

/** The chain heads kept over time: list, take one now (coordinator), export for safekeeping elsewhere. */
export function Checkpoints() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const errorText = useErrorText();
  const client = useQueryClient();
  const mayTake = usePermission('audit-trail', 'create');
  const [exporting, setExporting] = useState(false);
  const list = useQuery({ queryKey: auditKeys.checkpoints, queryFn: () => auditApi.checkpoints() });
  const take = useMutation({
    mutationFn: () => auditApi.takeCheckpoint(),
    onSuccess: async (cp) => {
      notify(t('audit.checkpointTaken', { n: cp.tenantSeq }));
      await client.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const exportAll = async () => {
    setExporting(true);
    try {
      await download(
        CHECKPOINTS_EXPORT_URL,
        'application/x-ndjson, application/jsonl, */*',
        `kontrollpunkter-${new Date().toISOString().slice(0, 10)}.jsonl`,
      );
    } catch (e) {
      notify(`${t('audit.exportFailed')} ${errorText(e)}`, 'error');
    } finally {
      setExporting(false);
    }
  };
  const items = list.data?.items ?? [];

  return (
    <Stack gap="sm" maw={900}>
      <Title order={2} mt="xl">
        {t('audit.checkpointsHeading')}
      </Title>
      <Text>{t('audit.checkpointsIntro')}</Text>
      <Group gap="sm">
        {mayTake ? (
          <Button onClick={() => take.mutate()} disabled={take.isPending}>
            {take.isPending ? t('audit.takingCheckpoint') : t('audit.takeCheckpoint')}
          </Button>
        ) : null}
        <Button variant="default" onClick={() => void exportAll()} disabled={exporting}>
          {t('audit.exportCheckpoints')}
        </Button>
      </Group>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <EmptyState text={t('audit.noCheckpoints')} /> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table>
            <VisuallyHidden component="caption">{t('audit.checkpointsCaption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.colTime')}</Table.Th>
                <Table.Th scope="col">{t('audit.colSeq')}</Table.Th>
                <Table.Th scope="col">{t('audit.colKind')}</Table.Th>
                <Table.Th scope="col">{t('audit.colHash')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((cp) => (
                <Table.Tr key={cp.id}>
                  <Table.Td>
                    <time dateTime={cp.at}>{formatDateTime(cp.at, i18n.language)}</time>
                  </Table.Td>
                  <Table.Td>{cp.tenantSeq}</Table.Td>
                  <Table.Td>{t(`audit.checkpointKinds.${cp.kind}`, { defaultValue: cp.kind })}</Table.Td>
                  <Table.Td>
                    <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{cp.hash}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
