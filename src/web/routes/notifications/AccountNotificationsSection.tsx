import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** On the account page: where notification preferences and the calendar feed are kept. */
export function AccountNotificationsSection() {
  const { t } = useTranslation();
  return (
    <Paper component="section" aria-labelledby="account-notifications-heading" withBorder p="lg">
      <Title order={2} id="account-notifications-heading" mb="sm">
        {t('notifications.accountSection')}
      </Title>
      <Stack align="flex-start">
        <Text>{t('notifications.accountIntro')}</Text>
        <Button variant="default" component={Link} to="/notifications/settings">
          {t('notifications.settingsLink')}
        </Button>
      </Stack>
    </Paper>
  );
}
