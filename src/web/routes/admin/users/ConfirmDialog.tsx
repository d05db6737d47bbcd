import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorDetail } from '../../../components/States.js';

interface Props {
  opened: boolean;
  title: string;
  /** What will happen, in plain words. */
  body: ReactNode;
  confirmLabel: string;
  /** The action; the dialog closes when it succeeds and shows the server's reason when it fails. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** Asks before an action that cannot be undone; Cancel has the focus, so Enter does not confirm by accident. */
export function ConfirmDialog({ opened, title, body, confirmLabel, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const errorDetail = useErrorDetail();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {typeof body === 'string' ? <Text mb="md">{body}</Text> : body}
      {error ? (
        <Alert color="red" mb="md" title={error.title}>
          {error.detail}
        </Alert>
      ) : null}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={close} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={() => void confirm()} loading={busy}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
