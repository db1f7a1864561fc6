import { objectiveSeries } from './objective-chart.js';

describe('objective series SVG', () => {
  const svg = objectiveSeries(
    [
      { label: 'Sep 2026', value: 66, meetsTarget: false },
      { label: 'Okt 2026', value: 57.5, meetsTarget: true },
    ],
    60,
    'at_most',
    { title: 'Waktu tunggu <rawat jalan>', target: 'Target' },
    'id',
  );

  it('draws the target line, one point per period coloured by whether it meets the target', () => {
    expect(svg).toContain('class="target-line"');
    expect(svg).toContain('Target ≤ 60');
    expect(svg.match(/class="series-point met"/g)).toHaveLength(1);
    expect(svg.match(/class="series-point missed"/g)).toHaveLength(1);
    expect(svg).toContain('>57,5<');
    expect(svg).toContain('<polyline');
  });

  it('escapes text and copes with one point or none', () => {
    expect(svg).toContain('Waktu tunggu &#60;rawat jalan&#62;');
    expect(objectiveSeries([], 100, 'at_least', { title: 't', target: 'T' }, 'en')).not.toContain(
      'NaN',
    );
    expect(
      objectiveSeries(
        [{ label: 'Q1', value: 100, meetsTarget: true }],
        100,
        'at_least',
        { title: 't', target: 'T' },
        'en',
      ),
    ).not.toContain('NaN');
  });
});
