// The risk matrix of a risk and vulnerability analysis (RSA): likelihood × consequence on a 4×4 or
// 5×5 scale. Pure functions and tables, shared by the server (validation, heat map, snapshots) and
// the web app (labels, colours), so both sides always band a level the same way.

export type MatrixSize = 4 | 5;
export const riskBands = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskBand = (typeof riskBands)[number];

type Text = { sv: string; en: string };

export const bandLabels: Record<RiskBand, Text> = {
  low: { sv: 'Låg', en: 'Low' },
  medium: { sv: 'Medel', en: 'Medium' },
  high: { sv: 'Hög', en: 'High' },
  very_high: { sv: 'Mycket hög', en: 'Very high' },
};

// The lowest level of each band above 'low', per matrix size. On 4×4 the possible levels are
// 1,2,3,4,6,8,9,12,16; on 5×5 also 5,10,15,20,25. The cuts keep the corners in the outer bands and
// the middle row/column mostly 'medium' or 'high', as the common municipal RSA templates do.
const bandFloors: Record<MatrixSize, { medium: number; high: number; very_high: number }> = {
  4: { medium: 4, high: 8, very_high: 12 },
  5: { medium: 5, high: 10, very_high: 16 },
};

export function riskLevel(likelihood: number, consequence: number): number {
  return likelihood * consequence;
}

export function bandOf(level: number, size: MatrixSize): RiskBand {
  const f = bandFloors[size];
  if (level >= f.very_high) return 'very_high';
  if (level >= f.high) return 'high';
  if (level >= f.medium) return 'medium';
  return 'low';
}

// The levels a band covers on a matrix, for filtering in a query.
export function bandBounds(band: RiskBand, size: MatrixSize): { min: number; max: number } {
  const f = bandFloors[size];
  const max = size * size;
  switch (band) {
    case 'low':
      return { min: 1, max: f.medium - 1 };
    case 'medium':
      return { min: f.medium, max: f.high - 1 };
    case 'high':
      return { min: f.high, max: f.very_high - 1 };
    case 'very_high':
      return { min: f.very_high, max };
  }
}

// null when either score is missing (a residual risk not yet assessed)
export function scoreOf(likelihood: number | null | undefined, consequence: number | null | undefined, size: MatrixSize) {
  if (likelihood == null || consequence == null) return null;
  const level = riskLevel(likelihood, consequence);
  return { likelihood, consequence, level, band: bandOf(level, size) };
}

export const withinMatrix = (score: number | null | undefined, size: MatrixSize) => score == null || (score >= 1 && score <= size);

// Cell colours with the text colour that reads on them (contrast ≥ 4.5:1), and a pattern name so
// the band never rests on colour alone; the band's text is shown in the cell as well.
export const bandStyle: Record<RiskBand, { background: string; color: string; pattern: 'none' | 'dots' | 'stripes' | 'cross' }> = {
  low: { background: '#d3f9d8', color: '#1b4d24', pattern: 'none' },
  medium: { background: '#fff3bf', color: '#5c4400', pattern: 'dots' },
  high: { background: '#ffd8a8', color: '#6b2d00', pattern: 'stripes' },
  very_high: { background: '#c92a2a', color: '#ffffff', pattern: 'cross' },
};

// Scale steps, 1 = lowest. The words follow the usual Swedish RSA templates (MCF, tidigare MSB).
const likelihoodWords: Record<MatrixSize, Text[]> = {
  4: [
    { sv: 'Osannolik', en: 'Unlikely' },
    { sv: 'Möjlig', en: 'Possible' },
    { sv: 'Sannolik', en: 'Likely' },
    { sv: 'Mycket sannolik', en: 'Very likely' },
  ],
  5: [
    { sv: 'Mycket osannolik', en: 'Very unlikely' },
    { sv: 'Osannolik', en: 'Unlikely' },
    { sv: 'Möjlig', en: 'Possible' },
    { sv: 'Sannolik', en: 'Likely' },
    { sv: 'Mycket sannolik', en: 'Very likely' },
  ],
};
const consequenceWords: Record<MatrixSize, Text[]> = {
  4: [
    { sv: 'Liten', en: 'Minor' },
    { sv: 'Måttlig', en: 'Moderate' },
    { sv: 'Allvarlig', en: 'Serious' },
    { sv: 'Mycket allvarlig', en: 'Very serious' },
  ],
  5: [
    { sv: 'Försumbar', en: 'Negligible' },
    { sv: 'Liten', en: 'Minor' },
    { sv: 'Måttlig', en: 'Moderate' },
    { sv: 'Allvarlig', en: 'Serious' },
    { sv: 'Mycket allvarlig', en: 'Very serious' },
  ],
};

export function scaleLabel(kind: 'likelihood' | 'consequence', step: number, size: MatrixSize, lang: 'sv' | 'en'): string {
  const words = (kind === 'likelihood' ? likelihoodWords : consequenceWords)[size][step - 1];
  return words ? `${step} – ${words[lang]}` : String(step);
}

// Counts per cell: rows are consequence from highest to lowest (as the matrix is drawn), columns
// likelihood from lowest to highest. cells[0][0] is consequence = size, likelihood = 1.
export function emptyGrid(size: MatrixSize): number[][] {
  return Array.from({ length: size }, () => Array.from({ length: size }, () => 0));
}

export function addToGrid(grid: number[][], size: MatrixSize, likelihood: number, consequence: number, n = 1): void {
  const row = grid[size - consequence];
  if (row && likelihood >= 1 && likelihood <= size) row[likelihood - 1] = (row[likelihood - 1] ?? 0) + n;
}
