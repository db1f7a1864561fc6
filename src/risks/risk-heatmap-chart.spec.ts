import { DEFAULT_MATRIX, heatMap } from './risk-rules.js';
import { riskHeatMap } from './risk-heatmap-chart.js';

const LABELS = {
  title: 'Peta risiko <RSUD>',
  likelihood: 'Kemungkinan',
  impact: 'Dampak',
  levels: { low: 'Rendah', medium: 'Sedang', high: 'Tinggi', extreme: 'Sangat tinggi' },
};

describe('risk heat map SVG', () => {
  const counts = heatMap(DEFAULT_MATRIX, [
    { likelihood: 4, impact: 3 },
    { likelihood: 4, impact: 3 },
    { likelihood: 1, impact: 1 },
  ]);
  const svg = riskHeatMap(DEFAULT_MATRIX.cells, counts, LABELS, 'id');

  it('draws every cell of the 5 × 5 matrix with its count', () => {
    expect(svg.match(/class="heat-cell"/g)).toHaveLength(25);
    expect(svg).toContain('data-likelihood="4" data-impact="3" data-count="2"');
    expect(svg).toContain('data-likelihood="1" data-impact="1" data-count="1"');
    expect(svg).toContain('Kemungkinan 4 × Dampak 3: Tinggi, 2');
  });

  it('colours by level and escapes text', () => {
    expect(svg).toContain('fill="#8e1b1b"');
    expect(svg).toContain('Peta risiko &#60;RSUD&#62;');
    expect(svg).not.toContain('<RSUD>');
  });
});
