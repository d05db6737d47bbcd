import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/audit.js';
import { useErrorText } from '../../components/States.js';
import { formatDateTime } from './labels.js';

/** Runs the server's verification of the whole chain and says "intact" or where it first breaks. */
export function ChainCheck() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const verify = useMutation({ mutationFn: () => auditApi.verify() });
  const report = verify.data;
  const at = report ? formatDateTime(report.verifiedAt, i18n.language) : '';
  const lang = i18n.language === 'en' ? 'en' : 'sv';

  return (
    <Stack gap="sm" maw={900}>
      <Title order={2} mt="xl">
        {t('audit.chainHeading')}
      </Title>
      <Text>{t('audit.chainIntro')}</Text>
      <Group>
        <Button onClick={() => verify.mutate()} disabled={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>
      {/* One live region for progress and result, so screen readers hear both. */}
      <div role="status" aria-live="polite">
        {verify.isPending ? (
          <Group gap="sm">
            <Loader size="sm" aria-hidden="true" />
            <Text>{t('audit.verifying')}</Text>
          </Group>
        ) : null}
        {verify.isError ? (
          <Alert color="red" title={t('audit.verifyFailed')}>
            {errorText(verify.error)}
          </Alert>
        ) : null}
        {report && !verify.isPending && report.status === 'intact' ? (
          // Mantine's green title on the light green background is 3.8:1: a darker green for AA.
          <Alert color="green" title={t('audit.intactTitle')} styles={{ title: { color: '#1f6b30' } }}>
            <Text>{t('audit.intactBody', { count: report.checked, at })}</Text>
            {report.head ? (
              <Text size="sm">{t('audit.head', { n: report.head.tenantSeq, hash: report.head.hash.slice(0, 16) })}</Text>
            ) : null}
            {report.anchor ? (
              <Text size="sm">
                {t('audit.anchor', {
                  file: report.anchor.fileName,
                  at: formatDateTime(report.anchor.at, i18n.language),
                  n: report.anchor.tenantSeq + 1,
                })}
              </Text>
            ) : null}
          </Alert>
        ) : null}
        {report && !verify.isPending && report.status === 'broken' && report.firstBroken ? (
          <Alert color="red" title={t('audit.brokenTitle', { n: report.firstBroken.tenantSeq })}>
            <Text>{t('audit.brokenBody', { count: report.checked, at })}</Text>
            <Text fw={600}>{report.firstBroken.message[lang]}</Text>
            <Text size="sm">{t('audit.brokenAdvice', { n: report.firstBroken.tenantSeq })}</Text>
          </Alert>
        ) : null}
      </div>
    </Stack>
  );
}
