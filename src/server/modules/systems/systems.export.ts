import { authenticationLabels, hostingLabels, label, lifecycleLabels } from '../../../shared/labels.js';
import type { ExportColumn } from '../../platform/export.js';
import type { SystemListItem } from './systems.schemas.js';

// One column per cost year present in the export (D1-14: all costs of the services are shown).
export function systemExportColumns(years: number[]): ExportColumn<SystemListItem>[] {
  return [
    { header: { sv: 'Namn', en: 'Name' }, value: (s) => s.name, width: 30 },
    { header: { sv: 'Beskrivning', en: 'Description' }, value: (s) => s.description, width: 40 },
    { header: { sv: 'Ansvarig verksamhet', en: 'Responsible unit' }, value: (s) => s.responsibleUnit.name, width: 30 },
    { header: { sv: 'Systemägare', en: 'System owner' }, value: (s) => s.systemOwner },
    { header: { sv: 'Systemförvaltare', en: 'System administrators' }, value: (s) => s.systemAdministrators.join(', ') },
    { header: { sv: 'Driftansvarig', en: 'Operations responsible' }, value: (s) => s.operationsResponsible },
    { header: { sv: 'Leverantör', en: 'Supplier' }, value: (s) => s.supplier },
    { header: { sv: 'Driftform', en: 'Hosting' }, value: (s, l) => label(hostingLabels, s.hosting, l) },
    {
      header: { sv: 'Inloggningsmetod', en: 'Authentication method' },
      value: (s, l) => label(authenticationLabels, s.authenticationMethod, l),
    },
    { header: { sv: 'Kritiskt', en: 'Critical' }, value: (s) => s.critical, width: 10 },
    { header: { sv: 'Livscykelstatus', en: 'Lifecycle status' }, value: (s, l) => label(lifecycleLabels, s.lifecycleStatus, l) },
    { header: { sv: 'Senast granskad', en: 'Last reviewed' }, value: (s) => s.lastReviewedOn, width: 14 },
    ...years.map((year): ExportColumn<SystemListItem> => ({
      header: { sv: `Kostnad ${year} (kr)`, en: `Cost ${year} (SEK)` },
      value: (s) => s.costTotals.find((c) => c.year === year)?.amountSek ?? 0,
      width: 16,
    })),
    { header: { sv: 'Arkiverad', en: 'Archived' }, value: (s) => s.archived, width: 10 },
    { header: { sv: 'Id', en: 'Id' }, value: (s) => s.id, width: 38 },
  ];
}
