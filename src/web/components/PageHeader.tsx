import type { ReactNode } from 'react';
import { Group, Title } from '@mantine/core';

/** The page's one h1, with the page's main actions beside it. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="center" mb="lg" gap="md">
      <Title order={1}>{title}</Title>
      {children ? <Group gap="sm">{children}</Group> : null}
    </Group>
  );
}
