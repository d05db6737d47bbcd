import type { ReactNode } from 'react';
import { Anchor, Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Header of the pages shown without signing in: the app's name, optional links and the language switch. */
export function PublicHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box component="header" px="md" py="sm" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group justify="space-between" gap="md">
        <Text fw={700} fz="lg" c="tillit.8">
          {t('common.appName')}
        </Text>
        <Group gap="md">
          {children}
          <LanguageSwitch />
        </Group>
      </Group>
    </Box>
  );
}

/** Footer of the pages shown without signing in, with the link to the accessibility statement. */
export function PublicFooter() {
  const { t } = useTranslation();
  return (
    <Box component="footer" px="md" py="lg" ta="center">
      <Anchor component={Link} to="/tillganglighet">
        {t('nav.accessibility')}
      </Anchor>
    </Box>
  );
}
