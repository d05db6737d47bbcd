import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.js';
import en from './en.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'tillit.language';

function stored(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === 'en' || value === 'sv') return value;
  } catch {
    // Storage can be blocked (private mode, policies): Swedish is the default then.
  }
  return 'sv';
}

function apply(lang: string): void {
  document.documentElement.lang = lang;
  setApiLanguage(lang);
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the switch still works for this visit.
  }
  void i18n.changeLanguage(lang);
}

const initial = stored();
// Each feature may keep its texts in i18n/features/<feature>.<lang>.json under its own top-level key.
type Texts = Record<string, unknown>;
const featureFiles = import.meta.glob<Texts>('./features/*.json', { eager: true, import: 'default' });
function withFeatures(base: Texts, lang: Language): Texts {
  const merged: Texts = { ...base };
  for (const [file, texts] of Object.entries(featureFiles)) if (file.endsWith(`.${lang}.json`)) Object.assign(merged, texts);
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: withFeatures(sv, 'sv') }, en: { translation: withFeatures(en, 'en') } },
  lng: initial,
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
});
apply(initial);
i18n.on('languageChanged', apply);

export { i18n };
