import type { Metrics, MetricsFigure, MetricsWeek } from '../contracts/metrics.js';
import { cellText, codeSpan, headingText } from '../markdown/escape.js';
import { formatDuration } from './format.js';
import { html, type SafeHtml } from './html-template.js';

/**
 * The "Delivery metrics" section of report.md (a table and a Mermaid xychart-beta) and report.html (the
 * same table and the same chart as inline SVG, self-contained like the timeline). Only types are
 * imported from the metrics: the section renders what report.ts computed, and costs nothing otherwise.
 */

export type MetricsSection = { metrics: Metrics } | { problem: string } | undefined;

const STATUS_MARK: Record<MetricsFigure['status'], string> = {
  met: ':white_check_mark: met',
  missed: ':x: missed',
  'no target': 'no target',
  'no data': 'no data',
};

const STATUS_CLASS: Record<MetricsFigure['status'], string> = {
  met: 'success',
  missed: 'failure',
  'no target': 'meta',
  'no data': 'meta',
};

/** The colours of the chart's bars: deployments, failures. */
export const CHART_COLOUR = { deployments: '#0969da', failures: '#cf222e' } as const;

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** A value in its unit, as a person reads it: `12 min 5 s`, `96.7 %`, `1.20 a day`. */
export function figureText(unit: MetricsFigure['unit'], value: number | null): string {
  if (value === null) return '–';
  switch (unit) {
    case 'seconds':
      return formatDuration(value);
    case 'percent':
      return `${value.toFixed(1)} %`;
    case 'per-day':
      return `${number(value)} a day`;
    case 'per-week':
      return `${number(value)} a week`;
    case 'count':
      return String(value);
  }
}

function targetText(figure: MetricsFigure): string {
  if (!figure.target) return '';
  const op = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' }[figure.target.op];
  return `${op} ${figureText(figure.unit, figure.target.value)}`;
}

/** `2026-11-03`: a week by its first day (UTC). */
function weekLabel(week: MetricsWeek): string {
  return week.from.slice(0, 10);
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function headline(m: Metrics): string {
  const d = m.deployments;
  const what = m.counted === 'releases' ? 'releases' : 'deployments (no release records in the window)';
  return (
    `${m.environment}, the last ${m.window.days} days (${day(m.window.from)} to ${day(m.window.to)}): ` +
    `${d.total} ${what}, ${d.succeeded} succeeded, ${d.failed} failed, ${d.rolledBack} rolled back` +
    (d.inProgress > 0 ? `, ${d.inProgress} in progress` : '') +
    (m.restores.open > 0 ? `; not restored since ${m.restores.openSince ?? '?'}` : '')
  );
}

function emptyText(m: Metrics): string {
  return `No deployments in the window (${m.window.days} days).`;
}

/** The chart as Mermaid's xychart-beta: deployments as bars, failures as a line. */
export function mermaidChart(weeks: readonly MetricsWeek[]): string {
  const top = Math.max(1, ...weeks.map((w) => w.deployments));
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Deployments (bars) and failures (line) per week"',
    `  x-axis [${weeks.map((w) => `"${weekLabel(w)}"`).join(', ')}]`,
    `  y-axis "Deployments" 0 --> ${top}`,
    `  bar [${weeks.map((w) => w.deployments).join(', ')}]`,
    `  line [${weeks.map((w) => w.failures).join(', ')}]`,
    '```',
  ].join('\n');
}

export function metricsMarkdown(section: MetricsSection): string[] {
  if (!section) return [];
  const lines = ['### Delivery metrics', ''];
  if ('problem' in section) return [...lines, `:warning: ${cellText(section.problem)}`, ''];
  const m = section.metrics;
  if (m.deployments.total === 0) {
    lines.push(`${codeSpan(m.environment)}: ${emptyText(m)}`, '');
  } else {
    lines.push(
      headingText(headline(m)),
      '',
      '| figure | value | target | status |',
      '| --- | ---: | --- | --- |',
      ...m.figures.map(
        (f) =>
          `| ${f.label} | ${figureText(f.unit, f.value)} | ${targetText(f)} | ${STATUS_MARK[f.status]} |`,
      ),
      '',
      mermaidChart(m.weeks),
      '',
    );
  }
  for (const note of m.notes) lines.push(`- :warning: ${cellText(note)}`);
  if (m.notes.length > 0) lines.push('');
  return lines;
}

