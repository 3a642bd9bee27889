/** Tiny inline-SVG charts: the HTML report must open offline, with no script and no CDN. */

export const palette = [
  '#2563eb',
  '#16a34a',
  '#dc2626',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#64748b',
];

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export interface LineSeries {
  name: string;
  values: readonly (number | null)[];
  color?: string;
}

export interface LineChartOptions {
  title: string;
  labels: readonly string[];
  series: readonly LineSeries[];
  max: number;
  /** Bottom of the y axis. Default 0. */
  min?: number;
  /** Values with a grid line and a label; default five even steps from `min` to `max`. */
  ticks?: readonly number[];
  format: (value: number) => string;
  /** Shaded spans of the x axis, e.g. the baseline and after-learning phases. */
  bands?: readonly { from: number; to: number; label: string }[];
  step?: boolean;
  /** Labels the same scale again on the right, e.g. a share in % next to levels. */
  rightAxis?: { format: (value: number) => string };
  width?: number;
  height?: number;
}

export function lineChart(options: LineChartOptions): string {
  const { labels, series, max, min = 0, format, width = 460, height = 220 } = options;
  const left = 44;
  const bottom = height - 28;
  const top = 40;
  const right = options.rightAxis ? 44 : 12;
  const plotWidth = width - left - right;
  const x = (index: number) =>
    left + (labels.length <= 1 ? 0 : (index / (labels.length - 1)) * plotWidth);
  // Clamped to the axis: a value outside [min, max] is drawn on its edge, never outside the plot.
  const y = (value: number) =>
    bottom - ((Math.min(Math.max(value, min), max) - min) / (max - min)) * (bottom - top);
  const ticks = options.ticks ?? [0, 0.25, 0.5, 0.75, 1].map((share) => min + share * (max - min));
  const grid = ticks
    .map((value) => {
      const at = y(value);
      const rightLabel = options.rightAxis
        ? `<text x="${width - right + 4}" y="${at + 4}" font-size="10" fill="#6b7280">${escapeHtml(options.rightAxis.format(value))}</text>`
        : '';
      return `<line x1="${left}" x2="${width - right}" y1="${at}" y2="${at}" stroke="#e5e7eb"/><text x="${left - 4}" y="${at + 4}" text-anchor="end" font-size="10" fill="#6b7280">${escapeHtml(format(value))}</text>${rightLabel}`;
    })
    .join('');
  const bands = (options.bands ?? [])
    .map(({ from, to, label }) => {
      const start = x(from) - (from === 0 ? 0 : plotWidth / labels.length / 2);
      const end = x(to) + (to === labels.length - 1 ? 0 : plotWidth / labels.length / 2);
      return `<rect x="${start}" y="${top}" width="${end - start}" height="${bottom - top}" fill="#f1f5f9"/><text x="${(start + end) / 2}" y="${top + 10}" text-anchor="middle" font-size="9" fill="#64748b">${escapeHtml(label)}</text>`;
    })
    .join('');
  const every = Math.max(1, Math.ceil(labels.length / 14));
  const xTicks = labels
    .map((label, index) =>
      index % every === 0
        ? `<text x="${x(index)}" y="${bottom + 14}" text-anchor="middle" font-size="10" fill="#6b7280">${escapeHtml(label)}</text>`
        : '',
    )
    .join('');
  const lines = series
    .map((line, index) => {
      const color = line.color ?? palette[index % palette.length];
      let path = '';
      let previous: number | undefined;
      line.values.forEach((value, at) => {
        if (value === null) return;
        const point = `${x(at).toFixed(1)},${y(value).toFixed(1)}`;
        if (path === '') path = `M${point}`;
        else if (options.step && previous !== undefined)
          path += ` H${x(at).toFixed(1)} V${y(value).toFixed(1)}`;
        else path += ` L${point}`;
        previous = value;
      });
      return `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`;
    })
    .join('');
  const legend = series
    .map((line, index) => {
      const color = line.color ?? palette[index % palette.length];
      return `<tspan fill="${color}">■</tspan> ${escapeHtml(line.name)}  `;
    })
    .join('');
  return `<figure><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}"><text x="${left}" y="14" font-size="12" font-weight="600">${escapeHtml(options.title)}</text><text x="${left}" y="29" font-size="10">${legend}</text>${bands}${grid}${xTicks}${lines}</svg></figure>`;
}

export interface StackedBarRow {
  label: string;
  values: readonly number[];
}

/** Horizontal stacked bars, one row per label, with the counts printed at the end. */
export function stackedBars(options: {
  title: string;
  keys: readonly string[];
  colors: readonly string[];
  rows: readonly StackedBarRow[];
  width?: number;
}): string {
  const { rows, keys, colors, width = 720 } = options;
  const left = 210;
  const rowHeight = 20;
  const height = 40 + rows.length * rowHeight + 10;
  const total = Math.max(
    1,
    ...rows.map((row) => row.values.reduce((sum, value) => sum + value, 0)),
  );
  const scale = (width - left - 240) / total;
  const bars = rows
    .map((row, index) => {
      const at = 36 + index * rowHeight;
      let offset = left;
      const parts = row.values
        .map((value, key) => {
          const part = `<rect x="${offset}" y="${at}" width="${value * scale}" height="${rowHeight - 5}" fill="${colors[key]}"><title>${escapeHtml(`${row.label}: ${value} ${keys[key]}`)}</title></rect>`;
          offset += value * scale;
          return part;
        })
        .join('');
      const counts = row.values
        .map((value, key) => (value > 0 ? `${value} ${keys[key]}` : ''))
        .filter(Boolean)
        .join(' · ');
      return `<text x="${left - 6}" y="${at + 11}" text-anchor="end" font-size="11">${escapeHtml(row.label)}</text>${parts}<text x="${offset + 6}" y="${at + 11}" font-size="10" fill="#374151">${escapeHtml(counts)}</text>`;
    })
    .join('');
  const legend = keys
    .map((key, index) => `<tspan fill="${colors[index]}">■</tspan> ${escapeHtml(key)}  `)
    .join('');
  return `<figure><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}"><text x="10" y="14" font-size="12" font-weight="600">${escapeHtml(options.title)}</text><text x="10" y="28" font-size="10">${legend}</text>${bars}</svg></figure>`;
}
