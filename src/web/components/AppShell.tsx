import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../routes/auth/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe().data;
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);

  // After client-side navigation, start screen readers and keyboard users at the new page.
  // Comparing paths (not a "first run" flag) stays correct when StrictMode runs effects twice.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    mainRef.current?.focus();
  }, [location.pathname]);

  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    mainRef.current?.focus();
  };

  const onSignOut = async () => {
    await signOut();
    await navigate('/sign-in', { replace: true });
  };

  return (
    <div className="shell">
      <a href="#main" className="skip-link" onClick={skip}>
        {t('shell.skipLink')}
      </a>
      <header className="shell-header">
        <span className="brand">{t('common.appName')}</span>
        {me ? (
          <span className="tenant" title={t('shell.organisation')}>
            {me.tenant.name}
          </span>
        ) : null}
        <div className="header-right">
          {me ? (
            <span className="user">
              <span className="visually-hidden">{t('shell.signedInAs')} </span>
              {me.user.displayName || me.user.email}
            </span>
          ) : null}
          <LanguageSwitch />
          <button type="button" className="btn btn-secondary" onClick={() => void onSignOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <nav className="shell-nav" aria-label={t('shell.mainNav')}>
        <ul>
          <li>
            <NavLink to="/systems">{t('nav.systems')}</NavLink>
          </li>
          <li>
            <NavLink to="/information-assets">{t('nav.assets')}</NavLink>
          </li>
          <li>
            <NavLink to="/org-units">{t('nav.orgUnits')}</NavLink>
          </li>
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1} className="shell-main">
        <Outlet />
      </main>
    </div>
  );
}
