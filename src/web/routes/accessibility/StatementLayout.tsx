import { Anchor, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { PublicHeader } from '../../components/PublicLayout.js';
import { Shell } from '../../components/Shell.js';
import { Loading } from '../../components/States.js';
import { useMe } from '../auth/session.js';

/**
 * Pages anyone may read (the accessibility statement): inside the app shell when signed in, else
 * under the public header. When the session cannot be checked the page is still shown.
 */
export function StatementLayout() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) {
    return (
      <Container component="main" id="main" py="xl">
        <Loading />
      </Container>
    );
  }
  if (me.data) return <Shell />;
  return (
    <>
      <PublicHeader>
        <Anchor component={Link} to="/sign-in">
          {t('shell.signIn')}
        </Anchor>
      </PublicHeader>
      <Container component="main" id="main" tabIndex={-1} size={800} py="xl">
        <Outlet />
      </Container>
    </>
  );
}
