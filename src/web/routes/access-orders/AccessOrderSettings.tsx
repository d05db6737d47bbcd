import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Loaded, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { latePolicies, type LatePolicy } from '../../../shared/access-orders.js';
import { accessOrderKeys, accessOrdersApi, orNull } from './api.js';

const ORDER = ['newLeadDays', 'changeLeadDays', 'latePolicy', 'terminateEscalateHours', 'requiredTraining'];

/** /access-orders/settings (D0-12..D0-14): lead times, late orders, escalation of open terminations. */
export function AccessOrderSettings() {
  const { t } = useTranslation();
  useDocumentTitle(t('accessOrders.settings.title'));
  const query = useQuery({ queryKey: accessOrderKeys.settings, queryFn: accessOrdersApi.settings });
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('ao-settings', ORDER);
  const [d, setD] = useState({
    newLeadDays: 14,
    changeLeadDays: 7,
    latePolicy: 'reject' as LatePolicy,
    terminateEscalateHours: 4,
    requiredTraining: '',
  });
  const loaded = query.data?.data;
  useEffect(() => {
    if (loaded) setD({ ...loaded, requiredTraining: loaded.requiredTraining ?? '' });
  }, [loaded]);
  const save = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const saved = await accessOrdersApi.putSettings(query.data!.etag, { ...d, requiredTraining: orNull(d.requiredTraining) });
      client.setQueryData(accessOrderKeys.settings, saved);
      await client.invalidateQueries({ queryKey: accessOrderKeys.all });
      notify(t('accessOrders.settings.saved'));
    });
  };
  const num = (k: 'newLeadDays' | 'changeLeadDays' | 'terminateEscalateHours') => ({
    id: `ao-settings-${k}`,
    label: t(`accessOrders.settings.${k}`),
    value: d[k],
    error: errorFor(k),
    min: 0,
    allowDecimal: false,
    onChange: (v: string | number) => setD((x) => ({ ...x, [k]: typeof v === 'number' ? v : Number(v) })),
  });
  return (
    <Loaded query={query} title={t('accessOrders.settings.title')}>
      {({ data }) => (
        <>
          <PageHeader title={t('accessOrders.settings.title')} />
          <Text mb="md">{t('accessOrders.settings.help')}</Text>
          <form onSubmit={save} noValidate aria-label={t('accessOrders.settings.title')}>
            <Stack maw={520}>
              <SubmitAlert error={error} onReload={() => void query.refetch()} />
              <NumberInput {...num('newLeadDays')} readOnly={!data.allowedActions.includes('update')} />
              <NumberInput {...num('changeLeadDays')} readOnly={!data.allowedActions.includes('update')} />
              <NativeSelect
                id="ao-settings-latePolicy"
                label={t('accessOrders.settings.latePolicy')}
                value={d.latePolicy}
                error={errorFor('latePolicy')}
                onChange={(e) => {
                  const value = e.currentTarget.value as LatePolicy;
                  setD((x) => ({ ...x, latePolicy: value }));
                }}
                data={latePolicies.map((p) => ({ value: p, label: t(`accessOrders.settings.latePolicies.${p}`) }))}
              />
              <NumberInput {...num('terminateEscalateHours')} min={1} />
              <TextInput
                id="ao-settings-requiredTraining"
                label={t('accessOrders.settings.requiredTraining')}
                value={d.requiredTraining}
                error={errorFor('requiredTraining')}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setD((x) => ({ ...x, requiredTraining: value }));
                }}
              />
              <Group>
                {data.allowedActions.includes('update') ? (
                  <Button type="submit" loading={busy}>
                    {t('accessOrders.settings.save')}
                  </Button>
                ) : null}
                <Button component={Link} to="/access-orders" variant="default">
                  {t('accessOrders.title')}
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      )}
    </Loaded>
  );
}
