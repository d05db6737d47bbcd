import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { useSystemOptions } from '../../components/options.js';
import { SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { campaignsApi, credentialKeys } from './api.js';

const ORDER = ['systemId', 'title', 'dueOn', 'populate'];

/** Start a recertification of one system's accounts (D0-15); the accounts known to Tillit are listed at once. */
export function CampaignForm() {
  const { t } = useTranslation();
  useDocumentTitle(t('recertifications.new'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const systems = useSystemOptions();
  const [draft, setDraft] = useState({ systemId: '', title: '', dueOn: '', populate: true });
  const { error, errorFor, busy, run } = useSubmitErrors('campaign', ORDER);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const saved = await campaignsApi.create(draft);
      await client.invalidateQueries({ queryKey: credentialKeys.campaigns });
      notify(t('recertifications.created'));
      await navigate(`/recertifications/${saved.data.id}`);
    });
  };
  return (
    <>
      <Title order={1}>{t('recertifications.new')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={640} mt="lg" gap="md">
          <SubmitAlert error={error} />
          <NativeSelect
            id="campaign-systemId"
            label={requiredLabel(t, t('recertifications.system'))}
            required
            value={draft.systemId}
            error={errorFor('systemId')}
            onChange={(e) => setDraft({ ...draft, systemId: e.currentTarget.value })}
            data={[{ value: '', label: t('recertifications.chooseSystem') }, ...systems.options]}
          />
          <TextInput
            id="campaign-title"
            label={requiredLabel(t, t('recertifications.name'))}
            required
            value={draft.title}
            error={errorFor('title')}
            onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
          />
          <TextInput
            id="campaign-dueOn"
            type="date"
            label={requiredLabel(t, t('recertifications.dueOn'))}
            required
            value={draft.dueOn}
            error={errorFor('dueOn')}
            onChange={(e) => setDraft({ ...draft, dueOn: e.currentTarget.value })}
          />
          <Checkbox
            id="campaign-populate"
            label={t('recertifications.populate')}
            description={t('recertifications.populateHelp')}
            checked={draft.populate}
            onChange={(e) => setDraft({ ...draft, populate: e.currentTarget.checked })}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('recertifications.start')}
            </Button>
            <Button component={Link} to="/recertifications" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
