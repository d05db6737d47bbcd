import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { useSubmitErrors } from '../../../components/formErrors.js';
import { useNotify } from '../../../components/notify.js';
import { ErrorState, Loading, SubmitAlert, useErrorText } from '../../../components/States.js';
import { incidentKeys } from '../api.js';
import { obligationKeys, obligationsApi, type Draft, type Obligation } from './api.js';

interface Props {
  incidentId: string;
  obligation: Obligation;
  canUpdate: boolean;
}

/** The draft report with the fields the authority asks for, and its PDF and Word versions. Loaded when opened: it is secret content. */
export function DraftSection({ incidentId, obligation: o, canUpdate }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const regionId = `obligation-${o.code}-draft`;
  const total = o.regime.fields.length;
  if (total === 0) return null;
  return (
    <>
      <Group mt="sm">
        <Button variant="subtle" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen((v) => !v)}>
          {t(open ? 'obligations.draft.close' : 'obligations.draft.open', { filled: o.draftFilled, total })}
        </Button>
      </Group>
      <div id={regionId}>{open ? <DraftBody incidentId={incidentId} obligation={o} canUpdate={canUpdate} /> : null}</div>
    </>
  );
}

function DraftBody({ incidentId, obligation: o, canUpdate }: Props) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: obligationKeys.draft(incidentId, o.code), queryFn: () => obligationsApi.draft(incidentId, o.code) });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 403) return <Text mt="sm">{t('obligations.draft.forbidden')}</Text>;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <DraftForm incidentId={incidentId} obligation={o} draft={query.data} canUpdate={canUpdate} />;
}

function DraftForm({ incidentId, obligation: o, draft, canUpdate }: Props & { draft: Draft }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const prefix = `draft-${o.code}`;
  const { error, errorFor, busy, run } = useSubmitErrors(
    prefix,
    draft.fields.map((f) => `answers.${f.key}`),
  );
  const [answers, setAnswers] = useState<Record<string, string>>(() => ({ ...draft.answers }));
  const [downloading, setDownloading] = useState(false);
  const headingId = `${prefix}-heading`;

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const saved = await obligationsApi.saveDraft(incidentId, o.code, answers);
      client.setQueryData(obligationKeys.draft(incidentId, o.code), saved);
      // the card's "n of m answered" and the history; the saved draft itself is already in the cache
      await client.invalidateQueries({ queryKey: incidentKeys.detail(incidentId), exact: true });
      await client.invalidateQueries({ queryKey: incidentKeys.history(incidentId) });
      notify(t('obligations.draft.saved'));
    });
  };
  const fetchFile = async (format: 'pdf' | 'docx') => {
    setDownloading(true);
    try {
      await obligationsApi.downloadDraft(incidentId, o.code, format, `utkast-${o.code}`);
    } catch (err) {
      notify(`${t('obligations.draft.downloadFailed')} ${errorText(err)}`, 'error');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <form onSubmit={save} noValidate aria-labelledby={headingId}>
      <Stack gap="sm" mt="sm" maw={720}>
        <Title order={4} id={headingId}>
          {t('obligations.draft.heading', { name: o.regime.name })}
        </Title>
        <Text size="sm">{t('obligations.draft.intro', { recipient: o.regime.recipient })}</Text>
        <SubmitAlert error={error} />
        {draft.fields.map((f) => (
          <Textarea
            key={f.key}
            id={`${prefix}-answers.${f.key}`}
            label={f.label}
            autosize
            minRows={2}
            maxLength={20_000}
            readOnly={!canUpdate}
            value={answers[f.key] ?? ''}
            error={errorFor(`answers.${f.key}`)}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setAnswers((a) => ({ ...a, [f.key]: value }));
            }}
          />
        ))}
        <Group>
          {canUpdate ? (
            <Button type="submit" loading={busy}>
              {t('obligations.draft.save')}
            </Button>
          ) : null}
          <Button variant="default" disabled={downloading} onClick={() => void fetchFile('pdf')}>
            {t('obligations.draft.pdf')}
          </Button>
          <Button variant="default" disabled={downloading} onClick={() => void fetchFile('docx')}>
            {t('obligations.draft.docx')}
          </Button>
        </Group>
        {canUpdate ? <Text size="sm">{t('obligations.draft.saveFirst')}</Text> : null}
      </Stack>
    </form>
  );
}
