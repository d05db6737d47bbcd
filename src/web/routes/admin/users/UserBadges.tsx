import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserRecord } from '../../../api/resources.js';

type Status = Pick<UserRecord, 'disabled' | 'ssoLinked' | 'scimManaged' | 'mfa'>;

export const hasMfa = (u: Status): boolean => u.mfa.totp || u.mfa.passkeys > 0;

/** Disabled, signs in through the IdP (SSO), provisioned by the IdP (SCIM), has a second factor (MFA). */
export function UserBadges({ user }: { user: Status }) {
  const { t } = useTranslation();
  const badges: [key: string, color: string, label: string][] = [];
  if (user.disabled) badges.push(['disabled', 'red', t('users.badge.disabled')]);
  if (user.ssoLinked) badges.push(['sso', 'tillit', t('users.badge.sso')]);
  if (user.scimManaged) badges.push(['scim', 'tillit', t('users.badge.scim')]);
  if (hasMfa(user)) badges.push(['mfa', 'green', t('users.badge.mfa')]);
  if (badges.length === 0) return null;
  return (
    <Group gap={4} mt={4} component="span" style={{ display: 'flex' }}>
      {badges.map(([key, color, label]) => (
        <Badge key={key} variant="light" color={color} c="dark.9" tt="none" size="sm">
          {label}
        </Badge>
      ))}
    </Group>
  );
}
