import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.js';

// Language names in their own language, so a user who cannot read the current one finds theirs.
const NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      size="xs"
      label={t('shell.language')}
      value={i18n.language}
      onChange={(e) => setLanguage(e.currentTarget.value as Language)}
      styles={{ root: { display: 'flex', alignItems: 'center', gap: '0.5rem' }, label: { marginBottom: 0 } }}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {NAMES[l]}
        </option>
      ))}
    </NativeSelect>
  );
}
