import type { FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { usePermission } from '../auth/session.js';
import { orNull, useDraft } from '../continuity/parts.js';
import { peopleApi, registerKeys, type PersonInput, type SupplierPerson } from './api.js';

export const PERSON_KINDS = ['authorised_orderer', 'super_user', 'key_person', 'contact'] as const;
const ORDER = ['kind', 'name', 'title', 'email', 'phone', 'userId', 'validFrom', 'validTo'];

/** Add or change one of the supplier's people (D0-11 orderers, D3-29 super users, key persons, contacts). */
export function PersonForm({
  supplierId,
  person,
  etag,
  onDone,
}: {
  supplierId: string;
  person?: SupplierPerson;
  etag?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('person', ORDER);
  const { draft, set } = useDraft({
    kind: person?.kind ?? 'authorised_orderer',
    name: person?.name ?? '',
    title: person?.title ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
    userId: person?.userId ?? '',
    validFrom: person?.validFrom ?? '',
    validTo: person?.validTo ?? '',
  });
  // the supplier's portal accounts, for those who may read the user register (the coordinator)
  const mayUsers = usePermission('user');
  const users = useQuery({ queryKey: ['users', 'supplier', supplierId], queryFn: () => usersApi.list({ limit: 200 }), enabled: mayUsers });
  const accounts = (users.data?.items ?? []).filter((u) => u.assignments.some((a) => a.scopeSupplier?.id === supplierId));
  const l = (k: string) => t(`supplierRegister.people.${k}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = {
        name: draft.name,
        title: orNull(draft.title),
        email: orNull(draft.email),
        phone: orNull(draft.phone),
        ...(mayUsers ? { userId: orNull(draft.userId) } : {}),
        validFrom: orNull(draft.validFrom),
        validTo: orNull(draft.validTo),
      };
      if (person && etag) await peopleApi.update(person.id, etag, body);
      else await peopleApi.create(supplierId, { ...body, kind: draft.kind as PersonInput['kind'] });
      await client.invalidateQueries({ queryKey: ['suppliers'] });
      await client.invalidateQueries({ queryKey: registerKeys.people(supplierId) });
      notify(l('saved'));
      onDone();
    });
  };
  const text = (
    name: 'name' | 'title' | 'email' | 'phone' | 'validFrom' | 'validTo',
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextInput
      id={`person-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SubmitAlert error={error} />
        {person ? null : (
          <NativeSelect
            id="person-kind"
            label={requiredLabel(t, l('kind'))}
            value={draft.kind}
            error={errorFor('kind')}
            onChange={(e) => set('kind', e.currentTarget.value as typeof draft.kind)}
            data={PERSON_KINDS.map((k) => ({ value: k, label: l(`kinds.${k}`) }))}
          />
        )}
        {text('name', requiredLabel(t, l('name')), { required: true })}
        {text('title', l('title'))}
        <Group grow align="flex-start">
          {text('email', l('email'), { type: 'email' })}
          {text('phone', l('phone'))}
        </Group>
        {mayUsers ? (
          <NativeSelect
            id="person-userId"
            label={l('userId')}
            value={draft.userId}
            error={errorFor('userId')}
            onChange={(e) => set('userId', e.currentTarget.value)}
            data={[{ value: '', label: l('noUser') }, ...accounts.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))]}
          />
        ) : null}
        <Group grow align="flex-start">
          {text('validFrom', l('validFrom'), { type: 'date' })}
          {text('validTo', l('validTo'), { type: 'date' })}
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
