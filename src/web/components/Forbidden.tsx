import { Anchor, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle.js';

/** A page this person's roles do not reach: says so plainly instead of showing an empty or failing page. */
export function Forbidden({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <>
      <Title order={1}>{title}</Title>
      <Text my="md">{body}</Text>
      <Anchor component={Link} to="/">
        {t('common.toStart')}
      </Anchor>
    </>
  );
}
