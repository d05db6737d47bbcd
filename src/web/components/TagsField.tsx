import { Pill, TagsInput, type TagsInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine TagsInput (Enter or comma adds, Backspace removes the last) whose remove buttons are
 * real buttons with a translated name, so screen reader and keyboard users can remove any tag.
 */
export function TagsField(props: Omit<TagsInputProps, 'renderPill'>) {
  const { t } = useTranslation();
  return (
    <TagsInput
      splitChars={[',']}
      acceptValueOnBlur
      {...props}
      renderPill={({ value, onRemove, disabled }) => (
        <Pill
          withRemoveButton={!disabled}
          onRemove={onRemove}
          removeButtonProps={{ tabIndex: 0, 'aria-hidden': false, 'aria-label': t('tags.removeTag', { tag: value }) }}
        >
          {value}
        </Pill>
      )}
    />
  );
}
