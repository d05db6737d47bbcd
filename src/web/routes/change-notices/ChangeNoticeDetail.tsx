import { Alert, Anchor, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../components/format.js';
import { DetailFields, RecordHeader } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { useMe } from '../auth/session.js';
import { formatDateTime } from '../incidents/parts.js';
import { isMunicipalUser } from '../portal/who.js';
import { changeNoticeKeys, changeNoticesApi } from './api.js';
import { AcknowledgePanel, PublishButton, RecipientsTable } from './parts.js';

/**
 * One change notice. The municipality sends it and follows each supplier's acknowledgement; a
 * supplier's users read it and their admin acknowledges it for the organisation.
 */
export function ChangeNoticeDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(changeNoticeKeys.all, changeNoticesApi.get, id);
  // the municipality's view shows every recipient and the history; a supplier's, its own acknowledgement
  const municipal = isMunicipalUser(useMe().data);
  useDocumentTitle(query.data?.data.title ?? t('changeNotices.title'));
  return (
    <Loaded query={query} title={t('changeNotices.title')}>
      {({ data: n, etag }) => (
        <>
          <RecordHeader
            record={{ ...n, name: n.title }}
            etag={etag}
            editTo={`/change-notices/${n.id}/edit`}
            api={changeNoticesApi}
            invalidate={[changeNoticeKeys.all]}
            confirmTitle={t('changeNotices.archiveTitle')}
            confirmBody={t('changeNotices.archiveBody')}
            archivedNotice={t('changeNotices.archived')}
            restoredNotice={t('changeNotices.restored')}
            archivedBanner={t('changeNotices.archivedBanner')}
          />
          {n.status === 'draft' ? (
            <Alert color="blue" role="note" mb="md">
              <Group justify="space-between">
                <Text>{t('changeNotices.draftNotice')}</Text>
                {n.canPublish ? <PublishButton notice={n} etag={etag} /> : null}
              </Group>
            </Alert>
          ) : null}
          <DetailFields
            rows={[
              [t('changeNotices.field.kind'), t(`changeNotices.kind.${n.kind}`)],
              [t('changeNotices.field.status'), t(`changeNotices.status.${n.status}`)],
              [t('changeNotices.field.publishedAt'), n.publishedAt ? formatDateTime(n.publishedAt, i18n.language) : null],
              [t('changeNotices.field.publishedBy'), n.publishedByName],
              [
                n.kind === 'instruction' ? t('changeNotices.field.effectiveOnInstruction') : t('changeNotices.field.effectiveOn'),
                formatDate(n.effectiveOn, i18n.language),
              ],
              [t('changeNotices.field.acknowledgeBy'), formatDate(n.acknowledgeBy, i18n.language)],
              [t('changeNotices.costImpact'), n.costImpact ? t('common.yes') : t('common.no')],
              [
                t('changeNotices.field.systems'),
                n.systems.length ? (
                  municipal ? (
                    <Group gap="xs">
                      {n.systems.map((s) => (
                        <Anchor key={s.id} component={Link} to={`/systems/${s.id}`}>
                          {s.name ?? t('secrecy.maskedSystem')}
                        </Anchor>
                      ))}
                    </Group>
                  ) : (
                    n.systems.map((s) => s.name).join(', ')
                  )
                ) : null,
              ],
              [t('changeNotices.field.body'), <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>],
            ]}
          />
          {municipal ? (
            <>
              <Title order={2} mt="xl" mb="sm">
                {t('changeNotices.recipients.title')}
              </Title>
              <RecipientsTable notice={n} />
            </>
          ) : (
            <AcknowledgePanel notice={n} />
          )}
          {/* the history is the municipality's: the server answers 404 to supplier users */}
          {municipal ? <HistoryTab path="change-notices" id={n.id} /> : null}
          <Group mt="xl">
            <Anchor component={Link} to={municipal ? '/change-notices' : '/portal'}>
              {municipal ? t('changeNotices.title') : t('portal.title')}
            </Anchor>
          </Group>
        </>
      )}
    </Loaded>
  );
}
