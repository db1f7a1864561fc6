import {
  barChart,
  escapeXml,
  heatMap,
  lineChart,
  luminance,
  meter,
  scaleColour,
} from './charts.js';

const count = (svg: string, pattern: RegExp): number =>
  svg.match(new RegExp(pattern, 'g'))?.length ?? 0;
const HOSTILE = '<script>alert("x")</script> & Co';

/** Well-formed enough: every opened element is closed, in order (no parser in the unit project). */
function assertBalanced(svg: string): void {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
}

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;',
    );
  });
});

describe('scaleColour', () => {
  it('runs red → amber → green', () => {
    const [r0, g0] = [1, 3].map((i) => parseInt(scaleColour(0).slice(i, i + 2), 16));
    const [r1, g1] = [1, 3].map((i) => parseInt(scaleColour(1).slice(i, i + 2), 16));
    expect(r0).toBeGreaterThan(g0 * 3);
    expect(g1).toBeGreaterThan(r1);
    expect(scaleColour(0.5)).toMatch(/^#e/); // amber
  });

  it('gets lighter as the value rises, so a grayscale print keeps the order', () => {
    const lightness = Array.from({ length: 101 }, (_, i) => luminance(scaleColour(i / 100)));
    for (let i = 1; i < lightness.length; i++)
      expect(lightness[i]).toBeGreaterThan(lightness[i - 1]);
    expect(lightness[100] - lightness[0]).toBeGreaterThan(0.5);
  });

  it('clamps values outside 0..1', () => {
    expect(scaleColour(-3)).toBe(scaleColour(0));
    expect(scaleColour(7)).toBe(scaleColour(1));
    expect(scaleColour(Number.NaN)).toBe(scaleColour(0));
  });
});

describe('barChart', () => {
  const data = [
    { label: '4 Konteks organisasi', value: 0.838 },
    { label: '5 Kepemimpinan', value: 0.5 },
    { label: HOSTILE, value: 1.4 },
    { label: '6 Perencanaan', value: null },
  ];

  it('draws one bar per value and a hatched track for null', () => {
    const svg = barChart(data);
    expect(count(svg, /<rect class="bar"/)).toBe(3);
    expect(count(svg, /<rect class="bar bar-empty"/)).toBe(1);
    expect(count(svg, /<g class="bar-row">/)).toBe(4);
    expect(svg).toContain('fill="url(#');
    assertBalanced(svg);
  });

  it('prints values in the language asked for, clamped to 100%', () => {
    expect(barChart(data, { lang: 'id' })).toContain('>83,8%<');
    expect(barChart(data, { lang: 'en' })).toContain('>83.8%<');
    expect(barChart(data)).toContain('data-value="1"');
    expect(barChart(data, { lang: 'en' })).toContain('>n/a<');
    expect(barChart(data, { lang: 'id' })).toContain('>t/a<');
  });

  it('escapes every label and the title', () => {
    const svg = barChart(data, { title: HOSTILE });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co');
    assertBalanced(svg);
  });

  it('shortens long labels but keeps them whole in the tooltip title', () => {
    const long = 'Rumah Sakit Umum Daerah S.K. Lerik Kota Kupang, Instalasi Rawat Jalan';
    const svg = barChart([{ label: long, value: 0.2 }]);
    expect(svg).toContain(`<title>${long}: 20%</title>`);
    // 34 characters fit the 210 px label column; longer ones ran off the left edge.
    expect(svg).toMatch(/>Rumah Sakit Umum Daerah S\.K\. Leri…</);
  });

  it('draws a dashed target line when asked', () => {
    expect(count(barChart(data, { target: 0.8 }), /class="target"/)).toBe(1);
    expect(count(barChart(data), /class="target"/)).toBe(0);
  });

  it('says so when there is nothing to draw', () => {
    const svg = barChart([], { lang: 'en' });
    expect(svg).toContain('No data yet');
    expect(count(svg, /class="bar/)).toBe(0);
  });

  it('gives charts with different data different pattern ids, the same data the same', () => {
    const id = (svg: string) => /<pattern id="([^"]+)"/.exec(svg)?.[1];
    expect(id(barChart(data))).toBe(id(barChart(data)));
    expect(id(barChart(data))).not.toBe(id(barChart(data.slice(1))));
    expect(id(barChart(data, { idPrefix: 'groups' }))).toBe('groups-hatch');
  });
});

describe('heatMap', () => {
  const data = {
    columns: ['Setda', 'RSUD S.K. Lerik', 'BKD', HOSTILE],
    rows: [
      { label: '4 Konteks organisasi', values: [0.42, 0.7, null, 1] },
      { label: '5 Kepemimpinan', values: [0, null, 0.55, 0.8] },
      { label: `${HOSTILE} row`, values: [0.1, 0.2, 0.3] }, // one value short: drawn as n/a
    ],
  };

  it('draws rows × columns cells, nulls and missing values hatched as n/a', () => {
    const svg = heatMap(data, { lang: 'en' });
    expect(count(svg, /<g class="cell">/)).toBe(9);
    expect(count(svg, /<g class="cell cell-empty">/)).toBe(3);
    expect(count(svg, /<text class="row"/)).toBe(3);
    expect(count(svg, /<text class="column"/)).toBe(4);
    expect(count(svg, />n\/a</)).toBe(3);
    expect(svg).toContain('n/a = not applicable / not assessed');
    assertBalanced(svg);
  });

  it('has a legend with the scale and the n/a swatch', () => {
    const svg = heatMap(data, { lang: 'id' });
    expect(svg).toContain('<g class="legend">');
    expect(svg).toContain('t/a = tidak berlaku / belum dinilai');
    expect(svg).toContain('>0%<');
    expect(svg).toContain('>100%<');
  });

  it('writes dark cells in white and light cells in ink', () => {
    const svg = heatMap({ columns: ['a', 'b'], rows: [{ label: 'r', values: [0, 1] }] });
    expect(svg).toMatch(/fill="#ffffff" text-anchor="middle">0%</);
    expect(svg).toMatch(/fill="#1d2530" text-anchor="middle">100%</);
  });

  it('escapes row and column labels', () => {
    const svg = heatMap(data);
    expect(svg).not.toContain('<script');
    expect(count(svg, /&#60;script&#62;/)).toBeGreaterThanOrEqual(2);
  });

  it('turns long column headers so they do not overlap', () => {
    const many = {
      columns: Array.from({ length: 12 }, (_, i) => `Unit kerja nomor ${i + 1}`),
      rows: [],
    };
    expect(heatMap(many)).toContain('transform="rotate(-40');
    expect(heatMap({ columns: ['4', '5', '6'], rows: [] })).not.toContain('transform="rotate(');
  });
});

describe('lineChart', () => {
  it('handles no points with an empty frame that says so', () => {
    const svg = lineChart([], { lang: 'id' });
    expect(svg).toContain('Belum ada data');
    expect(count(svg, /<circle/)).toBe(0);
    expect(svg).not.toContain('<polyline');
    assertBalanced(svg);
  });

  it('draws one point as a dot in the middle, without a line', () => {
    const svg = lineChart([{ date: '2026-11-20', value: 0.704 }], { lang: 'id' });
    expect(count(svg, /<circle class="point"/)).toBe(1);
    expect(svg).not.toContain('<polyline');
    expect(svg).toContain('cx="331"'); // 46 + 570 / 2
    expect(svg).toContain('>70,4%<');
    expect(svg).toContain('>20 November 2026<');
    assertBalanced(svg);
  });

  it('draws many points in date order, spaced by time, with non-overlapping date labels', () => {
    const points = [
      { date: '2026-11-20', value: 0.7 },
      { date: '2026-05-29', value: 0.31 },
      { date: new Date('2026-08-31T03:00:00Z'), value: 0.47 },
      { date: '2026-10-31', value: 0.58 },
      { date: '2026-06-30', value: 0.38 },
    ];
    const svg = lineChart(points, { lang: 'en', target: 0.8 });
    expect(count(svg, /<circle class="point"/)).toBe(5);
    const xs = [...(/points="([^"]+)"/.exec(svg)?.[1] ?? '').split(' ')].map((p) =>
      Number(p.split(',')[0]),
    );
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBe(46);
    expect(xs[4]).toBe(616);
    const ticks = [...svg.matchAll(/<text class="x-tick" x="([\d.]+)"/g)].map((m) => Number(m[1]));
    for (let i = 1; i < ticks.length; i++)
      expect(ticks[i] - ticks[i - 1]).toBeGreaterThanOrEqual(100);
    expect(svg).toContain('>20 November 2026<');
    expect(svg).toContain('class="target"');
    assertBalanced(svg);
  });

  it('refuses a date it cannot read rather than drawing nonsense', () => {
    expect(() => lineChart([{ date: 'yesterday', value: 1 }])).toThrow(RangeError);
  });
});

describe('meter', () => {
  it('fills in proportion to the value', () => {
    expect(meter(0.5)).toContain('class="bar" x="0.5" y="0.5" width="129.5"');
    expect(meter(2)).toContain('width="259"');
  });
});
