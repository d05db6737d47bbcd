import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, List, NativeSelect, Radio, Stack, Stepper, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRecord } from '../../components/records.js';
import { ErrorState, Loaded, Loading, SubmitAlert } from '../../components/States.js';
import { TagsField } from '../../components/TagsField.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { classificationApi, classificationKeys, type AssetClassification, type Scheme } from './api.js';
import { ASPECTS, LevelBadges, minimumsFor, ProfileLegend, useLang, useLevelLabel, type AspectKey, type CategoryKey } from './parts.js';

const NATIONAL = '4';
type AspectDraft = { answers: Partial<Record<CategoryKey, string>>; chosen: number | null; reason: string };
type Draft = Record<AspectKey, AspectDraft>;

const fromCurrent = (c: AssetClassification | undefined): Draft =>
  Object.fromEntries(
    ASPECTS.map((a) => [
      a,
      {
        answers: Object.fromEntries(Object.entries(c?.[a].answers ?? {}).map(([k, v]) => [k, String(v)])),
        chosen: c ? c[a].level : null,
        reason: c?.[a].reason ?? '',
      },
    ]),
  ) as Draft;

/** The classification wizard (D2-23): one step per aspect with the consequence questions, then a summary. */
export function ClassifyWizard() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const asset = useRecord(keys.assets, assetsApi.get, id);
  const scheme = useQuery({ queryKey: classificationKeys.scheme, queryFn: classificationApi.scheme });
  const history = useQuery({ queryKey: classificationKeys.asset(id), queryFn: () => classificationApi.assetHistory(id) });
  useDocumentTitle(t('classification.wizard.title'));
  const failed = scheme.isError ? scheme : history.isError ? history : null;
  const reload = () => Promise.all([asset.refetch(), scheme.refetch(), history.refetch()]);
  return (
    <Loaded query={asset} title={t('classification.wizard.title')}>
      {({ data: a, etag }) => {
        if (failed) {
          return (
            <>
              <Title order={1}>{t('classification.wizard.title')}</Title>
              <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
            </>
          );
        }
        if (!scheme.isSuccess || !history.isSuccess) return <Loading />;
        return (
          <Wizard
            // a reload after a 412 brings a new ETag and starts the wizard over from what is saved
            key={etag}
            asset={{ id: a.id, name: a.name ?? t('secrecy.maskedAsset'), personalData: a.personalData, secret: a.secret, etag }}
            scheme={scheme.data}
            current={history.data.items.find((c) => c.current)}
            onReload={() => void reload()}
          />
        );
      }}
    </Loaded>
  );
}

interface WizardProps {
  asset: { id: string; name: string; personalData: string; secret: boolean; etag: string };
  scheme: Scheme;
  current: AssetClassification | undefined;
  onReload: () => void;
}

