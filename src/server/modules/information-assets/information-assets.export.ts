import { label, personalDataLabels } from '../../../shared/labels.js';
import type { ExportColumn } from '../../platform/export.js';
import type { AssetOut } from './information-assets.schemas.js';

export const assetExportColumns: ExportColumn<AssetOut>[] = [
  { header: { sv: 'Namn', en: 'Name' }, value: (a) => a.name, width: 30 },
  { header: { sv: 'Beskrivning', en: 'Description' }, value: (a) => a.description, width: 40 },
  { header: { sv: 'Ägare', en: 'Owner' }, value: (a) => a.owner },
  { header: { sv: 'Organisation', en: 'Organisation unit' }, value: (a) => a.unit.name, width: 30 },
  { header: { sv: 'Personuppgifter', en: 'Personal data' }, value: (a, l) => label(personalDataLabels, a.personalData, l) },
  { header: { sv: 'IT-system', en: 'IT systems' }, value: (a) => a.systems.map((s) => s.name).join(', '), width: 40 },
  { header: { sv: 'Arkiverad', en: 'Archived' }, value: (a) => a.archived, width: 10 },
  { header: { sv: 'Id', en: 'Id' }, value: (a) => a.id, width: 38 },
];
