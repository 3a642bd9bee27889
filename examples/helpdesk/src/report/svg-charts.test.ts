import { describe, expect, it } from 'vitest';
import { lineChart } from './svg-charts';

const yOf = (svg: string) =>
  [...svg.matchAll(/[MLV](?:[\d.]+,)?([\d.]+)/g)].map((match) => Number(match[1]));

describe('lineChart', () => {
  it('labels the y axis with the ticks it is given (CSAT on whole scores)', () => {
    const svg = lineChart({
      title: 'CSAT',
      labels: ['d1', 'd2'],
      min: 1,
      max: 5,
      ticks: [1, 2, 3, 4, 5],
      format: (value) => value.toFixed(0),
      series: [{ name: 'CSAT', values: [4.2, 4.6] }],
    });
    const labels = [...svg.matchAll(/text-anchor="end"[^>]*>([^<]*)</g)].map((match) => match[1]);
    expect(labels).toEqual(['1', '2', '3', '4', '5']);
  });

  it('draws values outside the axis on its edge, never outside the plot', () => {
    const svg = lineChart({
      title: 'budget',
      labels: ['d1', 'd2', 'd3'],
      max: 1,
      format: String,
      series: [{ name: 'budget left', values: [1.4, 0.5, -0.3] }],
    });
    const path = svg.match(/<path d="([^"]*)"/)?.[1] ?? '';
    const ys = yOf(path);
    // top = 40, bottom = 220 - 28 = 192
    expect(Math.min(...ys)).toBe(40);
    expect(Math.max(...ys)).toBe(192);
  });
});
