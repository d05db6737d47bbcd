import { useEffect, useRef, type MouseEvent } from 'react';
import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Text, VisuallyHidden, em, useMantineTheme } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { mayDo, useMe, useSignOut } from '../routes/auth/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { StartNotices } from './StartNotices.js';
import { TenantSwitch } from './TenantSwitch.js';
import { NotificationBell } from '../routes/notifications/NotificationBell.js';

type Me = NonNullable<ReturnType<typeof useMe>['data']>;

// 'portal': a supplier user's own organisation (the portal home); 'suppliers': the municipality's
// work with its suppliers (issue 7: register, contracts, follow-ups, notices, access and cards)
type Section = 'portal' | 'registers' | 'assessment' | 'incidents' | 'suppliers' | 'followUp' | 'admin' | 'own';
type NavItem = { to: string; label: string; section: Section; show: (me: Me | null | undefined) => boolean };

// issue 7: someone who works in a supplier organisation, and someone who (also) works for the municipality
const supplierUser = (me: Me | null | undefined) => !!me?.grants.some((g) => g.scopeType === 'supplier');
const municipalUser = (me: Me | null | undefined) => !!me?.grants.some((g) => g.scopeType !== 'supplier');
// a supplier-only user finds its organisation's pages under the portal; the municipality's under "Leverantörer"
const portalItem = (to: string, label: string, resource: string): NavItem => ({
  to,
  label,
  section: 'portal',
  show: (me) => mayDo(me, resource) && supplierUser(me) && !municipalUser(me),
});
const supplierItem = (to: string, label: string, resource: string): NavItem => ({
  to,
  label,
  section: 'suppliers',
  show: (me) => mayDo(me, resource) && municipalUser(me),
});

// The side navigation: each page shows only to those whose roles may use it (the server decides
// anyway; this keeps people from walking into pages that would only say "not allowed"). Pages are
// grouped as people work: the registers, the assessment (classify, assess, decide), follow-up, and
// the tenant's administration.
const NAV: NavItem[] = [
  // portal home and the supplier users' own pages (the first visible item is the start page)
  { to: '/portal', label: 'portal.nav', section: 'portal', show: supplierUser },
  // follow-ups are answered under /portal by anyone with a supplier grant (also a municipal user's)
  {
    to: '/portal/follow-ups',
    label: 'followUps.portalTitle',
    section: 'portal',
    show: (me) => mayDo(me, 'follow-up') && supplierUser(me),
  },
  portalItem('/change-notices', 'changeNotices.nav', 'change-notice'),
  portalItem('/access-orders', 'accessOrders.nav', 'access-order'),
  portalItem('/credentials', 'credentials.nav', 'credential'),
  portalItem('/recertifications', 'recertifications.nav', 'recertification'),
  portalItem('/reports/charge-back', 'chargeBack.nav', 'credential'),
  portalItem('/suppliers', 'portal.navOrganisation', 'supplier'),
  { to: '/systems', label: 'nav.systems', section: 'registers', show: (me) => mayDo(me, 'system') },
  { to: '/information-assets', label: 'nav.assets', section: 'registers', show: (me) => mayDo(me, 'information-asset') },
  { to: '/org-units', label: 'nav.orgUnits', section: 'registers', show: (me) => mayDo(me, 'org-unit') },
  { to: '/classification', label: 'classification.nav', section: 'assessment', show: (me) => mayDo(me, 'information-asset') },
  { to: '/requirements', label: 'requirements.nav', section: 'assessment', show: (me) => mayDo(me, 'requirement') },
  { to: '/risks', label: 'risks.nav', section: 'assessment', show: (me) => mayDo(me, 'risk') },
  { to: '/measures', label: 'measures.nav', section: 'assessment', show: (me) => mayDo(me, 'measure') },
  { to: '/action-plans', label: 'actionPlans.nav', section: 'assessment', show: (me) => mayDo(me, 'action-plan') },
  { to: '/policy-goals', label: 'measures.goalsNav', section: 'assessment', show: (me) => mayDo(me, 'policy-goal') },
  { to: '/incidents/report', label: 'incidents.nav.report', section: 'incidents', show: (me) => mayDo(me, 'incident', 'create') },
  { to: '/incidents/mine', label: 'incidents.nav.mine', section: 'incidents', show: (me) => mayDo(me, 'incident', 'create') },
  { to: '/incidents', label: 'incidents.nav.register', section: 'incidents', show: (me) => mayDo(me, 'incident') },
  { to: '/status', label: 'incidentComms.status.nav', section: 'incidents', show: (me) => !!me },
  {
    to: '/incidents/routes',
    label: 'incidentSettings.routesView.title',
    section: 'incidents',
    show: (me) => mayDo(me, 'incident-settings'),
  },
  { to: '/continuity', label: 'continuity.nav.overview', section: 'incidents', show: (me) => mayDo(me, 'continuity') },
  {
    to: '/continuity/restore-priority',
    label: 'continuity.nav.restorePriority',
    section: 'incidents',
    show: (me) => mayDo(me, 'restore-priority'),
  },
  { to: '/continuity/exercises', label: 'continuity.nav.exercises', section: 'incidents', show: (me) => mayDo(me, 'exercise') },
  // issue 7: the municipality's supplier work, from the register to the cards it charges for
  supplierItem('/suppliers', 'suppliers.nav', 'supplier'),
  supplierItem('/contracts', 'contracts.nav', 'contract'),
  supplierItem('/supplier-follow-ups', 'followUps.title', 'follow-up'),
  supplierItem('/change-notices', 'changeNotices.nav', 'change-notice'),
  supplierItem('/access-orders', 'accessOrders.nav', 'access-order'),
  supplierItem('/credentials', 'credentials.nav', 'credential'),
  supplierItem('/recertifications', 'recertifications.nav', 'recertification'),
  supplierItem('/reports/charge-back', 'chargeBack.nav', 'credential'),
  { to: '/log-reviews', label: 'logReviews.nav', section: 'followUp', show: (me) => mayDo(me, 'log-review') },
  { to: '/audit', label: 'audit.nav', section: 'followUp', show: (me) => mayDo(me, 'audit-trail') },
  { to: '/admin/users', label: 'users.nav', section: 'admin', show: (me) => mayDo(me, 'user') },
  { to: '/admin/settings', label: 'tenantSettings.nav', section: 'admin', show: (me) => mayDo(me, 'tenant-settings') },
  {
    to: '/admin/incident-settings',
    label: 'incidentSettings.nav',
    section: 'admin',
    show: (me) => mayDo(me, 'incident-settings', 'create'),
  },
  {
    to: '/admin/reporting-regimes',
    label: 'obligations.regimes.nav',
    section: 'admin',
    show: (me) => mayDo(me, 'incident-settings', 'create'),
  },
  { to: '/admin/sso', label: 'sso.nav', section: 'admin', show: (me) => mayDo(me, 'identity-provider', 'update') },
  { to: '/admin/api-tokens', label: 'apiTokens.nav', section: 'admin', show: (me) => mayDo(me, 'api-token', 'create') },
  { to: '/notifications', label: 'notifications.nav', section: 'own', show: (me) => !!me },
  { to: '/account', label: 'account.nav', section: 'own', show: (me) => !!me },
];

