import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/notify.js';
import { useErrorText } from '../../components/States.js';

interface Texts {
  edit: string;
  editLabel: string;
  editTitle: string;
  archive: string;
  archiveLabel: string;
  archiveTitle: string;
  archiveBody: string;
  restore: string;
  restoreLabel: string;
}

/**
 * Edit, archive (asks first) and restore for one row of a settings list. `form` renders the edit form
 * in a dialog; `focusAfter` is the id of the heading that takes focus when the row leaves the list.
 */
export function RowActions({
  archived,
  allowed,
  texts,
  form,
  onArchive,
  onRestore,
  focusAfter,
}: {
  archived: boolean;
  allowed: readonly string[];
  texts: Texts;
  form: (done: () => void) => ReactNode;
  onArchive: () => Promise<void>;
  onRestore: () => Promise<void>;
  focusAfter: string;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<void>, after?: () => void) => {
    setBusy(true);
    try {
      await work();
      after?.();
      requestAnimationFrame(() => document.getElementById(focusAfter)?.focus());
    } catch (e) {
      after?.();
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      {allowed.includes('update') ? (
        <Button size="xs" variant="default" onClick={() => setEditing(true)} aria-label={texts.editLabel}>
          {texts.edit}
        </Button>
      ) : null}
      {allowed.includes('archive') ? (
        <Button size="xs" variant="default" color="red" onClick={() => setArchiving(true)} aria-label={texts.archiveLabel}>
          {texts.archive}
        </Button>
      ) : null}
      {archived && allowed.includes('restore') ? (
        <Button size="xs" variant="default" loading={busy} onClick={() => void act(onRestore)} aria-label={texts.restoreLabel}>
          {texts.restore}
        </Button>
      ) : null}
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={texts.editTitle}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? form(() => setEditing(false)) : null}
      </Modal>
      <Modal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={texts.archiveTitle}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="md">{texts.archiveBody}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setArchiving(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void act(onArchive, () => setArchiving(false))}>
            {texts.archive}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}

/** Texts for RowActions from an i18n group that has the usual keys, with the row's name filled in. */
export function rowTexts(t: (key: string, o?: Record<string, unknown>) => string, group: string, name: string): Texts {
  const k = (key: string) => t(`${group}.${key}`, { name });
  return {
    edit: k('edit'),
    editLabel: k('editLabel'),
    editTitle: k('editTitle'),
    archive: k('archive'),
    archiveLabel: k('archiveLabel'),
    archiveTitle: k('archiveTitle'),
    archiveBody: k('archiveBody'),
    restore: k('restore'),
    restoreLabel: k('restoreLabel'),
  };
}
