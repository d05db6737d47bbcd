import { useEffect, useRef, type MouseEvent } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Text, VisuallyHidden, em, useMantineTheme } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../routes/auth/session.js';
import { useSupplierPermissions } from '../routes/suppliers/access.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { TenantSwitch } from './TenantSwitch.js';

const NAV = [
  { to: '/systems', label: 'nav.systems' },
  { to: '/information-assets', label: 'nav.assets' },
  { to: '/org-units', label: 'nav.orgUnits' },
  { to: '/account', label: 'account.nav' },
] as const;

/** Header, side navigation (a burger menu on small screens) and the main region of signed-in pages. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayReadSuppliers = useSupplierPermissions().can('read');
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [navOpen, nav] = useDisclosure(false);
  const theme = useMantineTheme();
  // Below the breakpoint the closed menu is only moved off screen: make it inert so Tab skips it.
  const small = useMediaQuery(`(max-width: ${em(Number.parseFloat(theme.breakpoints.sm) * 16 - 0.1)})`);
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);

  // After client-side navigation, start screen readers and keyboard users at the new page.
  // Comparing paths (not a "first run" flag) stays correct when StrictMode runs effects twice.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    nav.close();
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname, nav]);

  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    mainRef.current?.focus();
  };

  const onSignOut = async () => {
    await signOut();
    await navigate('/sign-in', { replace: true });
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="lg">
      <a href="#main" className="skip-link" onClick={skip}>
        {t('shell.skipLink')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.toggleNav')}
              aria-expanded={navOpen}
              aria-controls="main-nav"
            />
            <Text fw={700} fz="lg" c="tillit.8">
              {t('common.appName')}
            </Text>
            {me ? <TenantSwitch current={me.tenant} /> : null}
          </Group>
          <Group gap="md" wrap="nowrap">
            {me ? (
              <Text visibleFrom="md" size="sm">
                <VisuallyHidden>{t('shell.signedInAs')} </VisuallyHidden>
                {me.user.displayName || me.user.email}
              </Text>
            ) : null}
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={() => void onSignOut()}>
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-nav" p="sm" aria-label={t('shell.mainNav')} inert={small && !navOpen}>
        <AppShell.Section grow>
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              component={RouterNavLink}
              to={item.to}
              label={t(item.label)}
              active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
              variant="filled"
            />
          ))}
          {mayReadSuppliers ? (
            <NavLink
              component={RouterNavLink}
              to="/suppliers"
              label={t('suppliers.nav')}
              active={location.pathname === '/suppliers' || location.pathname.startsWith('/suppliers/')}
              variant="filled"
            />
          ) : null}
          {me?.permissions?.user?.includes('read') ? (
            <NavLink
              component={RouterNavLink}
              to="/admin/users"
              label={t('users.nav')}
              active={location.pathname === '/admin/users' || location.pathname.startsWith('/admin/users/')}
              variant="filled"
            />
          ) : null}
          {me?.permissions?.['tenant-settings']?.includes('read') ? (
            <NavLink
              component={RouterNavLink}
              to="/admin/settings"
              label={t('tenantSettings.nav')}
              active={location.pathname === '/admin/settings'}
              variant="filled"
            />
          ) : null}
          {me?.permissions?.['identity-provider']?.includes('update') ? (
            <NavLink
              component={RouterNavLink}
              to="/admin/sso"
              label={t('sso.nav')}
              active={location.pathname === '/admin/sso'}
              variant="filled"
            />
          ) : null}
          {me?.roles.includes('coordinator') ? (
            <NavLink
              component={RouterNavLink}
              to="/admin/api-tokens"
              label={t('apiTokens.nav')}
              active={location.pathname === '/admin/api-tokens'}
              variant="filled"
            />
          ) : null}
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            component={RouterNavLink}
            to="/tillganglighet"
            label={t('nav.accessibility')}
            active={location.pathname === '/tillganglighet'}
            variant="filled"
          />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
