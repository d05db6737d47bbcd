import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DetailFields, EditButton } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded, SubmitAlert, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { orNull } from '../continuity/parts.js';
import { IDENTITY_METHODS, credentialKeys, credentialsApi, type Credential, type HandOverInput } from './api.js';
import { CredentialStatus } from './CredentialsList.js';

const formatDateTime = (iso: string | null, lang: string) =>
  iso
    ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Stockholm',
      }).format(new Date(iso))
    : null;

/** One credential: holder, validity, the hand-over record (D0-18) and its end (revoked or returned). */
export function CredentialDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(credentialKeys.credentials, credentialsApi.get, id);
  useDocumentTitle(query.data?.data.holderName ?? t('credentials.title'));
  return (
    <Loaded query={query} title={t('credentials.title')}>
      {({ data: c, etag }) => {
        const mayUpdate = c.allowedActions.includes('update');
        return (
          <>
            <PageHeader title={c.holderName}>
              <EditButton record={{ ...c, archived: false }} to={`/credentials/${c.id}/edit`} />
              {mayUpdate && c.status === 'ordered' ? <HandOverDialog credential={c} etag={etag} /> : null}
              {mayUpdate && ['active', 'expired'].includes(c.status) ? <EndButton credential={c} etag={etag} kind="return" /> : null}
              {mayUpdate && ['ordered', 'active', 'expired'].includes(c.status) ? (
                <EndButton credential={c} etag={etag} kind="revoke" />
              ) : null}
            </PageHeader>
            <DetailFields
              rows={[
                [t('credentials.kind'), t(`credentials.kinds.${c.kind}`)],
                [t('credentials.statusLabel'), <CredentialStatus key="s" c={c} />],
                [t('credentials.supplier'), c.supplier?.name ?? t('credentials.municipality')],
                [
                  t('credentials.system'),
                  c.system ? (
                    <Anchor component={Link} to={`/systems/${c.system.id}`}>
                      {c.system.name ?? t('secrecy.maskedSystem')}
                    </Anchor>
                  ) : null,
                ],
                [t('credentials.serial'), c.serial],
                [t('credentials.issuedOn'), formatDate(c.issuedOn, i18n.language)],
                [t('credentials.validFrom'), formatDate(c.validFrom, i18n.language)],
                [t('credentials.validTo'), formatDate(c.validTo, i18n.language)],
                [t('credentials.chargeable'), c.chargeable ? t('common.yes') : t('common.no')],
                [t('credentials.handedOverAt'), formatDateTime(c.handedOverAt, i18n.language)],
                [t('credentials.handedOverBy'), c.handedOverBy?.name ?? null],
                [t('credentials.identityMethod'), c.identityMethod ? t(`credentials.identityMethods.${c.identityMethod}`) : null],
                [t('credentials.identityNote'), c.identityNote],
                [t('credentials.revokedOn'), formatDate(c.revokedOn, i18n.language)],
                [t('credentials.note'), c.note ? <Text style={{ whiteSpace: 'pre-wrap' }}>{c.note}</Text> : null],
              ]}
            />
            <HistoryTab path="credentials" id={c.id} />
            <Group mt="xl">
              <Anchor component={Link} to="/credentials">
                {t('credentials.title')}
              </Anchor>
            </Group>
          </>
        );
      }}
    </Loaded>
  );
}

/** D0-18: handing over needs how the holder's identity was checked; the server records who and when. */
function HandOverDialog({ credential, etag }: { credential: Credential; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [method, setMethod] = useState('');
  const [note, setNote] = useState('');
  const { error, errorFor, busy, run, clear } = useSubmitErrors('handover', ['identityMethod', 'identityNote']);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const body = { identityMethod: method, identityNote: orNull(note) } as HandOverInput;
      const saved = await credentialsApi.handOver(credential.id, etag, body);
      client.setQueryData([...credentialKeys.credentials, credential.id], saved);
      await client.invalidateQueries({ queryKey: credentialKeys.credentials });
      setOpen(false);
      notify(t('credentials.handedOver'));
    });
  };
  return (
    <>
      <Button
        onClick={() => {
          clear();
          setOpen(true);
        }}
      >
        {t('credentials.handOver')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('credentials.handOverTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('credentials.handOverHelp', { name: credential.holderName })}</Text>
            <SubmitAlert error={error} />
            <NativeSelect
              id="handover-identityMethod"
              label={requiredLabel(t, t('credentials.identityMethod'))}
              required
              value={method}
              error={errorFor('identityMethod')}
              onChange={(e) => setMethod(e.currentTarget.value)}
              data={[
                { value: '', label: t('credentials.chooseMethod') },
                ...IDENTITY_METHODS.map((m) => ({ value: m, label: t(`credentials.identityMethods.${m}`) })),
              ]}
            />
            <Textarea
              id="handover-identityNote"
              label={t('credentials.identityNote')}
              description={t('credentials.identityNoteHelp')}
              autosize
              minRows={2}
              value={note}
              error={errorFor('identityNote')}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('credentials.handOver')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Revoke or register as returned, after a confirmation: the credential stops being charged from today. */
function EndButton({ credential, etag, kind }: { credential: Credential; etag: string; kind: 'revoke' | 'return' }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      const saved = await (kind === 'revoke' ? credentialsApi.revoke(credential.id, etag) : credentialsApi.return(credential.id, etag));
      client.setQueryData([...credentialKeys.credentials, credential.id], saved);
      await client.invalidateQueries({ queryKey: credentialKeys.credentials });
      notify(t(`credentials.${kind}Done`));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setOpen(false);
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" color={kind === 'revoke' ? 'red' : undefined} onClick={() => setOpen(true)}>
        {t(`credentials.${kind}`)}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t(`credentials.${kind}Title`)}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="md">{t(`credentials.${kind}Body`, { name: credential.holderName })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button color={kind === 'revoke' ? 'red' : undefined} loading={busy} onClick={() => void confirm()}>
            {t(`credentials.${kind}`)}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