/** The weeks as inline SVG: per week a deployments bar and a failures bar beside it, to one scale. */
function chartSvg(weeks: readonly MetricsWeek[]): SafeHtml {
  const top = Math.max(1, ...weeks.map((w) => w.deployments, ...weeks.map((w) => w.failures)));
  const left = 40;
  const plotHeight = 200;
  const group = 56;
  const bar = 20;
  const width = left + weeks.length * group + 10;
  const base = 10 + plotHeight;
  const scale = plotHeight / top;
  const bars = weeks.map((w, i) => {
    const x = left + i * group + 6;
    const rect = (kind: 'deployments' | 'failures', value: number, dx: number) =>
      html`<rect
        class="${kind}"
        data-week="${weekLabel(w)}"
        data-value="${value}"
        x="${x + dx}"
        y="${(base - value * scale).toFixed(1)}"
        width="${bar}"
        height="${(value * scale).toFixed(1)}"
        fill="${CHART_COLOUR[kind]}"
        ><title>${weekLabel(w)}: ${value} ${kind}</title></rect
      >`;
    return html`<g class="week">
      ${rect('deployments', w.deployments, 0)} ${rect('failures', w.failures, bar + 2)}
      <text x="${x + bar}" y="${base + 16}" text-anchor="middle">${weekLabel(w).slice(5)}</text>
    </g>`;
  });
  return html`<svg
    id="metrics-chart"
    role="img"
    aria-label="Deployments and failures per week"
    xmlns="http://www.w3.org/2000/svg"
    width="${width}"
    height="${base + 40}"
    viewBox="0 0 ${width} ${base + 40}"
  >
    <line x1="${left}" y1="10" x2="${left}" y2="${base}" stroke="#d0d7de" />
    <line x1="${left}" y1="${base}" x2="${width - 4}" y2="${base}" stroke="#d0d7de" />
    <text x="${left - 6}" y="16" text-anchor="end">${top}</text>
    <text x="${left - 6}" y="${base}" text-anchor="end">0</text>
    ${bars}
    <rect x="${left}" y="${base + 26}" width="10" height="10" fill="${CHART_COLOUR.deployments}" />
    <text x="${left + 14}" y="${base + 35}">deployments</text>
    <rect x="${left + 110}" y="${base + 26}" width="10" height="10" fill="${CHART_COLOUR.failures}" />
    <text x="${left + 124}" y="${base + 35}">failed or rolled back</text>
  </svg>`;
}

export function metricsHtml(section: MetricsSection): SafeHtml | '' {
  if (!section) return '';
  if ('problem' in section) {
    return html`<h2>Delivery metrics</h2>
      <p class="failure" id="metrics-problem">${section.problem}</p>`;
  }
  const m = section.metrics;
  const notes =
    m.notes.length > 0
      ? html`<ul>
          ${m.notes.map((n) => html`<li class="pending">${n}</li>`)}
        </ul>`
      : '';
  if (m.deployments.total === 0) {
    return html`<h2>Delivery metrics</h2>
      <p id="metrics-empty"><code>${m.environment}</code>: ${emptyText(m)}</p>
      ${notes}`;
  }
  return html`<h2>Delivery metrics</h2>
    <p class="meta">${headline(m)}</p>
    <table id="metrics">
      <thead>
        <tr>
          <th>figure</th>
          <th>value</th>
          <th>target</th>
          <th>status</th>
        </tr>
      </thead>
      <tbody>
        ${m.figures.map(
          (f) =>
            html`<tr data-figure="${f.name}" data-status="${f.status}">
              <td>${f.label}</td>
              <td class="n">${figureText(f.unit, f.value)}</td>
              <td>${targetText(f)}</td>
              <td class="${STATUS_CLASS[f.status]}">${f.status}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${chartSvg(m.weeks)} ${notes}`;
}
