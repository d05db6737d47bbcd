import { List, PasswordInput, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';

export const PASSWORD_MIN = 12;

/** The password rules in plain words, shown before the user types (the server checks the same). */
export function PasswordRules() {
  const { t } = useTranslation();
  return (
    <div>
      <Text fw={600} size="sm">
        {t('password.rules.title')}
      </Text>
      <List size="sm" spacing={2} mt={4}>
        <List.Item>{t('password.rules.length')}</List.Item>
        <List.Item>{t('password.rules.free')}</List.Item>
        <List.Item>{t('password.rules.common')}</List.Item>
        <List.Item>{t('password.rules.context')}</List.Item>
      </List>
    </div>
  );
}

/**
 * What can be told before asking the server: too short (in characters, as the server counts them)
 * or the two copies differ. Shaped like the server's field errors so one form code handles both.
 */
export function localPasswordProblem(
  t: TFunction,
  fields: { password: string; repeat: string },
  names: { password: string; repeat: string },
) {
  const errors: { field: string; code: string; message: string }[] = [];
  if ([...fields.password.normalize('NFC')].length < PASSWORD_MIN) {
    errors.push({ field: names.password, code: 'password_too_short', message: t('password.tooShort') });
  }
  if (fields.password !== fields.repeat) errors.push({ field: names.repeat, code: 'mismatch', message: t('password.mismatch') });
  return errors.length ? new ApiError({ type: 'about:blank', title: t('password.checkTitle'), status: 422, errors }) : null;
}

/**
 * A password field as every password form here has it: a translated show/hide button, the error
 * under the field and `aria-invalid` on the input (PasswordInput does not set it itself), and the
 * rules as the description where a new password is chosen.
 */
export function PasswordField(props: {
  id: string;
  label: ReactNode;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  error?: string | null | undefined;
  withRules?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      id={props.id}
      label={props.label}
      autoComplete={props.autoComplete}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      aria-invalid={props.error ? true : undefined}
      {...(props.withRules ? { description: <PasswordRules />, descriptionProps: { component: 'div' } } : {})}
      visibilityToggleButtonProps={{ 'aria-label': t('password.toggle') }}
      data-autofocus={props.autoFocus || undefined}
      required
    />
  );
}