export const navFor = (me: Me | null | undefined) => NAV.filter((item) => item.show(me));

/**
 * The menu item for a path: the most specific one whose address starts the path, so "/incidents/mine"
 * marks "Mina rapporter", not also "Incidenter", while "/incidents/<id>" still marks "Incidenter".
 */
export function activeNavItem(items: readonly { to: string }[], pathname: string): string | undefined {
  return items
    .filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
    .reduce<string | undefined>((best, item) => (best === undefined || item.to.length > best.length ? item.to : best), undefined);
}

const SECTIONS: Section[] = ['portal', 'registers', 'assessment', 'incidents', 'suppliers', 'followUp', 'admin', 'own'];

/** Header, side navigation (a burger menu on small screens) and the main region of signed-in pages. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe().data;
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

  const visible = navFor(me);
  const activeTo = activeNavItem(visible, location.pathname);

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
            {me ? <NotificationBell /> : null}
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={() => void onSignOut()}>
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-nav" p="sm" aria-label={t('shell.mainNav')} inert={small && !navOpen}>
        {/* The menu scrolls on its own when it is longer than the window, so the links below it stay reachable. */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          {SECTIONS.map((section) => {
            const items = visible.filter((item) => item.section === section);
            if (items.length === 0) return null;
            return (
              <div key={section} role="group" aria-labelledby={`nav-section-${section}`}>
                <Text id={`nav-section-${section}`} size="xs" fw={700} c="dimmed" mt="sm" mb={4} px="sm">
                  {t(`shell.navSection.${section}`)}
                </Text>
                {items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={t(item.label)}
                    active={item.to === activeTo}
                    aria-current={item.to === activeTo ? 'page' : undefined}
                    variant="filled"
                  />
                ))}
              </div>
            );
          })}
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
        {(location.state as { start?: boolean } | null)?.start ? <StartNotices /> : null}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
