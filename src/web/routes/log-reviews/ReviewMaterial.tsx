import { useState } from 'react';
import { Alert, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { logReviewsApi, type LogReview } from '../../api/log-reviews.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { useErrorDetail } from '../../components/States.js';
import { useNotify } from '../../components/notify.js';
import { useReviewSaved } from './parts.js';

const kb = (size: number) => `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(size / 1024)} kB`;

/** The log extract: what is attached, its download, and (for the municipality) attaching a new one. */
export function ReviewMaterial({ review: r, etag }: { review: LogReview; etag: string }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const errorDetail = useErrorDetail();
  const saved = useReviewSaved();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);
  const m = r.material;

  const run = async (call: () => ReturnType<typeof logReviewsApi.auditExtract>, notice: string) => {
    setBusy(true);
    setError(null);
    try {
      await saved(await call());
      setFile(null);
      notify(notice);
    } catch (e) {
      setError(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  const attach = () => {
    if (!file) return setError({ title: t('logReviews.noFileChosen') });
    return run(() => logReviewsApi.upload(r.id, etag, file), t('logReviews.attachedNotice'));
  };
  const downloadFile = async () => {
    try {
      await logReviewsApi.download(r.id, m!.fileName);
    } catch (e) {
      notify(errorDetail(e).title || t('logReviews.downloadFailed'), 'error');
    }
  };
  const at = (v: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Stockholm',
    }).format(new Date(v));

  return (
    <section aria-labelledby="material-title">
      <Title order={2} mt="xl" mb="sm" id="material-title">
        {t('logReviews.material')}
      </Title>
      {m ? (
        <>
          <DetailFields
            rows={[
              [t('logReviews.fileName'), `${m.fileName} (${t(`logReviews.materialKind.${m.kind}`)})`],
              [t('logReviews.fileSize'), kb(m.size)],
              [t('logReviews.checksum'), <Code>{m.sha256}</Code>],
              [t('logReviews.uploadedBy'), `${m.uploadedBy.displayName}, ${at(m.uploadedAt)}`],
            ]}
          />
          <Button mt="sm" variant="default" onClick={() => void downloadFile()}>
            {t('logReviews.download')}
          </Button>
        </>
      ) : (
        <Text>{t('logReviews.noMaterial')}</Text>
      )}
      {r.allowedActions.includes('attach') ? (
        <Stack maw={640} gap="sm" mt="md">
          {error ? (
            <Alert color="red" title={error.title}>
              {error.detail}
            </Alert>
          ) : null}
          <div>
            <label htmlFor="material-file">
              <Text fw={500} size="sm">
                {t('logReviews.chooseFile')}
              </Text>
            </label>
            <Text id="material-file-help" size="sm" c="dimmed" mb={4}>
              {t('logReviews.chooseFileHelp')}
            </Text>
            <input
              id="material-file"
              type="file"
              aria-describedby="material-file-help"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          </div>
          <Group>
            <Button onClick={() => void attach()} disabled={busy}>
              {t('logReviews.attachFile')}
            </Button>
          </Group>
          {r.systems.length > 0 ? (
            <>
              <Text>{t('logReviews.extractHelp')}</Text>
              <Group>
                <Button
                  variant="default"
                  disabled={busy}
                  onClick={() => void run(() => logReviewsApi.auditExtract(r.id, etag), t('logReviews.extractNotice'))}
                >
                  {t('logReviews.makeExtract')}
                </Button>
              </Group>
            </>
          ) : null}
        </Stack>
      ) : null}
    </section>
  );
}
