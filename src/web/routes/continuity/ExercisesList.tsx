import { useState } from 'react';
import { Button, Group, NativeSelect, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { exerciseKinds } from '../../../shared/enums.js';
import { Link } from 'react-router';
import { usePermission } from '../auth/session.js';
import { continuityKeys, exercisesApi, type ExerciseQuery } from './api.js';

/** /continuity/exercises (D1-42, D1-54): the exercise register, newest first. */
export function ExercisesList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('continuity.exercises.title'));
  const mayCreate = usePermission('exercise', 'create');
  const [kind, setKind] = useState('');
  const query: ExerciseQuery = { limit: 50, ...(kind ? { kind: kind as ExerciseQuery['kind'] } : {}) };
  const list = usePagedList(continuityKeys.exercises, query, exercisesApi.list);
  return (
    <>
      <PageHeader title={t('continuity.exercises.title')}>
        {mayCreate ? (
          <Button component={Link} to="/continuity/exercises/new">
            {t('continuity.exercises.new')}
          </Button>
        ) : null}
      </PageHeader>
      <Group mb="md">
        <NativeSelect
          id="exercises-kind"
          label={t('continuity.exercises.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: '', label: t('continuity.exercises.allKinds') },
            ...exerciseKinds.map((k) => ({ value: k, label: t(`continuity.exerciseKinds.${k}`) })),
          ]}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={!!kind}
        empty={t('continuity.exercises.empty')}
        emptyFiltered={t('continuity.exercises.emptyFiltered')}
        emptyCta={t('continuity.exercises.new')}
        {...(mayCreate ? { newTo: '/continuity/exercises/new' } : {})}
        caption={t('continuity.exercises.caption')}
        minWidth={700}
        head={
          <>
            <Table.Th scope="col">{t('continuity.exercises.name')}</Table.Th>
            <Table.Th scope="col">{t('continuity.exercises.heldOn')}</Table.Th>
            <Table.Th scope="col">{t('continuity.exercises.kind')}</Table.Th>
            <Table.Th scope="col">{t('continuity.exercises.systems')}</Table.Th>
            <Table.Th scope="col">{t('continuity.exercises.measures')}</Table.Th>
          </>
        }
        row={(e) => (
          <>
            <NameCell to={`/continuity/exercises/${e.id}`} name={e.title} />
            <Table.Td>{formatDate(e.heldOn, i18n.language)}</Table.Td>
            <Table.Td>{t(`continuity.exerciseKinds.${e.kind}`)}</Table.Td>
            <Table.Td>{e.systems.map((s) => s.name ?? t('secrecy.maskedSystem')).join(', ') || '–'}</Table.Td>
            <Table.Td>{e.measures.length}</Table.Td>
          </>
        )}
      />
    </>
  );
}
