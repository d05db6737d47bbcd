import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Table, TextInput, Title, VisuallyHidden, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ssoApi, ssoKeys, type GroupMapping } from '../../../api/resources.js';
import { requiredLabel } from '../../../components/format.js';
import { useSubmitErrors } from '../../../components/formErrors.js';
import { useNotify } from '../../../components/notify.js';
import { EmptyState, ErrorState, Loading, SubmitAlert } from '../../../components/States.js';
import { AssignmentFields, ASSIGNMENT_FIELDS, emptyAssignment, toAssignmentBody, type AssignmentDraft } from '../users/AssignmentFields.js';
import { ConfirmDialog } from '../users/ConfirmDialog.js';
import { roleName, scopeText } from '../users/roles.js';

/** Add one group → role mapping: the group's name and the same role-and-scope fields as a manual assignment. */
function AddMappingDialog({ opened, onClose, onAdded }: { opened: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const [groupName, setGroupName] = useState('');
  const [assignment, setAssignment] = useState<AssignmentDraft>(emptyAssignment);
  const [busy, setBusy] = useState(false);
  const errors = useSubmitErrors('mapping', ['groupName', ...ASSIGNMENT_FIELDS]);

  const close = () => {
    setGroupName('');
    setAssignment(emptyAssignment());
    errors.clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await ssoApi.createMapping({ groupName, ...toAssignmentBody(assignment) });
      onAdded();
      close();
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('sso.groups.form.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      size="lg"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <SubmitAlert error={errors.error} />
          <TextInput
            id="mapping-groupName"
            label={requiredLabel(t, t('sso.groups.form.group'))}
            description={t('sso.groups.form.groupHint')}
            required
            maxLength={200}
            value={groupName}
            onChange={(e) => setGroupName(e.currentTarget.value)}
            error={errors.errorFor('groupName')}
            data-autofocus
          />
          <AssignmentFields
            value={assignment}
            onChange={setAssignment}
            idFor={(f) => `mapping-${f}`}
            errorFor={(f) => errors.errorFor(f)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('sso.groups.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The tenant's group → role table: who gets which role from the IdP's groups at sign-in. */
export function GroupMappings({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<GroupMapping | null>(null);
  const list = useQuery({ queryKey: ssoKeys.mappings, queryFn: async () => (await ssoApi.mappings()).items });
  const refresh = () => client.invalidateQueries({ queryKey: ssoKeys.mappings });

  return (
    <section aria-labelledby="sso-groups-title">
      <Group justify="space-between" align="center" mt="xl" mb="sm">
        <Title order={2} id="sso-groups-title">
          {t('sso.groups.title')}
        </Title>
        {canEdit ? <Button onClick={() => setAdding(true)}>{t('sso.groups.add')}</Button> : null}
      </Group>
      <Text mb="md" maw={800}>
        {t('sso.groups.intro')}
      </Text>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.length === 0 ? <EmptyState text={t('sso.groups.empty')} /> : null}
      {list.isSuccess && list.data.length > 0 ? (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped>
            <VisuallyHidden component="caption">{t('sso.groups.listLabel')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sso.groups.col.group')}</Table.Th>
                <Table.Th scope="col">{t('sso.groups.col.role')}</Table.Th>
                <Table.Th scope="col">{t('sso.groups.col.scope')}</Table.Th>
                {canEdit ? <Table.Th scope="col">{t('sso.groups.col.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row" fw={600}>
                    {m.groupName}
                  </Table.Th>
                  <Table.Td>{roleName(t, m.role)}</Table.Td>
                  <Table.Td>{scopeText(t, m)}</Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      {m.allowedActions.includes('delete') ? (
                        <Button
                          variant="default"
                          size="xs"
                          onClick={() => setRemoving(m)}
                          aria-label={t('sso.groups.removeLabel', { group: m.groupName })}
                        >
                          {t('sso.groups.remove')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <AddMappingDialog
        opened={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          void refresh();
          notify(t('sso.groups.added'));
        }}
      />
      <ConfirmDialog
        opened={removing !== null}
        title={t('sso.groups.removeTitle')}
        body={
          removing
            ? t('sso.groups.removeBody', { group: removing.groupName, role: roleName(t, removing.role), scope: scopeText(t, removing) })
            : ''
        }
        confirmLabel={t('sso.groups.remove')}
        onConfirm={async () => {
          await ssoApi.removeMapping(removing!.id);
          await refresh();
          notify(t('sso.groups.removed'));
        }}
        onClose={() => setRemoving(null)}
      />
    </section>
  );
}
