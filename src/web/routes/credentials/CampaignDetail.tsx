import { useState } from 'react';
import { Anchor, Button, Group, Modal, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { EmptyState, ErrorState, Loaded, Loading, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { useMe, usePermission } from '../auth/session.js';
import { isMunicipalUser } from '../portal/who.js';
import { campaignsApi, credentialKeys, type Campaign, type CampaignItem } from './api.js';
import { AddItemForm } from './AddItemForm.js';
import { CampaignProgress, CampaignStatus } from './CampaignsList.js';

/** One campaign (D0-15, D3-36): its progress and each account to keep or remove. */
export function CampaignDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(credentialKeys.campaigns, campaignsApi.get, id);
  const mayAdd = usePermission('recertification', 'create');
  // a supplier reviewing its own staff sees only its items; the campaign's history is the municipality's
  const municipal = isMunicipalUser(useMe().data);
  useDocumentTitle(query.data?.data.title ?? t('recertifications.title'));
  return (
    <Loaded query={query} title={t('recertifications.title')}>
      {({ data: c, etag }) => (
        <>
          <PageHeader title={c.title}>
            {c.allowedActions.includes('update') && c.status === 'open' ? <CloseButton campaign={c} etag={etag} /> : null}
          </PageHeader>
          <DetailFields
            rows={[
              [t('recertifications.system'), c.systemName ?? t('secrecy.maskedSystem')],
              [t('recertifications.dueOn'), formatDate(c.dueOn, i18n.language)],
              [t('recertifications.statusLabel'), <CampaignStatus key="s" c={c} />],
              [t('recertifications.progress'), <CampaignProgress key="p" c={c} />],
              [t('recertifications.outcome'), t('recertifications.outcomeText', { kept: c.progress.kept, removed: c.progress.removed })],
            ]}
          />
          <Items campaign={c} />
          {mayAdd && c.status === 'open' && c.allowedActions.includes('update') ? <AddItemForm campaignId={c.id} /> : null}
          {municipal ? <HistoryTab path="recertification-campaigns" id={c.id} /> : null}
          <Group mt="xl">
            <Anchor component={Link} to="/recertifications">
              {t('recertifications.title')}
            </Anchor>
          </Group>
        </>
      )}
    </Loaded>
  );
}

function Items({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const items = useQuery({ queryKey: [...credentialKeys.campaigns, campaign.id, 'items'], queryFn: () => campaignsApi.items(campaign.id) });
  return (
    <>
      <Title order={2} mt="xl" mb="sm" id="items-heading">
        {t('recertifications.accounts')}
      </Title>
      {items.isPending ? <Loading /> : null}
      {items.isError ? <ErrorState error={items.error} onRetry={() => void items.refetch()} /> : null}
      {items.data && items.data.items.length === 0 ? <EmptyState text={t('recertifications.noAccounts')} /> : null}
      {items.data && items.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table striped>
            <VisuallyHidden component="caption">{t('recertifications.accounts')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('recertifications.person')}</Table.Th>
                <Table.Th scope="col">{t('recertifications.account')}</Table.Th>
                <Table.Th scope="col">{t('recertifications.supplier')}</Table.Th>
                <Table.Th scope="col">{t('recertifications.permissions')}</Table.Th>
                <Table.Th scope="col">{t('recertifications.reviewer')}</Table.Th>
                <Table.Th scope="col">{t('recertifications.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Th scope="row">{i.personName}</Table.Th>
                  <Table.Td>{i.accountName}</Table.Td>
                  <Table.Td>{i.supplier?.name ?? t('credentials.municipality')}</Table.Td>
                  <Table.Td>{i.permissions ?? '–'}</Table.Td>
                  <Table.Td>{t(`recertifications.reviewers.${i.reviewer}`)}</Table.Td>
                  <Table.Td>
                    <Decision campaign={campaign} item={i} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </>
  );
}

/** Keep at once; remove after a confirmation, since it sends a termination order (D0-15). */
function Decision({ campaign, item }: { campaign: Campaign; item: CampaignItem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'keep' | 'remove') => {
    setBusy(true);
    try {
      await campaignsApi.decide(item.id, item.version, { decision, note: note.trim() || null });
      await client.invalidateQueries({ queryKey: credentialKeys.campaigns });
      notify(t(`recertifications.${decision}Done`, { name: item.personName }));
      setConfirming(false);
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const decided = item.decision ? (
    <Text size="sm">
      {t(`recertifications.decisions.${item.decision}`)}
      {item.terminationOrder ? ` (${t('recertifications.order', { number: item.terminationOrder.number })})` : ''}
    </Text>
  ) : null;
  if (!item.canDecide) return decided ?? <Text size="sm">{t('recertifications.notDecided')}</Text>;
  return (
    <>
      {decided}
      <Group gap="xs">
        <Button
          size="xs"
          variant={item.decision === 'keep' ? 'filled' : 'default'}
          loading={busy && !confirming}
          onClick={() => void decide('keep')}
          aria-label={t('recertifications.keepLabel', { name: item.personName })}
        >
          {t('recertifications.keep')}
        </Button>
        <Button
          size="xs"
          color="red"
          variant="default"
          onClick={() => setConfirming(true)}
          aria-label={t('recertifications.removeLabel', { name: item.personName })}
        >
          {t('recertifications.remove')}
        </Button>
      </Group>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('recertifications.removeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="md">{t('recertifications.removeBody', { name: item.personName, system: campaign.systemName ?? '' })}</Text>
        <Textarea
          id={`remove-note-${item.id}`}
          label={t('recertifications.note')}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          mb="md"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void decide('remove')}>
            {t('recertifications.remove')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** Closing needs every account reviewed; the server says how many are left otherwise. */
function CloseButton({ campaign, etag }: { campaign: Campaign; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    try {
      const saved = await campaignsApi.close(campaign.id, etag);
      client.setQueryData([...credentialKeys.campaigns, campaign.id], saved);
      await client.invalidateQueries({ queryKey: credentialKeys.campaigns });
      notify(t('recertifications.closed'));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setOpen(false);
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} disabled={campaign.progress.open > 0}>
        {t('recertifications.close')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('recertifications.closeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="md">{t('recertifications.closeBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void close()}>
            {t('recertifications.close')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
