import { useState, type ReactNode } from 'react';
import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Supplier } from '../../api/resources.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { formatDate } from '../../components/format.js';
import { mayDo, useMe } from '../auth/session.js';
import { ProfileForm } from './ProfileForm.js';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Title order={3} size="h4" mt="lg" mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

function Rows({ head, rows, empty }: { head: string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <Text>{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            {head.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              {r.map((c, j) => (
                <Table.Td key={j}>{c}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The supplier's details (issue 7); its own administrator keeps them current in the portal. */
export function ProfilePanel({ supplier: s, etag }: { supplier: Supplier; etag: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const [editing, setEditing] = useState(false);
  const p = (k: string, o?: Record<string, unknown>) => t(`supplierRegister.profile.${k}`, o ?? {});
  const pr = s.profile;
  const none = p('none');
  const yesNo = (v: boolean | null) => (v === null ? null : v ? p('yes') : p('no'));
  const date = (v: string | null) => formatDate(v, i18n.language);
  // a supplier user's save notifies the municipality: say so in the form
  const supplierSide = !mayDo(me, 'supplier', 'create');
  return (
    <>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {p('heading')}
        </Title>
        {s.allowedActions.includes('update') ? <Button onClick={() => setEditing(true)}>{p('edit')}</Button> : null}
      </Group>
      <Section title={p('reachability')}>
        <DetailFields
          rows={[
            [p('phone'), pr.phone],
            [p('voicemail'), yesNo(pr.voicemail)],
            [p('email'), pr.email],
          ]}
        />
      </Section>
      <Section title={p('support')}>
        {pr.supportContact ? (
          <DetailFields
            rows={[
              [p('supportName'), pr.supportContact.name],
              [p('supportPhone'), pr.supportContact.phone],
              [p('supportEmail'), pr.supportContact.email],
            ]}
          />
        ) : (
          <Text>{none}</Text>
        )}
      </Section>
      <Section title={p('contacts')}>
        <Rows
          head={['name', 'role', 'phone', 'email'].map((k) => p(`contact.${k}`))}
          rows={pr.contacts.map((c) => [c.name, c.role, c.phone, c.email])}
          empty={none}
        />
      </Section>
      <Section title={p('premises')}>
        <Rows
          head={[p('premise.address'), p('premise.tenure'), p('networkResponsible')]}
          rows={pr.premises.map((x) => [
            x.address,
            p(`tenures.${x.tenure}`),
            <Stack gap={2} key="r">
              <span>{p(`responsible.${x.buildingNetworkResponsible}`)}</span>
              {x.changesNeedConsultation ? <Text size="sm">{p('consultation')}</Text> : null}
            </Stack>,
          ])}
          empty={none}
        />
      </Section>
      <Section title={p('telecom')}>
        <Rows
          head={['kind', 'number', 'assignedOn', 'status', 'assignedTo'].map((k) => p(`telecomItem.${k}`))}
          rows={pr.telecom.map((x) => [
            p(`telecomKinds.${x.kind}`),
            x.number,
            date(x.assignedOn),
            p(`telecomStatuses.${x.status}`),
            x.assignedTo,
          ])}
          empty={none}
        />
      </Section>
      <Section title={p('messaging')}>
        <Rows
          head={['name', 'encrypted', 'endToEnd', 'justification'].map((k) => p(`message.${k}`))}
          rows={pr.messaging.map((m) => [
            m.name,
            yesNo(m.encrypted),
            m.endToEnd ? (
              p('yes')
            ) : (
              <Badge key="e" variant="light" color="red" c="dark.9" tt="none">
                {p('no')}
              </Badge>
            ),
            m.justification,
          ])}
          empty={none}
        />
      </Section>
      <Section title={p('subcontractors')}>
        <Rows
          head={['name', 'organisationNumber', 'service'].map((k) => p(`subcontractor.${k}`))}
          rows={pr.subcontractors.map((x) => [x.name, x.organisationNumber, x.service])}
          empty={none}
        />
      </Section>
      <Section title={p('impact')}>
        {pr.impactAssessment ? (
          <DetailFields
            rows={(['assessedOn', 'itSecurity', 'dataProtection', 'informationSecurity', 'conclusion'] as const).map((k) => [
              p(`impactFields.${k}`),
              k === 'assessedOn' ? date(pr.impactAssessment!.assessedOn) : pr.impactAssessment![k],
            ])}
          />
        ) : (
          <Text>{none}</Text>
        )}
      </Section>
      <Section title={p('publicInfo')}>
        {pr.publicInfo ? (
          <DetailFields
            rows={(['description', 'website', 'visitingAddress', 'openingHours', 'languages'] as const).map((k) => [
              p(`publicFields.${k}`),
              pr.publicInfo![k],
            ])}
          />
        ) : (
          <Text>{none}</Text>
        )}
      </Section>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        size="xl"
        title={p('editTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? <ProfileForm supplier={s} etag={etag} supplierSide={supplierSide} onDone={() => setEditing(false)} /> : null}
      </Modal>
    </>
  );
}
