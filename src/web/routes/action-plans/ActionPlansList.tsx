import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { actionPlansApi, measureKeys } from '../measures/api.js';

export function ActionPlansList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('actionPlans.title'));
  const mayCreate = usePermission('action-plan', 'create');
  const plans = useQuery({ queryKey: [...measureKeys.plans, 'list'], queryFn: () => actionPlansApi.list() });
  return (
    <>
      <PageHeader title={t('actionPlans.title')} />
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <EmptyState text={t('actionPlans.empty')} />
      ) : (
        <Table striped maw={900}>
          <Table.Caption>{t('actionPlans.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('actionPlans.year')}</Table.Th>
              <Table.Th scope="col">{t('actionPlans.name')}</Table.Th>
              <Table.Th scope="col">{t('actionPlans.statusLabel')}</Table.Th>
              <Table.Th scope="col">{t('actionPlans.caseNumber')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plans.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/action-plans/${p.id}`}>
                    {p.year}
                  </Anchor>
                </Table.Th>
                <Table.Td>{p.title}</Table.Td>
                <Table.Td>
                  {t(`actionPlans.status.${p.status}`)}
                  {p.decision ? ` ${formatDate(p.decision.decidedOn, i18n.language) ?? ''}` : ''}
                </Table.Td>
                <Table.Td>{p.decision?.caseNumber ?? '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayCreate ? <NewPlan /> : null}
    </>
  );
}

function NewPlan() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const { error, clear, fail, errorFor } = useSubmitErrors('plan', ['year', 'title', 'description']);
  const [draft, setDraft] = useState({ year: String(new Date().getFullYear() + 1), title: '', description: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    try {
      const created = await actionPlansApi.create({ year: Number(draft.year), title: draft.title, description: draft.description || null });
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.created'));
      await navigate(`/action-plans/${created.data.id}`);
    } catch (err) {
      fail(err);
    }
  };
  const field = (name: keyof typeof draft, label: string, required: boolean) => (
    <TextInput
      id={`plan-${name}`}
      label={required ? requiredLabel(t, label) : label}
      required={required}
      inputMode={name === 'year' ? 'numeric' : undefined}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="plan-new">
      <Title order={2} mt="xl" mb="sm" id="plan-new">
        {t('actionPlans.new')}
      </Title>
      <Stack maw={640} gap="sm">
        <SubmitAlert error={error} />
        {field('year', t('actionPlans.year'), true)}
        {field('title', t('actionPlans.name'), true)}
        {field('description', t('actionPlans.description'), false)}
        <Group>
          <Button type="submit">{t('actionPlans.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
