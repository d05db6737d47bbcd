import { viewOf } from '../../platform/access.js';
import type { DeadlineSource } from '../../platform/notify/deadlines.js';
import { maskedTitle } from '../../platform/notify/kinds.js';
import { incidentScope, presentRegime } from './incident-obligations.presenter.js';
import * as repo from './incident-obligations.repository.js';

// Open reporting clocks (to assess or to submit) of the incidents the person may read, for the calendar
// feed; a secret incident's title only for those who see its content.
export const obligationDeadlines: DeadlineSource = async (tx, actor, { lang }) => {
  const rows = await repo.openObligations(tx, actor.tenantId);
  const visible = rows.flatMap((r) => {
    const scope = incidentScope(r);
    const view = viewOf(actor, 'incident', scope);
    return view ? [{ r, scope, full: view === 'full' }] : [];
  });
  const regimes = await repo.regimesByIds(
    tx,
    visible.map((v) => v.r.regimeId),
  );
  return visible.map(({ r, scope, full }) => {
    const regime = regimes.get(r.regimeId);
    const name = regime ? presentRegime(regime, lang).name : r.code;
    return {
      key: `obligation:${r.id}`,
      title: `${name}: ${full ? r.title : maskedTitle('incident-reported', lang)}`,
      secret: r.secret,
      dueAt: r.dueAt,
      allDay: false,
      link: `/incidents/${r.incidentId}`,
      subject: { resource: 'incident' as const, id: r.incidentId, scope },
    };
  });
};
