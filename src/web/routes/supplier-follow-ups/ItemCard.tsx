import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Card, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { ANSWERS, ASSESSMENTS, followUpKeys, followUpsApi, type FollowUpItem } from './api.js';
import { FileList, UploadField } from './parts.js';

/** One checklist item: the supplier's answer and evidence, the reviewer's assessment, and the forms the viewer may use. */
export function ItemCard({ item }: { item: FollowUpItem }) {
  const { t, i18n } = useTranslation();
  const headingId = `item-${item.id}-heading`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} mb="md">
      <Group justify="space-between" align="flex-start">
        <Title order={3} size="h4" id={headingId}>
          {item.code}: {item.text}
        </Title>
        {item.evidenceRequired ? (
          <Badge variant="light" c="dark.9" tt="none">
            {t('followUps.evidenceRequired')}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t(`followUps.area.${item.area}`)} · {t('followUps.sources')}: {item.sources.join(', ')}
      </Text>
      <Stack gap={4} mt="sm">
        <Text size="sm">
          <strong>{t('followUps.supplierAnswer')}:</strong>{' '}
          {item.answer ? t(`followUps.answer.${item.answer}`) : t('followUps.notAnswered')}
        </Text>
        {item.answerComment ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {item.answerComment}
          </Text>
        ) : null}
        <Text size="sm" fw={500}>
          {t('followUps.files')}
        </Text>
        <FileList item={item} />
        {item.assessment ? (
          <Text size="sm">
            <strong>{t('followUps.assessmentLabel')}:</strong> {t(`followUps.assessment.${item.assessment}`)}
            {item.deficiencyDueOn ? ` – ${t('followUps.dueOn')} ${formatDate(item.deficiencyDueOn, i18n.language)}` : ''}
            {item.assessmentNote ? ` – ${item.assessmentNote}` : ''}
          </Text>
        ) : null}
        {item.measure ? (
          <Text size="sm">
            <strong>{t('followUps.measure')}:</strong>{' '}
            {item.measure.title ? (
              <Anchor component={Link} to={`/measures/${item.measure.id}`}>
                {item.measure.title}
              </Anchor>
            ) : (
              t('followUps.measureFollowed', { status: t(`measures.status.${item.measure.status}`) })
            )}
          </Text>
        ) : null}
      </Stack>
      {item.actions.includes('answer') ? <AnswerForm item={item} /> : null}
      {item.actions.includes('upload') ? (
        <Stack mt="sm">
          <UploadField item={item} />
        </Stack>
      ) : null}
      {item.actions.includes('assess') ? <AssessForm item={item} /> : null}
    </Card>
  );
}

function AnswerForm({ item }: { item: FollowUpItem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const prefix = `answer-${item.id}`;
  const { error, errorFor, busy, run } = useSubmitErrors(prefix, ['answer', 'comment']);
  const [answer, setAnswer] = useState<string>(item.answer ?? '');
  const [comment, setComment] = useState(item.answerComment ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await followUpsApi.answer(item.id, item.version, { answer: answer as (typeof ANSWERS)[number], comment: comment || null });
      await client.invalidateQueries({ queryKey: followUpKeys.all });
      notify(t('followUps.answerSaved'));
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" mt="sm">
        <SubmitAlert error={error} />
        <Radio.Group
          id={`${prefix}-answer`}
          label={requiredLabel(t, t('followUps.supplierAnswer'))}
          value={answer}
          onChange={setAnswer}
          error={errorFor('answer')}
        >
          <Group mt={4}>
            {ANSWERS.map((a) => (
              <Radio key={a} value={a} label={t(`followUps.answer.${a}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          id={`${prefix}-comment`}
          label={t('followUps.comment')}
          autosize
          minRows={2}
          value={comment}
          error={errorFor('comment')}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" size="xs" loading={busy} aria-label={`${t('followUps.saveAnswer')} (${item.code})`}>
            {t('followUps.saveAnswer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AssessForm({ item }: { item: FollowUpItem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const prefix = `assess-${item.id}`;
  const { error, errorFor, busy, run } = useSubmitErrors(prefix, ['assessment', 'note', 'dueOn', 'measureTitle']);
  const [d, setD] = useState({ assessment: item.assessment ?? 'approved', note: item.assessmentNote ?? '', dueOn: '', measureTitle: '' });
  const set = (k: keyof typeof d, v: string) => setD((x) => ({ ...x, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await followUpsApi.assess(item.id, item.version, {
        assessment: d.assessment as (typeof ASSESSMENTS)[number],
        note: d.note || null,
        dueOn: d.dueOn || null,
        measureTitle: d.measureTitle || null,
      });
      await client.invalidateQueries({ queryKey: followUpKeys.all });
      notify(t('followUps.assessed'));
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" mt="sm" maw={640}>
        <SubmitAlert error={error} />
        <NativeSelect
          id={`${prefix}-assessment`}
          label={t('followUps.assessmentLabel')}
          value={d.assessment}
          onChange={(e) => set('assessment', e.currentTarget.value)}
          data={ASSESSMENTS.map((a) => ({ value: a, label: t(`followUps.assessment.${a}`) }))}
        />
        <Textarea
          id={`${prefix}-note`}
          label={t('followUps.assessmentNote')}
          autosize
          minRows={2}
          value={d.note}
          error={errorFor('note')}
          onChange={(e) => set('note', e.currentTarget.value)}
        />
        {d.assessment === 'deficient' ? (
          <>
            <TextInput
              id={`${prefix}-dueOn`}
              type="date"
              label={requiredLabel(t, t('followUps.dueOn'))}
              description={t('followUps.dueOnHelp')}
              required
              value={d.dueOn}
              error={errorFor('dueOn')}
              onChange={(e) => set('dueOn', e.currentTarget.value)}
            />
            <TextInput
              id={`${prefix}-measureTitle`}
              label={t('followUps.measureTitle')}
              value={d.measureTitle}
              error={errorFor('measureTitle')}
              onChange={(e) => set('measureTitle', e.currentTarget.value)}
            />
          </>
        ) : null}
        <Group>
          <Button type="submit" size="xs" loading={busy} aria-label={`${t('followUps.assess')} (${item.code})`}>
            {t('followUps.assess')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
