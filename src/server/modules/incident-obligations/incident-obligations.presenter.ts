import type { ObligationCode } from '../../../shared/enums.js';
import { isLocalTarget } from '../../../shared/incident-clocks.js';
import type { ObligationRow, RegimeRow } from './incident-obligations.repository.js';
import type { ObligationView, RegimeOut } from './incident-obligations.schemas.js';

export type Lang = 'sv' | 'en';
type Texts = { sv: string; en: string };

const pick = (v: unknown, lang: Lang): string => {
  const t = v as Partial<Texts> | null;
  return t?.[lang] ?? t?.sv ?? '';
};

// One reading of an incident's reach and reference, the incidents module's.
export { incidentScope, referenceOf as incidentLabel } from '../incidents/incidents.presenter.js';

export const regimeFields = (r: RegimeRow, lang: Lang) => (r.fields ?? []).map((f) => ({ key: f.key, label: lang === 'en' ? f.en : f.sv }));

export function presentRegime(r: RegimeRow, lang: Lang): RegimeOut {
  return {
    id: r.id,
    code: r.code as ObligationCode,
    version: r.version,
    validFrom: r.validFrom,
    own: r.tenantId !== null,
    name: pick(r.name, lang),
    recipient: pick(r.recipient, lang),
    legalBasis: r.legalBasis,
    deadline: r.deadline as RegimeOut['deadline'],
    localTarget: isLocalTarget(r.deadline),
    fields: regimeFields(r, lang),
    note: r.note ? pick(r.note, lang) || null : null,
    link: r.link,
    texts: {
      name: { sv: pick(r.name, 'sv'), en: pick(r.name, 'en') },
      recipient: { sv: pick(r.recipient, 'sv'), en: pick(r.recipient, 'en') },
      note: r.note ? { sv: pick(r.note, 'sv'), en: pick(r.note, 'en') } : null,
      fields: (r.fields ?? []).map((f) => ({ key: f.key, sv: f.sv, en: f.en })),
    },
  };
}

export const isOpen = (o: Pick<ObligationRow, 'applies' | 'submittedAt'>) => o.applies !== 'no' && o.submittedAt === null;

export function presentObligation(o: ObligationRow, regime: RegimeRow, lang: Lang, now = new Date()): ObligationView {
  const answers = Object.values(o.draft ?? {}).filter((v) => typeof v === 'string' && v.trim() !== '');
  return {
    id: o.id,
    code: o.code as ObligationCode,
    applies: o.applies as ObligationView['applies'],
    appliesReason: o.appliesReason,
    dueAt: o.dueAt.toISOString(),
    submittedAt: o.submittedAt?.toISOString() ?? null,
    reference: o.reference,
    lateReason: o.lateReason,
    overdue: isOpen(o) && o.dueAt.getTime() < now.getTime(),
    late: o.submittedAt !== null && o.submittedAt.getTime() > o.dueAt.getTime(),
    localTarget: isLocalTarget(regime.deadline),
    draftFilled: answers.length,
    version: o.version,
    updatedAt: o.updatedAt.toISOString(),
    regime: {
      id: regime.id,
      version: regime.version,
      name: pick(regime.name, lang),
      recipient: pick(regime.recipient, lang),
      legalBasis: regime.legalBasis,
      note: regime.note ? pick(regime.note, lang) || null : null,
      link: regime.link,
      fields: regimeFields(regime, lang),
    },
  };
}

// A viewer who sees the incident masked sees that the clocks exist and when they run out, not the
// written reasons or the authority's reference.
export const maskObligation = (o: ObligationView): ObligationView => ({
  ...o,
  appliesReason: null,
  reference: null,
  lateReason: null,
  draftFilled: 0,
});
