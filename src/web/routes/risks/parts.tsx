import { Anchor, Badge, Box, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { bandLabels, bandOf as bandOfCell, bandStyle, scaleLabel, type MatrixSize, type RiskBand } from '../../../shared/risk-matrix.js';
import { formatDate } from '../../components/format.js';
import { risksApi, riskKeys, type RiskItem, type Score } from './api.js';

export const useLang = () => (useTranslation().i18n.language === 'en' ? 'en' : 'sv');

export const useDate = () => {
  const { i18n } = useTranslation();
  return (value: string | null | undefined) => formatDate(value, i18n.language) ?? '';
};

// Pattern behind the colour, so the band reads without colour too (the text says it as well).
const patterns: Record<string, string | undefined> = {
  none: undefined,
  dots: 'radial-gradient(rgba(0,0,0,0.18) 1px, transparent 1px) 0 0 / 6px 6px',
  stripes: 'repeating-linear-gradient(45deg, rgba(0,0,0,0.12) 0 2px, transparent 2px 7px)',
  cross:
    'repeating-linear-gradient(45deg, rgba(255,255,255,0.25) 0 2px, transparent 2px 8px), repeating-linear-gradient(-45deg, rgba(255,255,255,0.25) 0 2px, transparent 2px 8px)',
};
export const bandCss = (band: RiskBand) => {
  const s = bandStyle[band];
  const p = patterns[s.pattern];
  return { color: s.color, background: p ? `${p}, ${s.background}` : s.background };
};

/** A level with its band as text and colour: "12 – Mycket hög". */
export function LevelBadge({ score }: { score: Score }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!score) return <Text span>{t('risks.notAssessed')}</Text>;
  return (
    <Badge tt="none" radius="sm" style={{ ...bandCss(score.band), border: '1px solid rgba(0,0,0,0.3)' }}>
      {score.level} – {bandLabels[score.band][lang]}
    </Badge>
  );
}

/** People who may own a risk: with a risk or analysis, only those the server accepts as its owner. */
export function useOwners(scope: { riskId?: string; analysisId?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: [...riskKeys.all, 'owners', scope.riskId ?? '', scope.analysisId ?? ''],
    queryFn: () => risksApi.owners(scope),
    staleTime: 60_000,
    enabled,
  });
}

export const scaleOptions = (kind: 'likelihood' | 'consequence', size: MatrixSize, lang: 'sv' | 'en') =>
  Array.from({ length: size }, (_, i) => ({ value: String(i + 1), label: scaleLabel(kind, i + 1, size, lang) }));

/** One heat map as a table: consequence rows from high to low, likelihood columns; each cell links to its risks. */
export function HeatTable({
  title,
  grid,
  size,
  cellLink,
}: {
  title: string;
  grid: number[][];
  size: MatrixSize;
  cellLink: (likelihood: number, consequence: number) => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Box component="section" aria-label={title}>
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      <Table withTableBorder withColumnBorders>
        <VisuallyHidden component="caption">{t('risks.heatCaption', { title })}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('risks.consequenceDown')}</Table.Th>
            {Array.from({ length: size }, (_, i) => (
              <Table.Th key={i} scope="col">
                {scaleLabel('likelihood', i + 1, size, lang)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.map((row, r) => {
            const consequence = size - r;
            return (
              <Table.Tr key={consequence}>
                <Table.Th scope="row">{scaleLabel('consequence', consequence, size, lang)}</Table.Th>
                {row.map((n, c) => {
                  const likelihood = c + 1;
                  const band = bandOfCell(likelihood * consequence, size);
                  return (
                    <Table.Td key={likelihood} style={bandCss(band)}>
                      {n > 0 ? (
                        <Link to={cellLink(likelihood, consequence)} style={{ color: 'inherit', fontWeight: 700 }}>
                          {t('risks.cellCount', { count: n })}
                        </Link>
                      ) : (
                        <span>{t('risks.cellCount', { count: 0 })}</span>
                      )}
                      <Text size="xs" c="inherit">
                        {bandLabels[band][lang]}
                      </Text>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt={4}>
        {t('risks.likelihoodAcross')}
      </Text>
    </Box>
  );
}

type Named = { id: string; name: string };
function Links({ items, to, hidden, hiddenText }: { items: Named[]; to: (id: string) => string; hidden: number; hiddenText: string }) {
  if (!items.length && !hidden) return <>–</>;
  return (
    <>
      {items.map((x, i) => (
        <span key={x.id}>
          {i > 0 ? ', ' : ''}
          <Anchor component={Link} to={to(x.id)} underline="always">
            {x.name}
          </Anchor>
        </span>
      ))}
      {hidden ? `${items.length ? ', ' : ''}${hiddenText}` : ''}
    </>
  );
}

/** The affected systems as links; those whose name is withheld from this viewer are counted, not left blank. */
export function SystemLinks({ risk }: { risk: Pick<RiskItem, 'systems' | 'systemIds' | 'masked'> }) {
  const { t } = useTranslation();
  const hidden = risk.masked ? 0 : Math.max(0, risk.systemIds.length - risk.systems.length);
  if (risk.masked) return <>{t('secrecy.maskedShort')}</>;
  return (
    <Links items={risk.systems} to={(id) => `/systems/${id}`} hidden={hidden} hiddenText={t('risks.maskedSystems', { count: hidden })} />
  );
}

export function AssetLinks({ risk }: { risk: { assets: Named[]; assetIds: string[]; masked: boolean } }) {
  const { t } = useTranslation();
  if (risk.masked) return <>{t('secrecy.maskedShort')}</>;
  const hidden = Math.max(0, risk.assetIds.length - risk.assets.length);
  return (
    <Links
      items={risk.assets}
      to={(id) => `/information-assets/${id}`}
      hidden={hidden}
      hiddenText={t('risks.maskedAssets', { count: hidden })}
    />
  );
}
