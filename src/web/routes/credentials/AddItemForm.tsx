import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { orNull } from '../continuity/parts.js';
import { campaignsApi, credentialKeys, type ItemInput } from './api.js';

const ORDER = ['personName', 'accountName', 'supplierId', 'permissions', 'reviewer'];
const initial = { personName: '', accountName: '', supplierId: '', permissions: '', reviewer: '' };

/** An account Tillit did not know of, added by hand to the review. */
export function AddItemForm({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list, staleTime: 60_000, retry: false });
  const [draft, setDraft] = useState(initial);
  const { error, errorFor, busy, run } = useSubmitErrors('item', ORDER);
  const set = (k: keyof typeof initial, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const body: ItemInput = {
        personName: draft.personName,
        accountName: draft.accountName,
        supplierId: orNull(draft.supplierId),
        permissions: orNull(draft.permissions),
        ...(draft.reviewer ? { reviewer: draft.reviewer as ItemInput['reviewer'] } : {}),
      };
      await campaignsApi.addItem(campaignId, body);
      await client.invalidateQueries({ queryKey: credentialKeys.campaigns });
      setDraft(initial);
      notify(t('recertifications.itemAdded'));
      document.getElementById('item-personName')?.focus();
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-item-heading">
      <Title order={2} mt="xl" mb="sm" id="add-item-heading">
        {t('recertifications.addAccount')}
      </Title>
      <Stack maw={640} gap="sm">
        <SubmitAlert error={error} />
        <TextInput
          id="item-personName"
          label={requiredLabel(t, t('recertifications.person'))}
          required
          value={draft.personName}
          error={errorFor('personName')}
          onChange={(e) => set('personName', e.currentTarget.value)}
        />
        <TextInput
          id="item-accountName"
          label={requiredLabel(t, t('recertifications.account'))}
          required
          value={draft.accountName}
          error={errorFor('accountName')}
          onChange={(e) => set('accountName', e.currentTarget.value)}
        />
        <NativeSelect
          id="item-supplierId"
          label={t('recertifications.supplier')}
          value={draft.supplierId}
          error={errorFor('supplierId')}
          onChange={(e) => set('supplierId', e.currentTarget.value)}
          data={[
            { value: '', label: t('credentials.municipality') },
            ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <Textarea
          id="item-permissions"
          label={t('recertifications.permissions')}
          autosize
          minRows={1}
          value={draft.permissions}
          error={errorFor('permissions')}
          onChange={(e) => set('permissions', e.currentTarget.value)}
        />
        <NativeSelect
          id="item-reviewer"
          label={t('recertifications.reviewer')}
          description={t('recertifications.reviewerHelp')}
          value={draft.reviewer}
          error={errorFor('reviewer')}
          onChange={(e) => set('reviewer', e.currentTarget.value)}
          data={[
            { value: '', label: t('recertifications.reviewerDefault') },
            ...(['manager', 'system_administrator', 'supplier'] as const).map((r) => ({
              value: r,
              label: t(`recertifications.reviewers.${r}`),
            })),
          ]}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('recertifications.addAccount')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
