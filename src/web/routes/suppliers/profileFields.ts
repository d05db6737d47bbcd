import type { TFunction } from 'i18next';
import type { Supplier } from '../../api/resources.js';
import type { FieldSpec, Row } from './RowsEditor.js';

type Profile = Supplier['profile'];
export type ListName = 'contacts' | 'premises' | 'telecom' | 'messaging' | 'subcontractors';

const p = (t: TFunction, k: string) => t(`supplierRegister.profile.${k}`);
const opts = (t: TFunction, group: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: t(`supplierRegister.profile.${group}.${value}`) }));

/** The list parts of the profile, each with its fields and a blank row. */
export function listSpecs(t: TFunction): Record<ListName, { legend: string; fields: FieldSpec[]; empty: Row }> {
  return {
    contacts: {
      legend: p(t, 'contacts'),
      fields: ['name', 'role', 'phone', 'email'].map((name) => ({ name, label: p(t, `contact.${name}`), required: name === 'name' })),
      empty: { name: '', role: '', phone: '', email: '' },
    },
    premises: {
      legend: p(t, 'premises'),
      fields: [
        { name: 'address', label: p(t, 'premise.address'), required: true },
        { name: 'tenure', label: p(t, 'premise.tenure'), kind: 'select', options: opts(t, 'tenures', ['municipal', 'rented', 'owned']) },
        { name: 'note', label: p(t, 'premise.note') },
      ],
      empty: { address: '', tenure: 'municipal', note: '' },
    },
    telecom: {
      legend: p(t, 'telecom'),
      fields: [
        { name: 'kind', label: p(t, 'telecomItem.kind'), kind: 'select', options: opts(t, 'telecomKinds', ['fax', 'sim']) },
        { name: 'number', label: p(t, 'telecomItem.number'), required: true },
        { name: 'assignedOn', label: p(t, 'telecomItem.assignedOn'), kind: 'date' },
        { name: 'status', label: p(t, 'telecomItem.status'), kind: 'select', options: opts(t, 'telecomStatuses', ['active', 'returned']) },
        { name: 'assignedTo', label: p(t, 'telecomItem.assignedTo') },
      ],
      empty: { kind: 'fax', number: '', assignedOn: '', status: 'active', assignedTo: '' },
    },
    messaging: {
      legend: p(t, 'messaging'),
      fields: [
        { name: 'name', label: p(t, 'message.name'), required: true },
        { name: 'encrypted', label: p(t, 'message.encrypted'), kind: 'checkbox' },
        { name: 'endToEnd', label: p(t, 'message.endToEnd'), kind: 'checkbox' },
        { name: 'justification', label: p(t, 'message.justification') },
      ],
      empty: { name: '', encrypted: false, endToEnd: false, justification: '' },
    },
    subcontractors: {
      legend: p(t, 'subcontractors'),
      fields: [
        { name: 'name', label: p(t, 'subcontractor.name'), required: true },
        { name: 'organisationNumber', label: p(t, 'subcontractor.organisationNumber') },
        { name: 'service', label: p(t, 'subcontractor.service'), required: true },
      ],
      empty: { name: '', organisationNumber: '', service: '' },
    },
  };
}

const asRow = (o: Record<string, unknown>): Row =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'boolean' ? v : v == null ? '' : String(v)]));

/** The editable form of a stored profile (derived fields dropped). */
export function draftOf(profile: Profile) {
  return {
    phone: profile.phone ?? '',
    voicemail: profile.voicemail ?? false,
    email: profile.email ?? '',
    supportName: profile.supportContact?.name ?? '',
    supportPhone: profile.supportContact?.phone ?? '',
    supportEmail: profile.supportContact?.email ?? '',
    contacts: profile.contacts.map(asRow),
    premises: profile.premises.map(({ address, tenure, note }) => asRow({ address, tenure, note })),
    telecom: profile.telecom.map(asRow),
    messaging: profile.messaging.map(asRow),
    subcontractors: profile.subcontractors.map(({ name, organisationNumber, service }) => asRow({ name, organisationNumber, service })),
    impact: asRow(
      profile.impactAssessment ?? { assessedOn: '', itSecurity: '', dataProtection: '', informationSecurity: '', conclusion: '' },
    ),
    publicInfo: asRow(profile.publicInfo ?? { description: '', website: '', visitingAddress: '', openingHours: '', languages: '' }),
  };
}
export type ProfileDraft = ReturnType<typeof draftOf>;
