import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useSystemOptions } from '../../components/options.js';
import { SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { useSupplierSystemOptions } from '../suppliers/systemOptions.js';
import { incidentKeys, incidentsApi, type MineItem } from './api.js';
import { fromLocalInput, nowLocalInput, orNull } from './parts.js';

const ORDER = ['title', 'awareAt', 'systemIds', 'reportText'];

/** The short report form everyone may use (D1-52): what happened, when it was noticed, which system. */
export function ReportIncident() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.report.title'));
  const client = useQueryClient();
  const maySystems = usePermission('system');
  // D1-35: the routes are shown to those who report (not to supplier users and elected officials)
  const mayRoutes = usePermission('incident-settings');
  const systems = useSystemOptions({ enabled: maySystems });
  // supplier register (D0-31): supplier users pick among their organisation's systems
  const supplierSystems = useSupplierSystemOptions({ enabled: !maySystems });
  const systemOptions = maySystems ? systems.options : supplierSystems;
  const { error, errorFor, busy, run } = useSubmitErrors('report', ORDER);
  const [draft, setDraft] = useState({ title: '', awareAt: nowLocalInput(), systemId: '', reportText: '' });
  const [done, setDone] = useState<MineItem | null>(null);
  // the page changes without a new address: the keyboard and screen readers start at its new heading
  const shown = useRef(done);
  useEffect(() => {
    if (shown.current === done) return;
    shown.current = done;
    requestAnimationFrame(() => document.getElementById(done ? 'report-done-heading' : 'report-heading')?.focus());
  }, [done]);
  const set = (k: keyof typeof draft) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [k]: value }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await incidentsApi.report({
        title: draft.title,
        awareAt: fromLocalInput(draft.awareAt),
        reportText: orNull(draft.reportText),
        ...(draft.systemId ? { systemIds: [draft.systemId] } : {}),
      });
      await client.invalidateQueries({ queryKey: incidentKeys.all });
      setDone(created);
    });
  };

  if (done)
    return (
      <>
        <Title order={1} id="report-done-heading" tabIndex={-1} mb="lg">
          {t('incidents.report.thanks')}
        </Title>
        <Stack maw={720} gap="md">
          <Alert color="tillit" role="status" title={t('incidents.report.received', { reference: done.reference })}>
            <Text>{t('incidents.report.receivedText')}</Text>
          </Alert>
          {done.route?.instructions ? (
            <section aria-labelledby="route-heading">
              <Title order={2} size="h3" id="route-heading">
                {t('incidents.report.instructions')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{done.route.instructions}</Text>
            </section>
          ) : null}
          <Group>
            <Button component={Link} to="/incidents/mine">
              {t('incidents.mine.title')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setDone(null);
                setDraft({ title: '', awareAt: nowLocalInput(), systemId: '', reportText: '' });
              }}
            >
              {t('incidents.report.another')}
            </Button>
          </Group>
        </Stack>
      </>
    );

  return (
    <>
      <Title order={1} id="report-heading" tabIndex={-1} mb="lg">
        {t('incidents.report.title')}
      </Title>
      <Text maw={720} mb="sm">
        {t('incidents.report.intro')}
      </Text>
      {mayRoutes ? (
        <Text maw={720} mb="md">
          {t('incidents.report.routesIntro')}{' '}
          <Anchor component={Link} to="/incidents/routes" underline="always">
            {t('incidents.report.routesLink')}
          </Anchor>
        </Text>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack maw={720} gap="sm">
          <SubmitAlert error={error} />
          <TextInput
            id="report-title"
            error={errorFor('title')}
            label={requiredLabel(t, t('incidents.report.what'))}
            description={t('incidents.report.whatHelp')}
            required
            maxLength={300}
            value={draft.title}
            onChange={set('title')}
          />
          <TextInput
            id="report-awareAt"
            error={errorFor('awareAt')}
            type="datetime-local"
            label={requiredLabel(t, t('incidents.report.when'))}
            description={t('incidents.report.whenHelp')}
            required
            value={draft.awareAt}
            onChange={set('awareAt')}
          />
          {maySystems || systemOptions.length ? (
            <NativeSelect
              id="report-systemIds"
              error={errorFor('systemIds')}
              label={t('incidents.report.system')}
              description={t('incidents.report.systemHelp')}
              data={[{ value: '', label: t('incidents.report.noSystem') }, ...systemOptions]}
              value={draft.systemId}
              onChange={set('systemId')}
            />
          ) : null}
          <Textarea
            id="report-reportText"
            error={errorFor('reportText')}
            label={t('incidents.report.description')}
            description={t('incidents.report.descriptionHelp')}
            autosize
            minRows={4}
            maxLength={10000}
            value={draft.reportText}
            onChange={set('reportText')}
          />
          <Group>
            <Button type="submit" disabled={busy}>
              {t('incidents.report.submit')}
            </Button>
            <Anchor component={Link} to="/incidents/mine">
              {t('incidents.mine.title')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </>
  );
}
