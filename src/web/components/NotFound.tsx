import { Anchor, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle.js';

export function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('common.notFoundTitle'));
  return (
    <>
      <Title order={1}>{t('common.notFoundTitle')}</Title>
      <Text my="md">{t('common.notFoundBody')}</Text>
      <Anchor component={Link} to="/systems">
        {t('common.toStart')}
      </Anchor>
    </>
  );
}
