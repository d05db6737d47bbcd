import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useNotify } from '../../components/notify.js';
import { useErrorDetail } from '../../components/States.js';
import { followUpKeys, followUpsApi, type FollowUp, type FollowUpItem } from './api.js';

// Light backgrounds with near-black text: Mantine's coloured light text is below AA contrast.
const STATUS_COLORS = { planned: 'tillit', sent: 'blue', answered: 'yellow', assessed: 'orange', closed: 'green' } as const;

export function FollowUpStatus({ status }: { status: FollowUp['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" c="dark.9" tt="none">
      {t(`followUps.status.${status}`)}
    </Badge>
  );
}

export interface ShownError {
  title: string;
  detail?: string;
  messages: string[];
}

/** The server's title, detail and each field error's message (e.g. which items still need evidence). */
export function useShownError(): (e: unknown) => ShownError {
  const detail = useErrorDetail();
  return (e) => ({ ...detail(e), messages: e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [] });
}

export function ErrorAlert({ error }: { error: ShownError | null }) {
  if (!error) return null;
  return (
    <Alert color="red" title={error.title} role="alert" tabIndex={-1}>
      {error.detail ? <Text>{error.detail}</Text> : null}
      {error.messages.length ? (
        <List size="sm">
          {error.messages.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

/** A step that cannot be undone (send, hand in, close): asks first, shows why the server refused. */
export function ConfirmAction(p: {
  label: string;
  title: string;
  body: ReactNode;
  done: string;
  action: () => Promise<unknown>;
  // a small, red trigger for removals
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const shown = useShownError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await p.action();
      setOpen(false);
      notify(p.done);
    } catch (e) {
      setError(shown(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} {...(p.danger ? { variant: 'subtle', color: 'red', size: 'xs' } : {})}>
        {p.label}
      </Button>
      <Modal
        opened={open}
        onClose={() => {
          setOpen(false);
          setError(null);
        }}
        title={p.title}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text mb="md">{p.body}</Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setOpen(false)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void confirm()} loading={busy}>
            {t('followUps.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** The evidence attached to an item, each a download (always saved, never opened in Tillit). */
export function FileList({ item }: { item: FollowUpItem }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const detail = useErrorDetail();
  if (!item.files.length) return <Text size="sm">{t('followUps.noFiles')}</Text>;
  return (
    <List size="sm">
      {item.files.map((f) => (
        <List.Item key={f.id}>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() =>
              void followUpsApi
                .download(f.id, f.name)
                .catch((e: unknown) => notify(detail(e).title || t('followUps.downloadFailed'), 'error'))
            }
          >
            {t('followUps.download', { name: f.name })}
          </Button>{' '}
          ({Math.max(1, Math.round(f.sizeBytes / 1024))} kB)
        </List.Item>
      ))}
    </List>
  );
}

/** Attach one file to an item; the server checks its type by content and its size. */
export function UploadField({ item, onDone }: { item: FollowUpItem; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const shown = useShownError();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const id = `file-${item.id}`;
  const attach = async () => {
    if (!file) return setError({ title: t('followUps.noFileChosen'), messages: [] });
    setBusy(true);
    setError(null);
    try {
      await followUpsApi.upload(item.id, file);
      await client.invalidateQueries({ queryKey: followUpKeys.all });
      setFile(null);
      setInputKey((k) => k + 1);
      notify(t('followUps.attached'));
      onDone?.();
    } catch (e) {
      setError(shown(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <label htmlFor={id}>
        <Text fw={500} size="sm">
          {t('followUps.chooseFile')} ({item.code})
        </Text>
      </label>
      <Text id={`${id}-help`} size="sm" c="dimmed" mb={4}>
        {t('followUps.chooseFileHelp')}
      </Text>
      <Group gap="sm">
        <input
          key={inputKey}
          id={id}
          type="file"
          aria-describedby={`${id}-help`}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <Button variant="default" size="xs" onClick={() => void attach()} loading={busy}>
          {t('followUps.attach')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </div>
  );
}
