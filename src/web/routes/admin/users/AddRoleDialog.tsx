import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserRecord } from '../../../api/resources.js';
import { useSubmitErrors } from '../../../components/formErrors.js';
import { SubmitAlert } from '../../../components/States.js';
import { ASSIGNMENT_FIELDS, AssignmentFields, emptyAssignment, toAssignmentBody, type AssignmentDraft } from './AssignmentFields.js';

interface Props {
  opened: boolean;
  userId: string;
  userName: string;
  onClose: () => void;
  onSaved: (user: UserRecord) => Promise<void>;
}

/** Gives the user one more role, in a dialog; the server's field errors show at the fields. */
export function AddRoleDialog({ opened, userId, userName, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { error, clear, fail, errorFor } = useSubmitErrors('role', [...ASSIGNMENT_FIELDS]);
  const [draft, setDraft] = useState<AssignmentDraft>(emptyAssignment);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setDraft(emptyAssignment());
    clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const user = await usersApi.addAssignment(userId, toAssignmentBody(draft));
      await onSaved(user);
      close();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('users.addRoleTitle', { name: userName })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SubmitAlert error={error} />
          <AssignmentFields value={draft} onChange={setDraft} idFor={(f) => `role-${f}`} errorFor={errorFor} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('users.addRoleSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
