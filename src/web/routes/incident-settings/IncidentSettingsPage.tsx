import type { ReactNode } from 'react';
import { Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { incidentSettingsKeys, settingsApi } from './api.js';
import { CategoriesTab } from './CategoriesTab.js';
import { RoutesTab } from './RoutesTab.js';
import { CrisisForm, RemindersForm, SecrecyForm } from './SettingsForms.js';

const TABS = ['categories', 'routes', 'crisis', 'reminders', 'secrecy'] as const;
type Tab = (typeof TABS)[number];

/** /admin/incident-settings: categories, reporting routes (D1-35), crisis group (D1-36), reminders, secrecy. */
export function IncidentSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidentSettings.title'));
  const mayCreate = usePermission('incident-settings', 'create');
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'categories';
  const settings = useQuery({ queryKey: incidentSettingsKeys.settings, queryFn: () => settingsApi.get() });
  const settingsPart = (render: (current: NonNullable<typeof settings.data>) => ReactNode) =>
    settings.isPending ? (
      <Loading />
    ) : settings.isError ? (
      <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
    ) : (
      render(settings.data)
    );
  return (
    <>
      <PageHeader title={t('incidentSettings.title')} />
      <Text mb="md" maw={760}>
        {t('incidentSettings.intro')}
      </Text>
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'categories' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List aria-label={t('incidentSettings.tabsLabel')} mb="md">
          {TABS.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t(`incidentSettings.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="categories">
          <CategoriesTab mayCreate={mayCreate} />
        </Tabs.Panel>
        <Tabs.Panel value="routes">
          <RoutesTab mayCreate={mayCreate} />
        </Tabs.Panel>
        <Tabs.Panel value="crisis">
          {settingsPart((s) => (
            <CrisisForm current={s} key={s.etag} />
          ))}
        </Tabs.Panel>
        <Tabs.Panel value="reminders">
          {settingsPart((s) => (
            <RemindersForm current={s} key={s.etag} />
          ))}
        </Tabs.Panel>
        <Tabs.Panel value="secrecy">
          {settingsPart((s) => (
            <SecrecyForm current={s} key={s.etag} />
          ))}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
