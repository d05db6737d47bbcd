import type { ReactNode } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordForm } from './records.js';
import { Loaded, SubmitAlert } from './States.js';
import { useDocumentTitle } from './useDocumentTitle.js';

interface Props {
  /** From `useRecordForm`. */
  form: RecordForm;
  title: string;
  /** Shown under the h1, e.g. the name of the record being edited. */
  subtitle?: string;
  cancelTo: string;
  /** The fields. */
  children: ReactNode;
}

/** A register's create/edit page: h1, the record's loading and error states, the form with save and cancel. */
export function RecordFormPage({ form, title, subtitle, cancelTo, children }: Props) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  const page = (
    <>
      <Title order={1}>{title}</Title>
      {subtitle !== undefined ? (
        <Text size="lg" mt="xs">
          {subtitle}
        </Text>
      ) : null}
      <form onSubmit={form.submit} noValidate>
        <Stack maw={640} mt="lg" gap="md">
          <SubmitAlert error={form.error} onReload={() => void form.reload()} />
          {children}
          <Group>
            <Button type="submit" disabled={form.busy}>
              {form.busy ? t('common.saving') : t('common.save')}
            </Button>
            <Button component={Link} to={cancelTo} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
  return form.editing ? (
    <Loaded query={form.existing} title={title}>
      {() => page}
    </Loaded>
  ) : (
    page
  );
}
