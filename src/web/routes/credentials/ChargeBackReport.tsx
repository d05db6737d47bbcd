import { useState, type FormEvent } from 'react';
import { Button, Group, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { today } from '../continuity/parts.js';
import { chargeBackApi, credentialKeys, type ChargeBack } from './api.js';

const COUNTERS = ['eIdCards', 'sithsCards', 'tokens', 'keys', 'mobilePhones', 'simCards', 'mdmUsers'] as const;

/** /reports/charge-back (D0-10, D0-17, D0-35, D0-40, D3-25): what each supplier is charged for in a period. */
export function ChargeBackReport() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('chargeBack.title'));
  const notify = useNotify();
  const errorText = useErrorText();
  const [draft, setDraft] = useState(() => ({ from: `${today().slice(0, 7)}-01`, to: today() }));
  const [period, setPeriod] = useState(draft);
  const [periodError, setPeriodError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const report = useQuery({
    queryKey: [...credentialKeys.chargeBack, period],
    queryFn: () => chargeBackApi.get(period),
    placeholderData: keepPreviousData,
  });
  const show = (ev: FormEvent) => {
    ev.preventDefault();
    // an empty or reversed period would show nothing useful: say so at the field
    if (!draft.from || !draft.to || draft.to < draft.from) {
      setPeriodError(t(!draft.from || !draft.to ? 'chargeBack.periodRequired' : 'chargeBack.toBeforeFrom'));
      document.getElementById(!draft.from ? 'charge-from' : 'charge-to')?.focus();
      return;
    }
    setPeriodError(null);
    setPeriod(draft);
  };
  const xlsx = async () => {
    setDownloading(true);
    try {
      await chargeBackApi.xlsx(period);
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setDownloading(false);
    }
  };
  return (
    <>
      <PageHeader title={t('chargeBack.title')}>
        <Button variant="default" loading={downloading} onClick={() => void xlsx()}>
          {t('chargeBack.downloadXlsx')}
        </Button>
      </PageHeader>
      <Text mb="md">{t('chargeBack.intro')}</Text>
      <form onSubmit={show} noValidate aria-label={t('chargeBack.period')}>
        <Group align="end" mb="lg">
          <TextInput
            id="charge-from"
            type="date"
            label={t('chargeBack.from')}
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <TextInput
            id="charge-to"
            type="date"
            label={t('chargeBack.to')}
            value={draft.to}
            error={periodError}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <Button type="submit">{t('chargeBack.show')}</Button>
        </Group>
      </form>
      {report.isPending ? <Loading /> : null}
      {report.isError ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? <ReportTable report={report.data} lang={i18n.language} /> : null}
    </>
  );
}

function ReportTable({ report, lang }: { report: ChargeBack; lang: string }) {
  const { t } = useTranslation();
  const heading = t('chargeBack.periodHeading', { from: formatDate(report.from, lang), to: formatDate(report.to, lang) });
  return (
    <>
      <Title order={2} mb="sm" aria-live="polite">
        {heading}
      </Title>
      {report.suppliers.length === 0 ? (
        <EmptyState text={t('chargeBack.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table striped>
            <VisuallyHidden component="caption">{heading}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('chargeBack.supplier')}</Table.Th>
                {COUNTERS.map((c) => (
                  <Table.Th scope="col" key={c}>
                    {t(`chargeBack.counters.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.suppliers.map((s) => (
                <Table.Tr key={s.supplierId}>
                  <Table.Th scope="row">{s.supplierName}</Table.Th>
                  {COUNTERS.map((c) => (
                    <Table.Td key={c}>{s.counts[c]}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('chargeBack.total')}</Table.Th>
                {COUNTERS.map((c) => (
                  <Table.Td key={c} fw={700}>
                    {report.totals[c]}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" mt="sm">
        {t('chargeBack.basis')}
      </Text>
    </>
  );
}
