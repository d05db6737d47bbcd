import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

/** When the statement was last assessed and updated (ISO date). */
const ASSESSED_ON = '2026-11-22';
const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/** A date as a <time> element inside a translated sentence, e.g. "den 22 november 2026". */
function DateSentence({ i18nKey }: { i18nKey: string }) {
  const { i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(`${ASSESSED_ON}T12:00:00`));
  return (
    <Text>
      <Trans i18nKey={i18nKey} values={{ date }} components={{ date: <time dateTime={ASSESSED_ON} /> }} />
    </Text>
  );
}

/**
 * The accessibility statement (tillgänglighetsredogörelse) the Swedish DOS law (2018:1937) requires,
 * in the order of DIGG's model. Reachable without signing in.
 */
export function AccessibilityStatement() {
  const { t } = useTranslation();
  useDocumentTitle(t('a11y.pageTitle'));
  const section = (title: string, ...paragraphs: string[]) => (
    <>
      <Title order={2} mt="lg">
        {title}
      </Title>
      {paragraphs.map((p) => (
        <Text key={p}>{p}</Text>
      ))}
    </>
  );
  return (
    <Stack maw={760} gap="sm">
      <PageHeader title={t('a11y.title')} />
      <Text>{t('a11y.intro1')}</Text>
      <Text>{t('a11y.intro2')}</Text>
      {section(t('a11y.howTitle'), t('a11y.how1'), t('a11y.how2'))}
      {section(t('a11y.cannotTitle'), t('a11y.cannot'))}
      {section(t('a11y.reportTitle'), t('a11y.report'))}
      {section(t('a11y.supervisionTitle'), t('a11y.supervision'))}
      <Text>
        <Anchor href={DIGG_REPORT_URL} hrefLang="sv">
          {t('a11y.diggLink')}
        </Anchor>
      </Text>
      {section(t('a11y.technicalTitle'), t('a11y.technical'))}
      <Title order={3} mt="md">
        {t('a11y.gapsTitle')}
      </Title>
      <Text>{t('a11y.gapsIntro')}</Text>
      <List>
        <List.Item>{t('a11y.gapDatePicker')}</List.Item>
      </List>
      {section(t('a11y.testedTitle'), t('a11y.tested'))}
      <DateSentence i18nKey="a11y.assessed" />
      <DateSentence i18nKey="a11y.updated" />
    </Stack>
  );
}
