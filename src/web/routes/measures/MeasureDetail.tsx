import { Alert, Anchor, Button, Group, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HistoryTab } from '../audit/HistoryTab.js';
import { Link, useParams } from 'react-router';
import { formatDate, formatSek } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { measureKeys, measuresApi, type Measure } from './api.js';
import { DueText } from './parts.js';

export function MeasureDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(measureKeys.all, measuresApi.get, id);
  const m = query.data?.data;
  useDocumentTitle(m ? (m.title ?? t('measures.secretTitle')) : t('measures.title'));
  const sek = (v: number | null) => (v === null ? null : formatSek(v));
  return (
    <Loaded query={query} title={t('measures.title')}>
      {({ data: r }) => (
        <>
          <PageHeader title={r.title ?? t('measures.secretTitle')}>
            {r.allowedActions.includes('update') && !r.masked ? (
              <Button component={Link} to={`/measures/${r.id}/edit`}>
                {t('measures.edit')}
              </Button>
            ) : null}
          </PageHeader>
          {r.masked ? <Alert mb="md">{t('measures.masked')}</Alert> : null}
          <DetailFields
            rows={[
              [t('measures.statusLabel'), t(`measures.status.${r.status}`)],
              [t('measures.originLabel'), <OriginText key="origin" m={r} />],
              [t('measures.basis'), r.basis],
              [t('measures.description'), r.description],
              [t('measures.owner'), r.owner?.displayName],
              [t('measures.unit'), r.unit?.name],
              [
                t('measures.system'),
                r.system ? (
                  <Anchor component={Link} to={`/systems/${r.system.id}`}>
                    {r.system.name ?? t('measures.secretTitle')}
                  </Anchor>
                ) : null,
              ],
              [t('measures.dueOn'), <DueText key="due" m={r} />],
              [
                t('measures.inPlans'),
                r.plans?.length ? (
                  <List key="plans">
                    {r.plans.map((p) => (
                      <List.Item key={p.activityId}>
                        <Anchor component={Link} to={`/action-plans/${p.id}`} underline="always">
                          {t('measures.inPlan', { year: p.year, activity: p.activityTitle })}
                        </Anchor>
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  t('measures.notInPlan')
                ),
              ],
              [t('measures.completedOn'), formatDate(r.completedOn, i18n.language)],
              [t('measures.priorityLabel'), t(`measures.priority.${r.priority}`)],
              [t('measures.plannedCost'), sek(r.plannedCostSek)],
              [t('measures.actualCost'), sek(r.actualCostSek)],
              [
                t('measures.risks'),
                r.risks.length ? (
                  <List key="risks">
                    {r.risks.map((k) => (
                      <List.Item key={k.id}>
                        <Anchor component={Link} to={`/risks/${k.id}`}>
                          {k.title ?? t('measures.secretTitle')}
                        </Anchor>
                      </List.Item>
                    ))}
                  </List>
                ) : null,
              ],
              [
                t('measures.goals'),
                r.goals.length ? (
                  <List key="goals">
                    {r.goals.map((g) => (
                      <List.Item key={g.id}>{`${g.code} ${g.text}`}</List.Item>
                    ))}
                  </List>
                ) : null,
              ],
            ]}
          />
          <HistoryTab path="measures" id={r.id} masked={r.masked} />
          <Group mt="lg">
            <Anchor component={Link} to="/measures">
              {t('measures.title')}
            </Anchor>
          </Group>
        </>
      )}
    </Loaded>
  );
}

/** Where the measure came from, linked when it has a page: the system's gap analysis, the risk, the
 * incident or the supplier follow-up whose deficiency it remedies. */
function OriginText({ m }: { m: Measure }) {
  const { t } = useTranslation();
  const label = t(`measures.origin.${m.origin}`);
  const byOrigin: Partial<Record<Measure['origin'], [string, string] | null>> = {
    gap: m.system ? [`/systems/${m.system.id}/gap-analysis`, 'measures.originGapLink'] : null,
    risk: m.originId ? [`/risks/${m.originId}`, 'measures.originRiskLink'] : null,
    incident: m.originId ? [`/incidents/${m.originId}`, 'measures.originIncidentLink'] : null,
    supplier_deficiency: m.originId ? [`/supplier-follow-ups/${m.originId}`, 'measures.originFollowUpLink'] : null,
  };
  const target = byOrigin[m.origin];
  if (!target) return <>{label}</>;
  return (
    <Anchor component={Link} to={target[0]} underline="always">
      {t(target[1], { label })}
    </Anchor>
  );
}
