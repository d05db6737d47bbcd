import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { CalendarFeedSection } from './CalendarFeedSection.js';
import { PreferencesSection } from './PreferencesSection.js';

/** What the person is told, and how: per kind in the app and by e-mail, and the calendar feed. */
export function NotificationSettings() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.settingsTitle'));
  return (
    <>
      <PageHeader title={t('notifications.settingsTitle')}>
        <Anchor component={Link} to="/notifications">
          {t('notifications.backToList')}
        </Anchor>
      </PageHeader>
      <Stack gap="xl">
        <PreferencesSection />
        <CalendarFeedSection />
      </Stack>
    </>
  );
}
