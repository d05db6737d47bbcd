import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert, useErrorText } from '../../components/States.js';
import { commsKeys, STAKEHOLDER_KINDS, stakeholdersApi, type Stakeholder, type StakeholderInput } from '../status/comms-api.js';

/** "Intressenter vid avbrott" on a system's page (D1-40): who is told about outages and disruptions. */
export function StakeholdersSection({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: commsKeys.stakeholders(systemId), queryFn: () => stakeholdersApi.list(systemId) });
  return (
    <section aria-labelledby="stakeholders-heading">
      <Title order={2} mt="xl" mb="sm" id="stakeholders-heading" tabIndex={-1}>
        {t('incidentComms.stakeholders.heading')}
      </Title>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.masked ? (
        <Text>{t('incidentComms.stakeholders.masked')}</Text>
      ) : (
        <>
          <Text mb="sm">{t('incidentComms.stakeholders.intro')}</Text>
          {query.data.items.length === 0 ? (
            <Text mb="sm">{t('incidentComms.stakeholders.empty')}</Text>
          ) : (
            <StakeholderTable systemId={systemId} items={query.data.items} canUpdate={query.data.canUpdate} />
          )}
          {query.data.canUpdate ? <AddStakeholder systemId={systemId} /> : null}
        </>
      )}
    </section>
  );
}

function StakeholderTable({ systemId, items, canUpdate }: { systemId: string; items: Stakeholder[]; canUpdate: boolean }) {
  const { t } = useTranslation();
  return (
    <Table striped maw={900}>
      <Table.Caption>{t('incidentComms.stakeholders.heading')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('incidentComms.stakeholders.name')}</Table.Th>
          <Table.Th scope="col">{t('incidentComms.stakeholders.kind')}</Table.Th>
          <Table.Th scope="col">{t('incidentComms.stakeholders.email')}</Table.Th>
          {canUpdate ? <Table.Th scope="col">{t('incidentComms.stakeholders.manage')}</Table.Th> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Th scope="row">{s.name}</Table.Th>
            <Table.Td>{t(`incidentComms.stakeholderKind.${s.kind}`)}</Table.Td>
            <Table.Td>{s.email ?? t('incidentComms.stakeholders.noEmail')}</Table.Td>
            {canUpdate ? (
              <Table.Td>
                <RemoveStakeholder systemId={systemId} stakeholder={s} />
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RemoveStakeholder({ systemId, stakeholder }: { systemId: string; stakeholder: Stakeholder }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await stakeholdersApi.remove(systemId, stakeholder.id);
      setOpen(false);
      await client.invalidateQueries({ queryKey: commsKeys.stakeholders(systemId) });
      notify(t('incidentComms.stakeholders.removed'));
      requestAnimationFrame(() => document.getElementById('stakeholders-heading')?.focus());
    } catch (e) {
      setOpen(false);
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="xs"
        variant="default"
        color="red"
        onClick={() => setOpen(true)}
        aria-label={t('incidentComms.stakeholders.removeLabel', { name: stakeholder.name })}
      >
        {t('incidentComms.stakeholders.remove')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('incidentComms.stakeholders.removeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="md">{t('incidentComms.stakeholders.removeBody', { name: stakeholder.name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()}>
            {t('incidentComms.stakeholders.remove')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

const FIELDS = ['kind', 'unitId', 'supplierId', 'name', 'email'];
type Kind = (typeof STAKEHOLDER_KINDS)[number];

function AddStakeholder({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('stakeholder', FIELDS);
  const empty = { kind: 'unit' as Kind, unitId: '', supplierId: '', name: '', email: '' };
  const [draft, setDraft] = useState(empty);
  const units = useOrgUnitOptions();
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list, staleTime: 60_000, retry: false });
  // supplier stakeholders need the supplier register; without it only units and external parties
  const kinds = STAKEHOLDER_KINDS.filter((k) => k !== 'supplier' || (suppliers.data?.length ?? 0) > 0);
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body: StakeholderInput = {
        kind: draft.kind,
        unitId: draft.kind === 'unit' ? draft.unitId || null : null,
        supplierId: draft.kind === 'supplier' ? draft.supplierId || null : null,
        name: draft.name.trim() || null,
        email: draft.email.trim() || null,
      };
      await stakeholdersApi.add(systemId, body);
      await client.invalidateQueries({ queryKey: commsKeys.stakeholders(systemId) });
      setDraft({ ...empty, kind: draft.kind });
      notify(t('incidentComms.stakeholders.added'));
    });
  };
  const external = draft.kind === 'external';
  return (
    <form onSubmit={submit} noValidate aria-labelledby="stakeholder-add">
      <Title order={3} size="h4" mt="md" mb="sm" id="stakeholder-add">
        {t('incidentComms.stakeholders.add')}
      </Title>
      <Stack maw={640} gap="sm">
        <SubmitAlert error={error} />
        <NativeSelect
          id="stakeholder-kind"
          label={t('incidentComms.stakeholders.kind')}
          data={kinds.map((k) => ({ value: k, label: t(`incidentComms.stakeholderKind.${k}`) }))}
          value={draft.kind}
          error={errorFor('kind')}
          onChange={(e) => set({ kind: e.currentTarget.value as Kind })}
        />
        {draft.kind === 'unit' ? (
          <NativeSelect
            id="stakeholder-unitId"
            label={requiredLabel(t, t('incidentComms.stakeholders.unit'))}
            required
            data={[{ value: '', label: t('incidentComms.stakeholders.chooseUnit') }, ...units.options]}
            value={draft.unitId}
            error={errorFor('unitId')}
            onChange={(e) => set({ unitId: e.currentTarget.value })}
          />
        ) : null}
        {draft.kind === 'supplier' ? (
          <NativeSelect
            id="stakeholder-supplierId"
            label={requiredLabel(t, t('incidentComms.stakeholders.supplier'))}
            required
            data={[
              { value: '', label: t('incidentComms.stakeholders.chooseSupplier') },
              ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={draft.supplierId}
            error={errorFor('supplierId')}
            onChange={(e) => set({ supplierId: e.currentTarget.value })}
          />
        ) : null}
        <TextInput
          id="stakeholder-name"
          label={external ? requiredLabel(t, t('incidentComms.stakeholders.name')) : t('incidentComms.stakeholders.name')}
          description={external ? undefined : t('incidentComms.stakeholders.nameHelp')}
          required={external}
          value={draft.name}
          error={errorFor('name')}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <TextInput
          id="stakeholder-email"
          type="email"
          autoComplete="off"
          label={external ? requiredLabel(t, t('incidentComms.stakeholders.email')) : t('incidentComms.stakeholders.email')}
          description={t('incidentComms.stakeholders.emailHelp')}
          required={external}
          value={draft.email}
          error={errorFor('email')}
          onChange={(e) => set({ email: e.currentTarget.value })}
        />
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('incidentComms.stakeholders.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
