import { useState } from 'react';
import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AllowedAction } from '../api/types.js';
import { useNotify } from './notify.js';
import { useErrorDetail } from './States.js';

interface Props {
  allowed: AllowedAction[];
  archived: boolean;
  confirmTitle: string;
  confirmBody: string;
  archivedNotice: string;
  restoredNotice: string;
  /** Accessible names when several records share a page, e.g. "Arkivera Skolan". */
  archiveLabel?: string;
  restoreLabel?: string;
  onArchive: () => Promise<unknown>;
  onRestore: () => Promise<unknown>;
}

/** Archive (after confirmation in a modal) or restore, shown only when the server allows the action. */
export function ArchiveControls(p: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const errorDetail = useErrorDetail();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // The server's title and its detail (a 409 says why, e.g. which records still use a unit).
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const archive = async () => {
    setBusy(true);
    setError(null);
    try {
      await p.onArchive();
      setOpen(false);
      notify(p.archivedNotice);
    } catch (e) {
      setError(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  const restore = async () => {
    setBusy(true);
    try {
      await p.onRestore();
      notify(p.restoredNotice);
    } catch (e) {
      const { title, detail } = errorDetail(e);
      notify(detail ? `${title}. ${detail}` : title, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {!p.archived && p.allowed.includes('archive') ? (
        <Button variant="outline" color="red" size="xs" aria-label={p.archiveLabel} onClick={() => setOpen(true)}>
          {t('common.archive')}
        </Button>
      ) : null}
      {p.archived && p.allowed.includes('restore') ? (
        <Button variant="default" size="xs" aria-label={p.restoreLabel} loading={busy} onClick={() => void restore()}>
          {t('common.restore')}
        </Button>
      ) : null}
      <Modal
        opened={open}
        onClose={close}
        title={p.confirmTitle}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text mb="md">{p.confirmBody}</Text>
        {error ? (
          <Alert color="red" mb="md" title={error.title}>
            {error.detail}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void archive()} loading={busy}>
            {t('common.archive')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
