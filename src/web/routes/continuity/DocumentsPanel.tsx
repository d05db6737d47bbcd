import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { formatDate } from '../../components/format.js';
import { SecretBadge } from '../../components/Secrecy.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, useErrorText } from '../../components/States.js';
import { HistoryList } from '../audit/HistoryTab.js';
import type { ContinuityDocumentKind } from '../../../shared/enums.js';
import { usePermission } from '../auth/session.js';
import { continuityKeys, documentsApi, type ContinuityDocument } from './api.js';
import { DocumentForm, type Owner } from './DocumentForm.js';

type Editing = { document?: ContinuityDocument; etag?: string } | null;

/** The documents of one system or one supplier, with add, change and archive where the server allows. */
export function DocumentsPanel({
  owner,
  kinds,
  headingId,
  heading,
  emptyText,
  level = 3,
}: {
  owner: Owner;
  kinds: readonly ContinuityDocumentKind[];
  headingId: string;
  heading: string;
  emptyText: string;
  level?: 2 | 3;
}) {
  const { t } = useTranslation();
  const mayCreate = usePermission('continuity', 'create');
  const notify = useNotify();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<Editing>(null);
  const query = useQuery({
    queryKey: [...continuityKeys.documents, owner],
    queryFn: () => documentsApi.list({ ...owner, limit: 200 }),
  });
  const docs = (query.data?.items ?? []).filter((d) => kinds.includes(d.kind));
  const open = async (d: ContinuityDocument) => {
    // the list has no ETags: fetch the one document to change it
    try {
      const fresh = await documentsApi.get(d.id);
      setEditing({ document: fresh.data, etag: fresh.etag });
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" mt="lg" mb="xs">
        <Title order={level} size={level === 3 ? 'h4' : undefined} id={headingId}>
          {heading}
        </Title>
        {mayCreate ? (
          <Button variant="default" size="xs" onClick={() => setEditing({})}>
            {t('continuity.documents.add')}
          </Button>
        ) : null}
      </Group>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && docs.length === 0 ? <Text>{emptyText}</Text> : null}
      <Stack gap="sm">
        {docs.map((d) => (
          <DocumentCard key={d.id} d={d} onEdit={() => void open(d)} />
        ))}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing?.document ? t('continuity.documents.editTitle') : t('continuity.documents.addTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? (
          <DocumentForm owner={owner} kinds={kinds} document={editing.document} etag={editing.etag} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
    </section>
  );
}

function DocumentCard({ d, onEdit }: { d: ContinuityDocument; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const title = d.title ?? t('secrecy.masked');
  const date = (v: string | null) => formatDate(v, i18n.language) ?? t('common.notSet');
  const [history, setHistory] = useState(false);
  const act = async (call: (id: string, etag: string) => Promise<unknown>) => {
    const fresh = await documentsApi.get(d.id);
    await call(d.id, fresh.etag);
    await client.invalidateQueries({ queryKey: continuityKeys.all });
    await client.invalidateQueries({ queryKey: continuityKeys.documentHistory });
  };
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fw={600}>
            {t(`continuity.kinds.${d.kind}`)}: {title}
          </Text>
          <Group gap="xs" mt={4}>
            {d.secret ? <SecretBadge provision={d.secrecyProvision} /> : null}
            {d.reviewOverdue ? (
              <Badge variant="light" color="red" c="dark.9" tt="none">
                {t('continuity.documents.reviewOverdue')}
              </Badge>
            ) : null}
            {d.kind === 'supplier_reserve_routine' && d.missingScenarios.length ? (
              <Badge variant="light" color="red" c="dark.9" tt="none">
                {t('continuity.scenarios.missing', {
                  list: d.missingScenarios.map((s) => t(`continuity.scenarios.${s}`)).join(', '),
                })}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" mt={4}>
            {t('continuity.documents.documentedOn')}: {date(d.documentedOn)} · {t('continuity.documents.implementedOn')}:{' '}
            {date(d.implementedOn)} · {t('continuity.documents.reviewOn')}: {date(d.reviewOn)}
          </Text>
          {d.link ? (
            <Text size="sm">
              {t('continuity.documents.link')}:{' '}
              {/^https?:\/\//.test(d.link) ? (
                <Anchor href={d.link} target="_blank" rel="noreferrer" underline="always">
                  {d.link}
                </Anchor>
              ) : (
                d.link
              )}
            </Text>
          ) : null}
          {d.content ? (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {d.content}
            </Text>
          ) : null}
          {d.involvedSuppliers.length ? (
            <Text size="sm">
              {t('continuity.documents.involvedSuppliers')}: {d.involvedSuppliers.map((s) => s.name).join(', ')}
            </Text>
          ) : null}
        </div>
        <Group gap="xs">
          {d.allowedActions.includes('update') ? (
            <Button variant="default" size="xs" onClick={onEdit} aria-label={t('continuity.documents.editLabel', { title })}>
              {t('common.edit')}
            </Button>
          ) : null}
          <Button
            variant="default"
            size="xs"
            onClick={() => setHistory(true)}
            aria-label={t('continuity.documents.historyLabel', { title })}
          >
            {t('continuity.documents.history')}
          </Button>
          <ArchiveControls
            allowed={d.allowedActions}
            archived={d.archived}
            confirmTitle={t('continuity.documents.archiveTitle')}
            confirmBody={t('continuity.documents.archiveBody')}
            archivedNotice={t('continuity.documents.archived')}
            restoredNotice={t('continuity.documents.restored')}
            archiveLabel={t('continuity.documents.archiveLabel', { title })}
            restoreLabel={t('continuity.documents.restoreLabel', { title })}
            onArchive={() => act(documentsApi.archive)}
            onRestore={() => act(documentsApi.restore)}
          />
        </Group>
      </Group>
      <Modal
        opened={history}
        onClose={() => setHistory(false)}
        size="xl"
        title={t('continuity.documents.historyTitle', { title })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {history ? <HistoryList path="continuity-documents" id={d.id} masked={d.masked} /> : null}
      </Modal>
    </Card>
  );
}
