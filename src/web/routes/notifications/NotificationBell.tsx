import { ActionIcon, Indicator, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { notificationKeys, notificationsApi } from './api.js';

/** The header's bell: a link to the notification centre whose name says how many are unread. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // Refreshed on every page change and when the window regains focus, never on a timer: a timed poll
  // would count as activity and keep an unattended session alive past the tenant's idle limit.
  const unread = useQuery({ queryKey: notificationKeys.unread, queryFn: () => notificationsApi.unreadCount() });
  const { refetch } = unread;
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    void refetch();
  }, [pathname, refetch]);
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');
  return (
    <>
      <Indicator
        label={<span aria-hidden="true">{count > 99 ? '99+' : count}</span>}
        size={18}
        disabled={count === 0}
        color="red"
        offset={4}
      >
        <ActionIcon component={Link} to="/notifications" variant="subtle" size="lg" aria-label={label}>
          <svg
            width="22"
            height="22"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            aria-hidden="true"
            focusable="false"
          >
            <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.73 21a2 2 0 0 1-3.46 0" />
          </svg>
        </ActionIcon>
      </Indicator>
      {/* Announces a change of the count (not the first value) without moving the focus. */}
      <VisuallyHidden role="status" aria-live="polite">
        {unread.isSuccess ? label : ''}
      </VisuallyHidden>
    </>
  );
}
