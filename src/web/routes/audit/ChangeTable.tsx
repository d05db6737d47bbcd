import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldChanges, fieldLabel, formatValue, isHashedValue } from './labels.js';

function Value({ entityType, field, value }: { entityType: string; field: string; value: unknown }) {
  const { t, i18n } = useTranslation();
  const hidden = isHashedValue(value);
  return (
    <Text size="sm" fs={hidden ? 'italic' : undefined} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
      {formatValue(t, i18n.language, entityType, field, value)}
    </Text>
  );
}

/** An event's changed fields as before → after, labelled as on the object's own page. */
export function ChangeTable({ entityType, before, after }: { entityType: string; before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const changes = fieldChanges(before, after);
  if (changes.length === 0) return <Text size="sm">{t('audit.noChanges')}</Text>;
  // A creation has no "before": one value column then.
  const hasBefore = before !== null && before !== undefined;
  const hidden = changes.some((c) => isHashedValue(c.before) || isHashedValue(c.after));
  return (
    <>
      <Table.ScrollContainer minWidth={480} type="native">
        <Table withTableBorder withColumnBorders layout="fixed">
          <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600, paddingBottom: 4 }}>
            {t('audit.changesCaption')}
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="30%">
                {t('audit.colField')}
              </Table.Th>
              {hasBefore ? <Table.Th scope="col">{t('audit.colBefore')}</Table.Th> : null}
              <Table.Th scope="col">{hasBefore ? t('audit.colAfter') : t('audit.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Th scope="row" fw={500}>
                  {c.field ? fieldLabel(t, entityType, c.field) : t('audit.value')}
                </Table.Th>
                {hasBefore ? (
                  <Table.Td>
                    <Value entityType={entityType} field={c.field} value={c.before} />
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Value entityType={entityType} field={c.field} value={c.after} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {hidden ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('audit.hiddenValueHelp')}
        </Text>
      ) : null}
    </>
  );
}
