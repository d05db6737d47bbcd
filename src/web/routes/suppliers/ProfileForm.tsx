import type { FormEvent } from 'react';
import { Alert, Button, Checkbox, Fieldset, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { supplierKeys, type Supplier } from '../../api/resources.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { useDraft } from '../continuity/parts.js';
import { updateProfile, type ProfilePatch } from './api.js';
import { draftOf, listSpecs, type ListName } from './profileFields.js';
import { cleanRow, RowsEditor, type Row } from './RowsEditor.js';

const LISTS: ListName[] = ['contacts', 'premises', 'telecom', 'messaging', 'subcontractors'];
const ORDER = [
  'profile.phone',
  'profile.email',
  'profile.supportContact',
  ...LISTS.map((l) => `profile.${l}`),
  'profile.impactAssessment',
  'profile.publicInfo',
];
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
const filled = (r: Row) => Object.values(r).some((v) => typeof v === 'string' && v.trim() !== '');

/** Changes the supplier's details; a supplier user's change tells the municipality (D3-08). */
export function ProfileForm({
  supplier,
  etag,
  onDone,
  supplierSide,
}: {
  supplier: Supplier;
  etag: string;
  onDone: () => void;
  supplierSide: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('profile', ORDER);
  const { draft, set } = useDraft(draftOf(supplier.profile));
  const specs = listSpecs(t);
  const p = (k: string) => t(`supplierRegister.profile.${k}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const profile = {
        phone: orNull(draft.phone),
        voicemail: draft.voicemail,
        email: orNull(draft.email),
        supportContact: draft.supportName.trim()
          ? { name: draft.supportName.trim(), phone: orNull(draft.supportPhone), email: orNull(draft.supportEmail) }
          : null,
        ...Object.fromEntries(LISTS.map((l) => [l, draft[l].map(cleanRow)])),
        impactAssessment: filled(draft.impact) ? cleanRow(draft.impact) : null,
        publicInfo: filled(draft.publicInfo) ? cleanRow(draft.publicInfo) : null,
      } as ProfilePatch;
      await updateProfile(supplier.id, etag, profile);
      await client.invalidateQueries({ queryKey: supplierKeys.all });
      notify(p('saved'));
      onDone();
    });
  };
  // server paths are profile.<part>…; the editor's ids use the same paths under the "profile" prefix
  const err = (f: string) => errorFor(`profile.${f}`);
  const group = (name: 'impact' | 'publicInfo', path: string, keys: string[], labels: string, multiline: string[] = []) => (
    <Fieldset legend={p(name === 'impact' ? 'impact' : 'publicInfo')}>
      <Stack gap="xs">
        {keys.map((k) => {
          const props = {
            key: k,
            id: `profile-profile.${path}.${k}`,
            label: p(`${labels}.${k}`),
            value: String(draft[name][k] ?? ''),
            error: err(`${path}.${k}`),
            onChange: (e: { currentTarget: { value: string } }) => set(name, { ...draft[name], [k]: e.currentTarget.value }),
          };
          return multiline.includes(k) ? (
            <Textarea autosize minRows={2} {...props} />
          ) : (
            <TextInput type={k === 'assessedOn' ? 'date' : 'text'} {...props} />
          );
        })}
      </Stack>
    </Fieldset>
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SubmitAlert error={error} />
        {supplierSide ? <Alert c="dark.9">{p('supplierNotice')}</Alert> : null}
        <Fieldset legend={p('reachability')}>
          <Group grow align="flex-start">
            <TextInput
              id="profile-profile.phone"
              label={p('phone')}
              value={draft.phone}
              error={err('phone')}
              onChange={(e) => set('phone', e.currentTarget.value)}
            />
            <TextInput
              id="profile-profile.email"
              label={p('email')}
              type="email"
              value={draft.email}
              error={err('email')}
              onChange={(e) => set('email', e.currentTarget.value)}
            />
          </Group>
          <Checkbox
            mt="sm"
            id="profile-profile.voicemail"
            label={p('voicemail')}
            checked={draft.voicemail}
            onChange={(e) => set('voicemail', e.currentTarget.checked)}
          />
        </Fieldset>
        <Fieldset legend={p('support')}>
          <Group grow align="flex-start">
            <TextInput
              id="profile-profile.supportContact.name"
              label={p('supportName')}
              value={draft.supportName}
              error={err('supportContact.name')}
              onChange={(e) => set('supportName', e.currentTarget.value)}
            />
            <TextInput
              id="profile-profile.supportContact.phone"
              label={p('supportPhone')}
              value={draft.supportPhone}
              error={err('supportContact.phone')}
              onChange={(e) => set('supportPhone', e.currentTarget.value)}
            />
            <TextInput
              id="profile-profile.supportContact.email"
              label={p('supportEmail')}
              type="email"
              value={draft.supportEmail}
              error={err('supportContact.email')}
              onChange={(e) => set('supportEmail', e.currentTarget.value)}
            />
          </Group>
        </Fieldset>
        {LISTS.map((l) => (
          <RowsEditor
            key={l}
            prefix="profile-profile"
            list={l}
            legend={specs[l].legend}
            fields={specs[l].fields}
            empty={specs[l].empty}
            rows={draft[l]}
            onChange={(rows) => set(l, rows)}
            errorFor={err}
          />
        ))}
        {group(
          'impact',
          'impactAssessment',
          ['assessedOn', 'itSecurity', 'dataProtection', 'informationSecurity', 'conclusion'],
          'impactFields',
          ['conclusion'],
        )}
        {group('publicInfo', 'publicInfo', ['description', 'website', 'visitingAddress', 'openingHours', 'languages'], 'publicFields', [
          'description',
        ])}
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
