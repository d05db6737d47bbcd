import type { SupplierType } from '../../../shared/enums.js';
import type { ExportColumn } from '../../platform/export.js';
import type { SupplierOut } from './suppliers.schemas.js';

export const supplierTypeLabels: Record<SupplierType, { sv: string; en: string }> = {
  it_supplier: { sv: 'IT-leverantör', en: 'IT supplier' },
  care_provider: { sv: 'Utförare (vård och omsorg)', en: 'Care provider' },
  consultant: { sv: 'Konsult', en: 'Consultant' },
  other: { sv: 'Annan', en: 'Other' },
};

export const supplierExportColumns: ExportColumn<SupplierOut>[] = [
  { header: { sv: 'Namn', en: 'Name' }, value: (s) => s.name, width: 40 },
  { header: { sv: 'Organisationsnummer', en: 'Organisation number' }, value: (s) => s.organisationNumber, width: 20 },
  { header: { sv: 'Typ', en: 'Type' }, value: (s, l) => supplierTypeLabels[s.type][l], width: 26 },
  { header: { sv: 'Arkiverad', en: 'Archived' }, value: (s) => s.archived, width: 10 },
  { header: { sv: 'Id', en: 'Id' }, value: (s) => s.id, width: 38 },
  // D3-01, D3-07: how to reach the provider and what is published about it (publishing happens elsewhere)
  { header: { sv: 'Telefon', en: 'Telephone' }, value: (s) => s.profile.phone, width: 16 },
  { header: { sv: 'E-post', en: 'E-mail' }, value: (s) => s.profile.email, width: 28 },
  { header: { sv: 'Webbplats', en: 'Website' }, value: (s) => s.profile.publicInfo?.website ?? null, width: 28 },
  { header: { sv: 'Beskrivning', en: 'Description' }, value: (s) => s.profile.publicInfo?.description ?? null, width: 50 },
  { header: { sv: 'Att åtgärda', en: 'Needs attention' }, value: (s) => s.warnings.join(', '), width: 30 },
];
