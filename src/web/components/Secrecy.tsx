import type { ChangeEvent } from 'react';
import { Alert, Badge, Checkbox, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from './format.js';

/** The record's name, or the masked text when the viewer may not see it (the API sends null then). */
export const shownName = (t: TFunction, r: { name: string | null; masked: boolean }): string => r.name ?? t('secrecy.masked');

/** "Sekretess (26 kap. 1 § OSL)": a secret-marked record, in lists and on its page. */
export function SecretBadge({ provision, ml }: { provision: string | null; ml?: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="red" c="dark.9" tt="none" ml={ml} styles={{ label: { overflow: 'visible' } }}>
      {provision ? t('secrecy.badgeWith', { provision }) : t('secrecy.badge')}
    </Badge>
  );
}

/** In a list cell, the masked record's name in italics: withheld, not missing. */
export function MaskedName() {
  const { t } = useTranslation();
  return (
    <Text span fs="italic" fz="inherit" fw="inherit">
      {t('secrecy.masked')}
    </Text>
  );
}

/** A list cell whose content is withheld from this viewer. */
export function MaskedValue() {
  const { t } = useTranslation();
  return (
    <Text span fs="italic" fz="inherit">
      {t('secrecy.maskedShort')}
    </Text>
  );
}

/** Shown instead of a secret-marked record's content to a viewer without need-to-know. */
export function MaskedNotice({ provision }: { provision: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" role="note" mb="lg" title={t('secrecy.masked')}>
      <Text>{provision ? t('secrecy.maskedBecause', { provision }) : t('secrecy.maskedNoProvision')}</Text>
    </Alert>
  );
}

interface FieldsProps {
  secret: boolean;
  onSecretChange: (secret: boolean) => void;
  /** Id and server error of the checkbox (`<form>-secret`). */
  secretField: { id: string; error?: string | undefined };
  /** Id, error, value and change handler of the provision input (`<form>-secrecyProvision`). */
  provisionInput: {
    id: string;
    error?: string | undefined;
    value: string;
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  };
}

/** "Sekretessmarkerad" and, when ticked, the OSL provision it rests on (required). */
export function SecrecyFields({ secret, onSecretChange, secretField, provisionInput }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Checkbox
        {...secretField}
        label={t('secrecy.field')}
        description={t('secrecy.fieldHelp')}
        checked={secret}
        onChange={(e) => onSecretChange(e.currentTarget.checked)}
      />
      {secret ? (
        <TextInput
          {...provisionInput}
          label={requiredLabel(t, t('secrecy.provision'))}
          description={t('secrecy.provisionHelp')}
          required
          maxLength={200}
        />
      ) : null}
    </>
  );
}
