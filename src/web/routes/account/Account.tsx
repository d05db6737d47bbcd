import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
// account-section-imports
import { AccountNotificationsSection } from '../notifications/AccountNotificationsSection.js';
import { PasswordSection } from './PasswordSection.js';
import { MfaSection } from './MfaSection.js';
import { SessionsSection } from './SessionsSection.js';

/** The signed-in user's own security: password, second factors, sessions. Each section is its own component. */
export function Account() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="xl">
        {/* account-sections */}
        <PasswordSection />
        <MfaSection />
        <SessionsSection />
        <AccountNotificationsSection />
      </Stack>
    </>
  );
}
