import type { AuthenticationMethod, CostCategory, HostingType, LifecycleStatus, OrgUnitType, PersonalDataLevel } from './enums.js';

type Labels<K extends string> = Record<K, { sv: string; en: string }>;

// Human labels for exports and documents the server writes; the web app has the same in i18n.
export const lifecycleLabels: Labels<LifecycleStatus> = {
  planned: { sv: 'Planerat', en: 'Planned' },
  in_use: { sv: 'I drift', en: 'In use' },
  phasing_out: { sv: 'Under avveckling', en: 'Being phased out' },
  retired: { sv: 'Avvecklat', en: 'Retired' },
};

export const hostingLabels: Labels<HostingType> = {
  local: { sv: 'Lokalt i kommunens nät', en: 'Local, in the municipal network' },
  external: { sv: 'Extern drift', en: 'Externally operated' },
  cloud: { sv: 'Molntjänst', en: 'Cloud service' },
};

export const authenticationLabels: Labels<AuthenticationMethod> = {
  username_password: { sv: 'Användarnamn och lösenord', en: 'Username and password' },
  sso: { sv: 'Inloggning via kommunens IdP (SSO)', en: 'Municipal identity provider (SSO)' },
  bankid: { sv: 'BankID', en: 'BankID' },
  freja_eid_plus: { sv: 'Freja eID+', en: 'Freja eID+' },
  siths: { sv: 'SITHS-kort', en: 'SITHS card' },
  e_id_card: { sv: 'E-legitimationskort', en: 'e-ID card' },
  token: { sv: 'Dosa/token', en: 'Token' },
  other: { sv: 'Annat', en: 'Other' },
};

export const costCategoryLabels: Labels<CostCategory> = {
  licence: { sv: 'Licens', en: 'Licence' },
  operation: { sv: 'Drift', en: 'Operation' },
  support: { sv: 'Support', en: 'Support' },
  consultancy: { sv: 'Konsulttjänster', en: 'Consultancy' },
  hosting: { sv: 'Hosting', en: 'Hosting' },
  development: { sv: 'Utveckling', en: 'Development' },
  other: { sv: 'Övrigt', en: 'Other' },
};

export const orgUnitTypeLabels: Labels<OrgUnitType> = {
  department: { sv: 'Förvaltning', en: 'Department' },
  operation: { sv: 'Verksamhet', en: 'Operation' },
  unit: { sv: 'Enhet', en: 'Unit' },
  company: { sv: 'Kommunalt bolag', en: 'Municipal company' },
};

export const personalDataLabels: Labels<PersonalDataLevel> = {
  none: { sv: 'Inga', en: 'None' },
  ordinary: { sv: 'Vanliga personuppgifter', en: 'Ordinary personal data' },
  sensitive: { sv: 'Känsliga personuppgifter', en: 'Sensitive personal data' },
  personnummer: { sv: 'Personnummer', en: 'Personal identity numbers' },
};

export function label<K extends string>(labels: Labels<K>, key: K | null | undefined, lang: 'sv' | 'en'): string {
  return key ? (labels[key]?.[lang] ?? key) : '';
}
