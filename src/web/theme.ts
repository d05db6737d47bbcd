import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * Dark blue brand colour. Filled and outline components use shade 8 (#1a4f9a, 8.0:1 against white),
 * so white text on filled buttons and coloured text on outline buttons meet WCAG AA.
 */
const tillit: MantineColorsTuple = [
  '#eaf1fa',
  '#d5e2f4',
  '#a9c4e8',
  '#7ca5dc',
  '#5389d2',
  '#3a77cb',
  '#2b6bc4',
  '#2260b0',
  '#1a4f9a',
  '#143e7a',
];

// Red one step darker than Mantine's, so danger buttons (shade 8) pass AA on grey backgrounds too.
const [r0, r1, r2, r3, r4, r5, r6, r7] = DEFAULT_THEME.colors.red;
const red: MantineColorsTuple = [r0, r1, r2, r3, r4, r5, r6, r7, '#c92a2a', '#a61e1e'];

export const theme = createTheme({
  primaryColor: 'tillit',
  primaryShade: { light: 8, dark: 8 },
  colors: { tillit, red },
  defaultRadius: 'sm',
  // People who ask their system for less motion get dialogs and menus without transitions.
  respectReducedMotion: true,
  // Required fields carry the word "(obligatoriskt)" in their label instead of a bare asterisk.
  components: { InputWrapper: { defaultProps: { withAsterisk: false } } },
});

/** Mantine's default dimmed grey (3.3:1) and error red (3.5:1) are too light for AA body text. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});
