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
];
