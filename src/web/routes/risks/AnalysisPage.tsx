import { Button, Group, List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { analysesApi, riskKeys } from './api.js';
import { useDate } from './parts.js';
import { RiskTable } from './RiskTable.js';

export function AnalysisPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const date = useDate();
  const query = useRecord(riskKeys.analyses, analysesApi.get, id);
  const title = query.data?.data.title ?? t('risks.analysis');
  useDocumentTitle(`${t('risks.analysis')}: ${title}`);
  return (
    <Loaded query={query} title={t('risks.analysis')}>
      {({ data: a }) => (
        <>
          <PageHeader title={`${t('risks.analysis')}: ${a.title ?? t('risks.masked')}`}>
            {a.allowedActions.includes('update') ? (
              <>
                <Button component={Link} to={`/risks/analyses/${a.id}/edit`} variant="default">
                  {t('risks.edit')}
                </Button>
                <Button component={Link} to={`/risks/new?analysisId=${a.id}`}>
                  {t('risks.newRisk')}
                </Button>
              </>
            ) : null}
          </PageHeader>
          <List spacing={4} mb="md" listStyleType="none">
            <List.Item>
              {t('risks.analysedOn')}: {date(a.analysedOn)}
            </List.Item>
            <List.Item>
              {t('risks.nextUpdateOn')}: {a.nextUpdateOn ? date(a.nextUpdateOn) : '–'}{' '}
              {a.dueForUpdate ? `(${t('risks.dueForUpdate')})` : ''}
            </List.Item>
            <List.Item>
              {t('risks.statusLabel')}: {t(`risks.analysisStatus.${a.status}`)}
            </List.Item>
            <List.Item>
              {t('risks.matrixSize')}: {a.matrixSize} × {a.matrixSize}
            </List.Item>
            <List.Item>
              {t('risks.unit')}: {a.unit?.name ?? t('risks.wholeMunicipality')}
            </List.Item>
            <List.Item>
              {t('risks.participants')}: {a.participants.join(', ') || '–'}
            </List.Item>
          </List>
          {a.scope ? <Text mb="sm">{a.scope}</Text> : null}
          {a.methodNotes ? <Text mb="sm">{a.methodNotes}</Text> : null}
          <Group mb="sm" justify="space-between">
            <Title order={2}>{t('risks.risksHeading')}</Title>
            <Button component={Link} to={`/risks/heat-map?analysisId=${a.id}&matrixSize=${a.matrixSize}`} variant="default">
              {t('risks.heatMap')}
            </Button>
          </Group>
          <RiskTable
            query={{ analysisId: a.id }}
            filtered={false}
            newTo={a.allowedActions.includes('update') ? `/risks/new?analysisId=${a.id}` : undefined}
          />
          <HistoryTab path="risk-analyses" id={a.id} masked={a.masked} />
        </>
      )}
    </Loaded>
  );
}
