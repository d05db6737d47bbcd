import { useState } from 'react';
import { Anchor, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { measureKeys } from '../measures/api.js';
import { followUpKeys, followUpsApi } from './api.js';
import { ItemCard } from './ItemCard.js';
import { ConfirmAction, FollowUpStatus } from './parts.js';

/**
 * One follow-up (D1-17). The municipality's page (/supplier-follow-ups/:id) sends, assesses and closes;
 * the portal's (/portal/follow-ups/:id) is where the supplier answers with evidence and hands in.
 */
export function FollowUpPage({ portal = false }: { portal?: boolean }) {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const client = useQueryClient();
  const query = useRecord(followUpKeys.all, followUpsApi.get, id);
  const [conclusion, setConclusion] = useState('');
  useDocumentTitle(query.data?.data.title ?? t('followUps.title'));
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: followUpKeys.all });
    await client.invalidateQueries({ queryKey: measureKeys.all });
  };
  return (
    <Loaded query={query} title={t('followUps.title')}>
      {({ data: f, etag }) => (
        <>
          <PageHeader title={f.title}>
            <FollowUpStatus status={f.status} />
          </PageHeader>
          <DetailFields
            rows={[
              [
                t('followUps.supplier'),
                portal ? (
                  f.supplier.name
                ) : (
                  <Anchor component={Link} to={`/suppliers/${f.supplier.id}`}>
                    {f.supplier.name}
                  </Anchor>
                ),
              ],
              [t('followUps.plannedOn'), formatDate(f.plannedOn, i18n.language)],
              [t('followUps.answerBy'), formatDate(f.answerBy, i18n.language)],
              [t('followUps.reviewer'), f.reviewerName ?? t('followUps.noReviewer')],
              [t('followUps.progress'), `${f.counts.answered}/${f.counts.items}`],
              [t('followUps.deficiencies'), String(f.counts.openDeficiencies)],
              [t('followUps.conclusion'), f.conclusion],
            ]}
          />
          <Group my="md">
            {f.actions.includes('send') ? (
              <ConfirmAction
                label={t('followUps.send')}
                title={t('followUps.sendTitle')}
                body={t('followUps.sendBody')}
                done={t('followUps.sent')}
                action={async () => {
                  await followUpsApi.send(f.id, etag);
                  await refresh();
                }}
              />
            ) : null}
          </Group>
          <Title order={2} mt="lg" mb="sm">
            {t('followUps.items')}
          </Title>
          {f.actions.includes('answer') ? <Text mb="md">{t('followUps.answerIntro')}</Text> : null}
          {f.items.length === 0 ? <Text>{t('followUps.noItems')}</Text> : null}
          {f.items.map((item) => (
            <ItemCard key={item.id} item={item} />
          ))}
          <Stack maw={640} gap="sm" mt="md">
            {f.actions.includes('submit') ? (
              <Group>
                <ConfirmAction
                  label={t('followUps.submit')}
                  title={t('followUps.submitTitle')}
                  body={t('followUps.submitBody')}
                  done={t('followUps.submitted')}
                  action={async () => {
                    await followUpsApi.submit(f.id, etag);
                    await refresh();
                  }}
                />
              </Group>
            ) : null}
            {!portal && f.status === 'assessed' && f.allowedActions.includes('update') ? (
              <>
                <Text size="sm">{t('followUps.closeHelp')}</Text>
                <Textarea
                  id="close-conclusion"
                  label={t('followUps.conclusion')}
                  autosize
                  minRows={2}
                  value={conclusion}
                  onChange={(e) => setConclusion(e.currentTarget.value)}
                />
                <Group>
                  <ConfirmAction
                    label={t('followUps.close')}
                    title={t('followUps.close')}
                    body={t('followUps.closeHelp')}
                    done={t('followUps.closed')}
                    action={async () => {
                      await followUpsApi.close(f.id, etag, conclusion || null);
                      await refresh();
                    }}
                  />
                </Group>
              </>
            ) : null}
          </Stack>
          <Group mt="xl">
            <Anchor component={Link} to={portal ? '/portal/follow-ups' : '/supplier-follow-ups'}>
              {portal ? t('followUps.portalBack') : t('followUps.back')}
            </Anchor>
          </Group>
        </>
      )}
    </Loaded>
  );
}

export const PortalFollowUp = () => <FollowUpPage portal />;
