import type { ReactNode } from 'react';
import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '../../../api/resources.js';

/** Date and time in Stockholm: sessions are about when, to the minute. */
export function formatDateTime(value: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(value));
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS|Chromium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];
// iPhone agents also say "Mac OS X" and Android ones "Linux": the more specific comes first.
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome 131 på Windows" from a user-agent string; the first 60 characters when it is not a browser. */
export function shortAgent(t: TFunction, ua: string | null): string | null {
  if (!ua) return null;
  const browser = BROWSERS.map(([re, name]) => {
    const m = re.exec(ua);
    return m ? `${name} ${m[1]}` : null;
  }).find(Boolean);
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return t('sessions.agentOn', { browser, system });
  if (browser) return browser;
  return ua.length > 60 ? `${ua.slice(0, 60)}…` : ua;
}

export const methodsText = (t: TFunction, methods: string[]): string =>
  methods.map((m) => t(`sessions.methods.${m}`, { defaultValue: m })).join(', ');

/** One sentence naming a session, for buttons and dialogs: "Chrome 131 på Linux, startad 3 feb. 2026 10:15". */
export function sessionLabel(t: TFunction, s: SessionRecord, lang: string): string {
  return t('sessions.label', {
    agent: shortAgent(t, s.userAgent) ?? t('sessions.unknownAgent'),
    started: formatDateTime(s.createdAt, lang),
  });
}

interface Props {
  sessions: SessionRecord[];
  caption: string;
  /** An action cell per row, e.g. "Avsluta". */
  action?: (s: SessionRecord) => ReactNode;
  actionLabel?: string;
}

/** A person's signed-in sessions: where, since when, last activity, which browser, how they signed in. */
export function SessionTable({ sessions, caption, action, actionLabel }: Props) {
  const { t, i18n } = useTranslation();
  const unknown = (
    <Text span c="dimmed" fz="inherit">
      {t('sessions.unknown')}
    </Text>
  );
  return (
    <Table.ScrollContainer minWidth={800} type="native">
      <Table striped>
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('sessions.agent')}</Table.Th>
            <Table.Th scope="col">{t('sessions.organisation')}</Table.Th>
            <Table.Th scope="col">{t('sessions.started')}</Table.Th>
            <Table.Th scope="col">{t('sessions.lastActive')}</Table.Th>
            <Table.Th scope="col">{t('sessions.address')}</Table.Th>
            <Table.Th scope="col">{t('sessions.signedInWith')}</Table.Th>
            {action ? <Table.Th scope="col">{actionLabel}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Th scope="row" fw={400}>
                {shortAgent(t, s.userAgent) ?? unknown}
                {s.current ? (
                  <Badge variant="light" color="green" c="dark.9" tt="none" ml="xs">
                    {t('sessions.current')}
                  </Badge>
                ) : null}
              </Table.Th>
              <Table.Td>{s.tenant.name}</Table.Td>
              <Table.Td>
                <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, i18n.language)}</time>
              </Table.Td>
              <Table.Td>
                <time dateTime={s.lastSeenAt}>{formatDateTime(s.lastSeenAt, i18n.language)}</time>
              </Table.Td>
              <Table.Td>{s.clientAddress ?? unknown}</Table.Td>
              <Table.Td>{methodsText(t, s.authMethods)}</Table.Td>
              {action ? <Table.Td>{action(s)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
