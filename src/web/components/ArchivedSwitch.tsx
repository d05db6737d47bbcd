import { useEffect, useState } from 'react';
import { Switch, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * "Visa arkiverade" for a list whose filters live in the URL. The router applies URL changes in a
 * transition, so a switch bound straight to the URL would spring back until it commits; this one
 * shows the person's choice at once and follows the URL afterwards (back button, links).
 */
export function ArchivedSwitch({
  id,
  checked,
  onChange,
  mb,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  mb?: MantineSpacing;
}) {
  const { t } = useTranslation();
  const [on, setOn] = useState(checked);
  useEffect(() => setOn(checked), [checked]);
  return (
    <Switch
      id={id}
      label={t('common.showArchived')}
      checked={on}
      onChange={(e) => {
        const next = e.currentTarget.checked;
        setOn(next);
        onChange(next);
      }}
      mb={mb}
    />
  );
}
