// The kinds of notification a person can switch on or off, in the app and by e-mail. notify() accepts
// any kind (an unlisted kind is on in both channels), but only listed kinds appear in the preferences
// and get their own generic title when a secret subject is masked. A module adds its kinds here.

export interface NotificationKind {
  kind: string;
  label: { sv: string; en: string };
  // shown instead of the title when the person may not see the secret subject's content
  maskedTitle: { sv: string; en: string };
  defaults: { inApp: boolean; email: boolean };
}

const on = { inApp: true, email: true };

export const notificationKinds: readonly NotificationKind[] = [
  {
    kind: 'incident-reported',
    label: { sv: 'En incident har rapporterats', en: 'An incident has been reported' },
    maskedTitle: { sv: 'Sekretessmarkerad incident', en: 'Secret-marked incident' },
    defaults: on,
  },
  {
    kind: 'incident-crisis',
    label: { sv: 'Extraordinär händelse (krisledning)', en: 'Extraordinary event (crisis management)' },
    maskedTitle: { sv: 'Sekretessmarkerad extraordinär händelse', en: 'Secret-marked extraordinary event' },
    defaults: on,
  },
  {
    kind: 'incident-assigned',
    label: { sv: 'Du har fått en incident att hantera', en: 'You have been given an incident to handle' },
    maskedTitle: { sv: 'Sekretessmarkerad incident', en: 'Secret-marked incident' },
    defaults: on,
  },
  {
    kind: 'obligation-reminder',
    label: { sv: 'Påminnelse om anmälan till myndighet', en: 'Reminder of a report to an authority' },
    maskedTitle: { sv: 'Anmälan för en sekretessmarkerad incident', en: 'Report for a secret-marked incident' },
    defaults: on,
  },
  {
    kind: 'exercise-due',
    label: { sv: 'Kontinuitetsövning behövs', en: 'Continuity exercise needed' },
    maskedTitle: { sv: 'Övning för ett sekretessmarkerat system', en: 'Exercise for a secret-marked system' },
    defaults: on,
  },
  {
    kind: 'measure-due',
    label: { sv: 'Åtgärd som snart ska vara klar eller är försenad', en: 'Measure due soon or overdue' },
    maskedTitle: { sv: 'Sekretessmarkerad åtgärd', en: 'Secret-marked measure' },
    defaults: on,
  },
  {
    kind: 'classification-review-due',
    label: { sv: 'Klassning som ska ses över', en: 'Classification due for review' },
    maskedTitle: { sv: 'Klassning av en sekretessmarkerad informationsmängd', en: 'Classification of a secret-marked information asset' },
    defaults: on,
  },
  {
    kind: 'risk-analysis-update-due',
    label: { sv: 'Risk- och sårbarhetsanalys som ska uppdateras', en: 'Risk and vulnerability analysis due for update' },
    maskedTitle: { sv: 'Sekretessmarkerad riskanalys', en: 'Secret-marked risk analysis' },
    defaults: on,
  },
  // follow-ups (D1-17)
  {
    kind: 'follow-up-sent',
    label: { sv: 'Uppföljning från kommunen att besvara', en: 'Follow-up from the municipality to answer' },
    maskedTitle: { sv: 'Uppföljning', en: 'Follow-up' },
    defaults: on,
  },
  {
    kind: 'follow-up-answered',
    label: { sv: 'En leverantör har besvarat en uppföljning', en: 'A supplier has answered a follow-up' },
    maskedTitle: { sv: 'Uppföljning', en: 'Follow-up' },
    defaults: on,
  },
  // supplier register (D3-08)
  {
    kind: 'supplier-profile-changed',
    label: { sv: 'En leverantör har ändrat sina uppgifter', en: 'A supplier has changed its details' },
    maskedTitle: { sv: 'Leverantörsuppgifter har ändrats', en: 'Supplier details have changed' },
    defaults: on,
  },
  // change notices (D0-06, D3-33) and the orderers list (D0-11)
  {
    kind: 'change-notice-published',
    label: { sv: 'Förändringsmeddelande från kommunen', en: 'Change notice from the municipality' },
    maskedTitle: { sv: 'Förändringsmeddelande', en: 'Change notice' },
    defaults: on,
  },
  {
    kind: 'change-notice-overdue',
    label: { sv: 'Förändringsmeddelande som inte bekräftats i tid', en: 'Change notice not acknowledged in time' },
    maskedTitle: { sv: 'Förändringsmeddelande', en: 'Change notice' },
    defaults: on,
  },
  {
    kind: 'orderers-confirmation-due',
    label: { sv: 'Bekräfta listan över behöriga beställare', en: 'Confirm the list of authorised orderers' },
    maskedTitle: { sv: 'Behöriga beställare', en: 'Authorised orderers' },
    defaults: on,
  },
  // access orders (D0-12..D0-14)
  {
    kind: 'access-order-to-handle',
    label: { sv: 'Behörighetsbeställning att godkänna eller utföra', en: 'Access order to approve or carry out' },
    maskedTitle: { sv: 'Behörighetsbeställning i ett sekretessmarkerat system', en: 'Access order in a secret-marked system' },
    defaults: on,
  },
  {
    kind: 'access-order-escalated',
    label: { sv: 'Avslut av konto som inte utförts i tid', en: 'Account termination not carried out in time' },
    maskedTitle: { sv: 'Avslut av konto i ett sekretessmarkerat system', en: 'Account termination in a secret-marked system' },
    defaults: on,
  },
];

const byKind = new Map(notificationKinds.map((k) => [k.kind, k]));

export const kindOf = (kind: string): NotificationKind | undefined => byKind.get(kind);

export function maskedTitle(kind: string, lang: 'sv' | 'en'): string {
  return byKind.get(kind)?.maskedTitle[lang] ?? (lang === 'sv' ? 'Sekretessmarkerad uppgift' : 'Secret-marked item');
}

export function kindDefaults(kind: string): { inApp: boolean; email: boolean } {
  return byKind.get(kind)?.defaults ?? on;
}
