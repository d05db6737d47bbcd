import { Alert, Anchor, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatSek } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { MaskedNotice, SecretBadge } from '../../components/Secrecy.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { incidentKeys, incidentsApi, type Incident } from './api.js';
import { CommunicationsPanel } from './CommunicationsPanel.js';
import { IncidentMeasures } from './IncidentMeasures.js';
import { ObligationsPanel } from './ObligationsPanel.js';
import { OutagePanel } from './OutagePanel.js';
import { CrisisBadge, formatDateTime, StatusBadge } from './parts.js';
import { CrisisSection, Escalation, Timeline } from './Timeline.js';
import { TriageForm } from './TriageForm.js';

/** One incident: what was reported, the legal clocks, triage, timeline, outage, measures and notices. */
export function IncidentDetail() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useRecord(incidentKeys.all, incidentsApi.get, id);
  const r = query.data?.data;
  useDocumentTitle(r ? `${r.reference} ${r.title ?? t('secrecy.masked')}` : t('incidents.list.title'));
  return (
    <Loaded query={query} title={t('incidents.list.title')}>
      {({ data, etag }) => (
        <>
          <PageHeader title={`${data.reference} ${data.title ?? t('secrecy.masked')}`} />
          <Group gap="xs" mb="md">
            <StatusBadge status={data.status} />
            {data.crisis ? <CrisisBadge /> : null}
            {data.secret ? <SecretBadge provision={data.secrecyProvision} /> : null}
          </Group>
          {data.masked ? <MaskedNotice provision={data.secrecyProvision} /> : null}
          <CrisisSection r={data} />
          <Summary r={data} />
          <ObligationsPanel
            incidentId={data.id}
            obligations={data.obligations}
            canUpdate={data.can.update}
            personalData={data.personalData ?? 'unknown'}
          />
          <OutagePanel r={data} etag={etag} />
          {data.can.update && !data.masked ? <TriageForm r={data} etag={etag} /> : <Documentation r={data} />}
          <Timeline r={data} />
          <Escalation r={data} etag={etag} />
          <IncidentMeasures r={data} />
          <CommunicationsPanel incidentId={data.id} canUpdate={data.can.update} />
          <HistoryTab path="incidents" id={data.id} masked={data.masked} />
          <Group mt="xl">
            <Anchor component={Link} to="/incidents">
              {t('incidents.list.title')}
            </Anchor>
          </Group>
        </>
      )}
    </Loaded>
  );
}

function Summary({ r }: { r: Incident }) {
  const { t, i18n } = useTranslation();
  const dt = (v: string | null) => formatDateTime(v, i18n.language);
  return (
    <DetailFields
      rows={[
        [t('incidents.fields.type'), t(`incidents.type.${r.type}`)],
        [t('incidents.fields.severity'), r.severity ? t(`incidents.severity.${r.severity}`) : t('incidents.unassessed')],
        [t('incidents.fields.awareAt'), dt(r.awareAt)],
        [t('incidents.fields.occurredAt'), dt(r.occurredAt)],
        [t('incidents.fields.reportedAt'), dt(r.reportedAt)],
        [
          t('incidents.fields.reporter'),
          r.reporter ? `${r.reporter.displayName}${r.reporterSupplier?.name ? ` (${r.reporterSupplier.name})` : ''}` : null,
        ],
        [t('incidents.fields.reportText'), r.reportText ? <Text style={{ whiteSpace: 'pre-wrap' }}>{r.reportText}</Text> : null],
        [
          t('incidents.fields.route'),
          r.route ? `${r.route.name}${r.route.instructions ? ` – ${r.route.instructions}` : ''}` : t('incidents.noRoute'),
        ],
        [t('incidents.fields.handlingUnit'), r.handlingUnit?.name],
        [t('incidents.fields.handler'), r.handler?.displayName],
        [
          t('incidents.fields.systems'),
          r.systems.length ? (
            <List>
              {r.systems.map((s) => (
                <List.Item key={s.id}>
                  <Anchor component={Link} to={`/systems/${s.id}`} underline="always">
                    {s.name ?? t('secrecy.maskedSystem')}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          ) : null,
        ],
        [t('incidents.fields.personalData'), r.personalData ? t(`incidents.personalDataValue.${r.personalData}`) : null],
        [t('incidents.fields.faultLocationUnclear'), r.faultLocationUnclear ? t('incidents.bothResponsible') : null],
      ]}
    />
  );
}

/** The documentation as text, for readers who may not change the incident. */
function Documentation({ r }: { r: Incident }) {
  const { t, i18n } = useTranslation();
  if (r.masked) return null;
  const long = (v: string | null) => (v ? <Text style={{ whiteSpace: 'pre-wrap' }}>{v}</Text> : null);
  return (
    <>
      {r.allowedActions.includes('update') ? null : (
        <Alert color="gray" role="note" mt="xl" mb="sm">
          {t('incidents.readOnly')}
        </Alert>
      )}
      <DetailFields
        rows={[
          [t('incidents.fields.containedAt'), formatDateTime(r.containedAt, i18n.language)],
          [t('incidents.fields.resolvedAt'), formatDateTime(r.resolvedAt, i18n.language)],
          [t('incidents.fields.description'), long(r.description)],
          [t('incidents.fields.consequences'), long(r.consequences)],
          [t('incidents.fields.conclusions'), long(r.conclusions)],
          [t('incidents.fields.lessons'), long(r.lessons)],
          [t('incidents.fields.prevention'), long(r.prevention)],
          [t('incidents.fields.handlingHours'), r.handlingHours],
          [t('incidents.fields.handlingCostSek'), r.handlingCostSek === null ? null : formatSek(r.handlingCostSek)],
        ]}
      />
    </>
  );
}
