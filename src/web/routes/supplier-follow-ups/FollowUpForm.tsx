import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { followUpKeys, followUpsApi } from './api.js';

const ORDER = ['supplierId', 'title', 'plannedOn', 'answerBy'];

/** /supplier-follow-ups/new: plan a follow-up of one supplier (D1-17); it is sent from its page. */
export function FollowUpForm() {
  const { t } = useTranslation();
  useDocumentTitle(t('followUps.form.title'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list });
  const { error, errorFor, busy, run } = useSubmitErrors('follow-up', ORDER);
  const [draft, setDraft] = useState({ supplierId: '', title: '', plannedOn: new Date().toISOString().slice(0, 10), answerBy: '' });
  const set = (k: keyof typeof draft, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const { data } = await followUpsApi.create({
        supplierId: draft.supplierId,
        title: draft.title,
        plannedOn: draft.plannedOn,
        answerBy: draft.answerBy || null,
      });
      await client.invalidateQueries({ queryKey: followUpKeys.all });
      notify(t('followUps.form.created'));
      void navigate(`/supplier-follow-ups/${data.id}`);
    });
  };
  return (
    <>
      <PageHeader title={t('followUps.form.title')} />
      <form onSubmit={submit} noValidate>
        <Stack maw={640} gap="sm">
          <SubmitAlert error={error} />
          <NativeSelect
            id="follow-up-supplierId"
            label={requiredLabel(t, t('followUps.supplier'))}
            required
            value={draft.supplierId}
            error={errorFor('supplierId')}
            onChange={(e) => set('supplierId', e.currentTarget.value)}
            data={[
              { value: '', label: t('followUps.chooseSupplier') },
              ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <TextInput
            id="follow-up-title"
            label={requiredLabel(t, t('followUps.name'))}
            required
            value={draft.title}
            error={errorFor('title')}
            onChange={(e) => set('title', e.currentTarget.value)}
          />
          <TextInput
            id="follow-up-plannedOn"
            type="date"
            label={requiredLabel(t, t('followUps.plannedOn'))}
            required
            value={draft.plannedOn}
            error={errorFor('plannedOn')}
            onChange={(e) => set('plannedOn', e.currentTarget.value)}
          />
          <TextInput
            id="follow-up-answerBy"
            type="date"
            label={t('followUps.answerBy')}
            value={draft.answerBy}
            error={errorFor('answerBy')}
            onChange={(e) => set('answerBy', e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('followUps.form.save')}
            </Button>
            <Button variant="default" component={Link} to="/supplier-follow-ups">
              {t('followUps.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