function Wizard({ asset, scheme, current, onReload }: WizardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useLevelLabel(scheme);
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(() => fromCurrent(current));
  const [participants, setParticipants] = useState<string[]>(current?.participants ?? []);
  const [nextReviewOn, setNextReviewOn] = useState(scheme.defaultNextReviewOn);
  const [busy, setBusy] = useState(false);
  const order = useMemo(() => ASPECTS.flatMap((a) => [`${a}.level`, `${a}.reason`]).concat(['participants', 'nextReviewOn']), []);
  const errors = useSubmitErrors('classify', order);
  const minimums = minimumsFor(scheme.minimumRules, asset);

  const computed = (a: AspectKey) => {
    const answers = Object.values(draft[a].answers).map(Number);
    const fromAnswers = answers.length ? Math.max(...answers) : 0;
    return Math.max(fromAnswers, minimums[a]?.minLevel ?? 0);
  };
  const levelOf = (a: AspectKey) => Math.min(3, Math.max(computed(a), draft[a].chosen ?? 0));
  const national = ASPECTS.some((a) => Object.values(draft[a].answers).includes(NATIONAL));
  const set = (a: AspectKey, patch: Partial<AspectDraft>) => setDraft((d) => ({ ...d, [a]: { ...d[a], ...patch } }));

  // Changing an answer starts the level over from what the answers give, so a lower answer lowers it.
  const answer = (a: AspectKey, category: string, v: string) => set(a, { answers: { ...draft[a].answers, [category]: v }, chosen: null });

  // Focus follows the step (not on arrival): a screen-reader user hears where they landed.
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const go = (next: number) => {
    moved.current = true;
    setStep(next);
  };
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [step]);

  // Which steps the server's field errors belong to; the rest (participants, date …) sit on the summary.
  const failing = useMemo(() => {
    const byStep = new Map<number, string[]>();
    for (const [field, message] of Object.entries(errors.fieldErrors)) {
      const i = ASPECTS.findIndex((a) => field === a || field.startsWith(`${a}.`));
      const index = i >= 0 ? i : ASPECTS.length;
      byStep.set(index, [...(byStep.get(index) ?? []), message]);
    }
    return byStep;
  }, [errors.fieldErrors]);
  const stepName = (i: number) => (i < ASPECTS.length ? t(`classification.aspect.${ASPECTS[i]}`) : t('classification.wizard.summary'));

  const save = async () => {
    errors.clear();
    setBusy(true);
    try {
      const aspect = (a: AspectKey) => ({
        level: levelOf(a),
        reason: draft[a].reason,
        answers: Object.fromEntries(Object.entries(draft[a].answers).map(([k, v]) => [k, Number(v)])),
      });
      await classificationApi.classify(asset.id, asset.etag, {
        confidentiality: aspect('confidentiality'),
        integrity: aspect('integrity'),
        availability: aspect('availability'),
        traceability: aspect('traceability'),
        participants,
        nextReviewOn,
      });
      await Promise.all([
        qc.invalidateQueries({ queryKey: classificationKeys.all }),
        qc.invalidateQueries({ queryKey: keys.assets }),
        qc.invalidateQueries({ queryKey: keys.systems }),
        // the systems' applicable requirements follow their levels
        qc.invalidateQueries({ queryKey: ['gap-analysis'] }),
      ]);
      notify(t('classification.wizard.saved'));
      void navigate(`/information-assets/${asset.id}`);
    } catch (e) {
      errors.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const levels = Object.fromEntries(ASPECTS.map((a) => [a, levelOf(a)])) as Record<AspectKey, number>;
  const guideFor = (a: AspectKey) => scheme.guide.find((g) => g.aspect === a)!;
  const total = ASPECTS.length + 1;
  const summary =
    failing.size > 0 ? (
      <Alert color="red" role="alert" title={t('classification.wizard.errorsTitle')} mb="md" maw={800}>
        <List size="sm">
          {[...failing.entries()]
            .sort(([x], [y]) => x - y)
            .map(([i, messages]) => (
              <List.Item key={i}>
                <Anchor component="button" type="button" onClick={() => go(i)}>
                  {stepName(i)}
                </Anchor>
                : {messages.join(' ')}
              </List.Item>
            ))}
        </List>
      </Alert>
    ) : null;
  const stepHeading = (text: string) => (
    <>
      <Text size="sm" fw={500}>
        {t('classification.wizard.stepOf', { n: step + 1, total })}
      </Text>
      <Title order={2} ref={heading} tabIndex={-1}>
        {text}
      </Title>
    </>
  );
  const description = (i: number, text?: string) =>
    failing.has(i) ? [text, t('classification.wizard.stepHasErrors')].filter(Boolean).join(' · ') : text;

  return (
    <>
      <PageHeader title={t('classification.wizard.heading', { name: asset.name })} />
      <Text mb="xs" maw={800}>
        {t('classification.wizard.intro')}
      </Text>
      <ProfileLegend />
      {summary}
      <Stepper active={step} onStepClick={go} allowNextStepsSelect mb="lg" size="sm">
        {ASPECTS.map((a, i) => (
          <Stepper.Step
            key={a}
            label={t(`classification.aspect.${a}`)}
            description={description(i, `${t(`classification.short.${a}`)}${levels[a]}`)}
            color={failing.has(i) ? 'red' : undefined}
            aria-current={i === step ? 'step' : undefined}
          >
            <Stack maw={800} gap="md">
              {stepHeading(t(`classification.aspect.${a}`))}
              <Text>{lang({ sv: guideFor(a).explanationSv, en: guideFor(a).explanationEn })}</Text>
              {guideFor(a).questions.map((q) => (
                <Radio.Group
                  key={q.category}
                  label={lang({ sv: q.questionSv, en: q.questionEn })}
                  value={draft[a].answers[q.category as CategoryKey] ?? null}
                  onChange={(v) => answer(a, q.category, v)}
                >
                  <Stack gap={6} mt={6}>
                    {q.answers.map((ans) => (
                      <Radio key={ans.level} value={String(ans.level)} label={`${ans.level} – ${lang(ans)}`} />
                    ))}
                    <Radio value={NATIONAL} label={t('classification.wizard.nationalOption')} />
                  </Stack>
                </Radio.Group>
              ))}
              {national ? (
                <Alert color="red" title={t('classification.wizard.nationalTitle')} role="alert">
                  {lang(scheme.nationalSecurity)}
                </Alert>
              ) : null}
              {minimums[a] ? (
                <Alert color="blue" title={t('classification.wizard.minimumTitle', { level: minimums[a].minLevel })}>
                  {lang({ sv: minimums[a].reasonSv, en: minimums[a].reasonEn })}
                </Alert>
              ) : null}
              <NativeSelect
                id={`classify-${a}.level`}
                label={t('classification.wizard.level')}
                description={
                  current && current[a].level !== levels[a]
                    ? `${t('classification.wizard.levelHelp', { level: computed(a) })} ${t('classification.wizard.previousLevel', { level: `${t(`classification.short.${a}`)}${current[a].level} – ${label(current[a].level)}` })}`
                    : t('classification.wizard.levelHelp', { level: computed(a) })
                }
                value={String(levels[a])}
                onChange={(e) => set(a, { chosen: Number(e.currentTarget.value) })}
                data={[0, 1, 2, 3].filter((l) => l >= computed(a)).map((l) => ({ value: String(l), label: `${l} – ${label(l)}` }))}
                error={errors.errorFor(`${a}.level`)}
              />
              <Textarea
                id={`classify-${a}.reason`}
                label={t('classification.wizard.reason')}
                description={t('classification.wizard.reasonHelp')}
                required
                autosize
                minRows={3}
                value={draft[a].reason}
                onChange={(e) => set(a, { reason: e.currentTarget.value })}
                error={errors.errorFor(`${a}.reason`)}
              />
            </Stack>
          </Stepper.Step>
        ))}
        <Stepper.Step
          label={t('classification.wizard.summary')}
          description={description(ASPECTS.length)}
          color={failing.has(ASPECTS.length) ? 'red' : undefined}
          aria-current={step === ASPECTS.length ? 'step' : undefined}
        >
          <Stack maw={800} gap="md">
            {stepHeading(t('classification.wizard.summary'))}
            <LevelBadges levels={levels} label={label} />
            <TagsField
              id="classify-participants"
              label={t('classification.wizard.participants')}
              description={t('classification.wizard.participantsHelp')}
              value={participants}
              onChange={setParticipants}
              error={errors.errorFor('participants')}
            />
            <TextInput
              id="classify-nextReviewOn"
              type="date"
              label={t('classification.wizard.nextReviewOn')}
              description={t('classification.wizard.nextReviewHelp', { months: scheme.reviewMonths })}
              value={nextReviewOn}
              onChange={(e) => setNextReviewOn(e.currentTarget.value)}
              error={errors.errorFor('nextReviewOn')}
            />
            {national ? (
              <Alert color="red" title={t('classification.wizard.nationalTitle')}>
                {lang(scheme.nationalSecurity)}
              </Alert>
            ) : null}
            <SubmitAlert error={errors.error} onReload={onReload} />
          </Stack>
        </Stepper.Step>
      </Stepper>
      <Group>
        <Button variant="default" onClick={() => go(Math.max(0, step - 1))} disabled={step === 0}>
          {t('classification.wizard.previous')}
        </Button>
        {step < ASPECTS.length ? (
          <Button onClick={() => go(step + 1)}>{t('classification.wizard.next')}</Button>
        ) : (
          <Button onClick={() => void save()} loading={busy} disabled={national}>
            {t('classification.wizard.save')}
          </Button>
        )}
        <Button variant="subtle" onClick={() => void navigate(`/information-assets/${asset.id}`)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </>
  );
}
