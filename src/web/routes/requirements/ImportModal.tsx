import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useNotify } from '../../components/notify.js';
import { useErrorText } from '../../components/States.js';
import { requirementsApi, type ImportResult } from './api.js';

/** File → dry run with a preview (or the file's row errors) → confirm: nothing is saved before the last step. */
export function ImportModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await requirementsApi.import(file, dryRun);
      if (dryRun) setPreview(result);
      else {
        notify(t('requirements.import.done', { created: result.created, updated: result.updated }));
        onImported();
      }
    } catch (e) {
      setPreview(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const rowErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t('requirements.import.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="sm">
        <div>
          <label htmlFor="import-file">
            <Text fw={500} size="sm">
              {t('requirements.import.file')}
            </Text>
          </label>
          <Text id="import-file-help" size="sm" c="dimmed" mb={4}>
            {t('requirements.import.help')}
          </Text>
          <input
            id="import-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-help"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setPreview(null);
              setError(null);
            }}
          />
        </div>
        <Group>
          <Button variant={preview ? 'default' : 'filled'} disabled={!file || busy} onClick={() => void run(true)}>
            {busy && !preview ? t('requirements.import.checking') : t('requirements.import.check')}
          </Button>
        </Group>
        {error ? (
          <Alert color="red" title={rowErrors.length ? t('requirements.import.errorsTitle') : errorText(error)} role="alert">
            {rowErrors.length ? (
              <>
                <Text mb="xs">{t('requirements.import.errorsHelp')}</Text>
                <List size="sm">
                  {rowErrors.map((e) => (
                    <List.Item key={`${e.field}-${e.code}`}>{e.message}</List.Item>
                  ))}
                </List>
              </>
            ) : error instanceof ApiError && error.problem.detail ? (
              <Text>{error.problem.detail}</Text>
            ) : null}
          </Alert>
        ) : null}
        {preview ? (
          <section aria-labelledby="import-preview">
            <Title order={2} size="h4" id="import-preview" mb="xs">
              {t('requirements.import.previewTitle')}
            </Title>
            <Text mb="xs" role="status">
              {t('requirements.import.previewSummary', { created: preview.created, updated: preview.updated })}
            </Text>
            <Table.ScrollContainer minWidth={700} mah={360} type="native">
              <Table striped>
                <VisuallyHidden component="caption">{t('requirements.import.previewTitle')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('requirements.import.row')}</Table.Th>
                    <Table.Th scope="col">{t('requirements.fields.code')}</Table.Th>
                    <Table.Th scope="col">{t('requirements.fields.text')}</Table.Th>
                    <Table.Th scope="col">{t('requirements.fields.aspect')}</Table.Th>
                    <Table.Th scope="col">{t('requirements.fields.minLevel')}</Table.Th>
                    <Table.Th scope="col">{t('requirements.fields.kind')}</Table.Th>
                    <Table.Th scope="col">{t('requirements.import.action')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>{r.code}</Table.Td>
                      <Table.Td>{r.text}</Table.Td>
                      <Table.Td>{t(`requirements.aspects.${r.aspect}`)}</Table.Td>
                      <Table.Td>{r.minLevel}</Table.Td>
                      <Table.Td>{t(`requirements.kindShort.${r.kind}`)}</Table.Td>
                      <Table.Td>
                        {r.action === 'create' ? t('requirements.import.actionCreate') : t('requirements.import.actionUpdate')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {preview ? (
            <Button loading={busy} onClick={() => void run(false)}>
              {t('requirements.import.confirm', { count: preview.rows.length })}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
