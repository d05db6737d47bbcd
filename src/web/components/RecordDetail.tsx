import type { ReactNode } from 'react';
import { Alert, Anchor, Button, DataList, List, Text, Title, type ButtonProps } from '@mantine/core';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Meta, Ref } from '../api/types.js';
import { ArchiveControls } from './ArchiveControls.js';
import { PageHeader } from './PageHeader.js';

type RecordMeta = Pick<Meta, 'id' | 'archived' | 'allowedActions'> & { name: string };

/** Link to a record's edit page, shown when the server allows an update and the record is not archived. */
export function EditButton({
  record,
  to,
  ...props
}: ButtonProps & { record: Omit<RecordMeta, 'id' | 'name'>; to: string; 'aria-label'?: string }) {
  const { t } = useTranslation();
  if (!record.allowedActions.includes('update') || record.archived) return null;
  return (
    <Button component={Link} to={to} {...props}>
      {t('common.edit')}
    </Button>
  );
}

interface HeaderProps {
  record: RecordMeta;
  etag: string;
  editTo: string;
  api: { archive: (id: string, etag: string) => Promise<unknown>; restore: (id: string, etag: string) => Promise<unknown> };
  /** Queries to invalidate after archive or restore. */
  invalidate: QueryKey[];
  confirmTitle: string;
  confirmBody: string;
  archivedNotice: string;
  restoredNotice: string;
  archivedBanner: string;
}

/** A detail page's h1 (the record's name) with edit, archive and restore, and a note while archived. */
export function RecordHeader({ record, etag, editTo, api, invalidate, archivedBanner, ...texts }: HeaderProps) {
  const client = useQueryClient();
  const after = async (call: Promise<unknown>) => {
    await call;
    for (const queryKey of invalidate) await client.invalidateQueries({ queryKey });
  };
  return (
    <>
      <PageHeader title={record.name}>
        <EditButton record={record} to={editTo} />
        <ArchiveControls
          allowed={record.allowedActions}
          archived={record.archived}
          {...texts}
          onArchive={() => after(api.archive(record.id, etag))}
          onRestore={() => after(api.restore(record.id, etag))}
        />
      </PageHeader>
      {record.archived ? (
        <Alert color="gray" role="note" mb="lg">
          {archivedBanner}
        </Alert>
      ) : null}
    </>
  );
}

/** Label/value list of a record; a value that is null, undefined or '' shows as "not set". */
export function DetailFields({ rows }: { rows: [label: string, value: ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <DataList labelWidth={220} withDivider maw={900}>
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>
            {value === null || value === undefined || value === '' ? (
              <Text span c="dimmed" fz="inherit">
                {t('common.notSet')}
              </Text>
            ) : (
              value
            )}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

/** An h2 with links to related records, or a text when there are none. */
export function RelatedLinks({
  title,
  items,
  basePath,
  emptyText,
}: {
  title: string;
  items: Ref[] | undefined;
  basePath: string;
  emptyText: string;
}) {
  return (
    <>
      <Title order={2} mt="xl" mb="sm">
        {title}
      </Title>
      {items?.length ? (
        <List>
          {items.map((r) => (
            <List.Item key={r.id}>
              <Anchor component={Link} to={`${basePath}/${r.id}`}>
                {r.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text c="dimmed">{emptyText}</Text>
      )}
    </>
  );
}
