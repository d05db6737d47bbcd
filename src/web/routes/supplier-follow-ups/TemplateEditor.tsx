import { useEffect, useState, type FormEvent } from 'react';
import { Badge, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SUPPLIER_TYPES } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRecord } from '../../components/records.js';
import { Loaded, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AREAS, followUpKeys, templatesApi, type Template, type TemplateItem } from './api.js';
import { ConfirmAction } from './parts.js';

/** /supplier-follow-ups/templates: the checklist per supplier type (shipped from the seeds, editable per tenant). */
export function TemplateEditor() {
  const { t } = useTranslation();
  useDocumentTitle(t('followUps.templates.title'));
  const [type, setType] = useState<string>('it_supplier');
  const query = useRecord([...followUpKeys.templates], templatesApi.get, type);
  return (
    <>
      <PageHeader title={t('followUps.templates.title')} />
      <Text mb="md" maw={760}>
        {t('followUps.templates.intro')}
      </Text>
      <NativeSelect
        id="template-type"
        label={t('followUps.templates.type')}
        value={type}
        maw={320}
        mb="md"
        onChange={(e) => setType(e.currentTarget.value)}
        data={SUPPLIER_TYPES.map((s) => ({ value: s, label: t(`followUps.supplierTypes.${s}`) }))}
      />
      <Loaded query={query} title={t('followUps.templates.title')}>
        {({ data, etag }) => <Editor key={`${data.supplierType}-${data.version}`} template={data} etag={etag} />}
      </Loaded>
    </>
  );
}

type Row = Omit<TemplateItem, 'sources'> & { sources: string };
const toRow = (i: TemplateItem): Row => ({ ...i, sources: i.sources.join(', ') });

function Editor({ template, etag }: { template: Template; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [rows, setRows] = useState<Row[]>(() => template.items.map(toRow));
  useEffect(() => setRows(template.items.map(toRow)), [template]);
  const { error, errorFor, busy, run } = useSubmitErrors('template', ['items']);
  const set = (n: number, patch: Partial<Row>) => setRows((r) => r.map((x, i) => (i === n ? { ...x, ...patch } : x)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await templatesApi.put(template.supplierType, etag, {
        items: rows.map((r) => ({
          ...r,
          sources: r.sources
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        })),
      });
      await client.invalidateQueries({ queryKey: followUpKeys.templates });
      notify(t('followUps.templates.saved'));
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group mb="sm">
        <Badge variant="light" c="dark.9" tt="none">
          {template.custom ? t('followUps.templates.custom') : t('followUps.templates.shipped')}
        </Badge>
      </Group>
      <SubmitAlert error={error} />
      <Stack gap="sm">
        {rows.map((r, n) => (
          <Card withBorder key={n} component="fieldset" style={{ margin: 0 }}>
            <Title order={2} size="h5" component="legend">
              {t('followUps.templates.item', { n: n + 1 })}
            </Title>
            <Group align="flex-start" grow>
              <TextInput
                id={`template-items.${n}.code`}
                label={requiredLabel(t, t('followUps.templates.code'))}
                value={r.code}
                error={errorFor(`items.${n}.code`)}
                onChange={(e) => set(n, { code: e.currentTarget.value })}
              />
              <NativeSelect
                id={`template-items.${n}.area`}
                label={t('followUps.templates.area')}
                value={r.area}
                onChange={(e) => set(n, { area: e.currentTarget.value as Row['area'] })}
                data={AREAS.map((a) => ({ value: a, label: t(`followUps.area.${a}`) }))}
              />
              <TextInput
                id={`template-items.${n}.sources`}
                label={t('followUps.templates.sources')}
                value={r.sources}
                error={errorFor(`items.${n}.sources`)}
                onChange={(e) => set(n, { sources: e.currentTarget.value })}
              />
            </Group>
            <Textarea
              id={`template-items.${n}.text`}
              label={requiredLabel(t, t('followUps.templates.text'))}
              autosize
              minRows={2}
              mt="xs"
              value={r.text}
              error={errorFor(`items.${n}.text`)}
              onChange={(e) => set(n, { text: e.currentTarget.value })}
            />
            <Group justify="space-between" mt="xs">
              <Checkbox
                id={`template-items.${n}.evidence`}
                label={t('followUps.templates.evidence')}
                checked={r.evidenceRequired}
                onChange={(e) => set(n, { evidenceRequired: e.currentTarget.checked })}
              />
              <ConfirmAction
                danger
                label={t('followUps.templates.remove', { code: r.code || n + 1 })}
                title={t('followUps.templates.removeTitle')}
                body={t('followUps.templates.removeBody')}
                done={t('followUps.templates.removed')}
                action={async () => setRows((x) => x.filter((_, i) => i !== n))}
              />
            </Group>
          </Card>
        ))}
      </Stack>
      <Group mt="md">
        <Button
          variant="default"
          onClick={() => setRows((x) => [...x, { code: '', area: 'security', text: '', evidenceRequired: false, sources: '' }])}
        >
          {t('followUps.templates.add')}
        </Button>
        <Button type="submit" loading={busy}>
          {t('followUps.templates.save')}
        </Button>
      </Group>
    </form>
  );
}
