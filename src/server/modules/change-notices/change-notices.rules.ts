import { fieldProblem, Problem } from '../../platform/problems.js';
import type { ChangeNoticeKind } from './change-notices.schemas.js';

// The content rules a notice must meet before it is published (drafts may be incomplete).
export interface NoticeContent {
  kind: ChangeNoticeKind;
  systemIds: readonly string[];
  supplierIds: readonly string[];
  effectiveOn: string | null;
  acknowledgeBy: string | null;
}

interface Err {
  field: string;
  code: string;
  sv: string;
  en: string;
}
const err = (field: string, code: string, sv: string, en: string): Err => ({ field, code, sv, en });

export function publishErrors(n: NoticeContent, today: string): Err[] {
  const out: Err[] = [];
  if (!n.systemIds.length && !n.supplierIds.length)
    out.push(
      err(
        'systemIds',
        'no_recipients',
        'Välj minst ett IT-system eller en leverantör som meddelandet gäller.',
        'Choose at least one IT system or supplier the notice concerns.',
      ),
    );
  // D0-46: the municipality sets the date the connection is due (the source gives none)
  if (n.kind === 'sdk_request' && !n.supplierIds.length)
    out.push(
      err('supplierIds', 'required', 'Välj leverantören som ska ansluta till SDK.', 'Choose the supplier that is to connect to SDK.'),
    );
  if (n.kind === 'sdk_request' && !n.acknowledgeBy)
    out.push(
      err('acknowledgeBy', 'required', 'Ange när anslutningen till SDK senast ska vara klar.', 'Enter the date the SDK connection is due.'),
    );
  // D3-33: new instructions carry the date the suppliers must have adapted by
  if (n.kind === 'instruction' && !n.effectiveOn)
    out.push(
      err(
        'effectiveOn',
        'required',
        'Ange när leverantörerna senast ska ha anpassat sig till anvisningen.',
        'Enter the date the suppliers must have adapted to the instruction by.',
      ),
    );
  if (n.acknowledgeBy && n.acknowledgeBy < today)
    out.push(err('acknowledgeBy', 'in_past', 'Datumet har redan passerat.', 'The date has already passed.'));
  return out;
}

export function checkDates(n: { effectiveOn?: string | null; acknowledgeBy?: string | null }): void {
  if (n.effectiveOn && n.acknowledgeBy && n.acknowledgeBy > n.effectiveOn)
    throw fieldProblem(
      'acknowledgeBy',
      'after_effective',
      'Leverantörerna behöver bekräfta före eller samma dag som ändringen gäller.',
      'Suppliers need to acknowledge on or before the day the change takes effect.',
    );
}

export const validationProblem = (errs: Err[]) => new Problem('validation', undefined, errs);

// Overdue: published, not acknowledged, and the acknowledge-by day is over (Stockholm dates).
export const isOverdue = (acknowledgeBy: string | null, acknowledgedAt: Date | string | null, today: string) =>
  !acknowledgedAt && !!acknowledgeBy && acknowledgeBy < today;
