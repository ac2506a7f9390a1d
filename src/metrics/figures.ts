/**
 * The delivery figures, their units and which way is better, and the targets they are marked against.
 * Plain constants and one parser, without dependencies: the report's input layer reads `metrics-targets`
 * with them at start-up, before anything of the metrics is loaded.
 */

/** The file the metrics are written to (`iac/metrics@1`, src/contracts/metrics.ts). */
export const METRICS_FILE = 'metrics.json';

export const FIGURE_NAMES = [
  'deployments-per-day',
  'deployments-per-week',
  'lead-time-median',
  'lead-time-p90',
  'change-failure-rate',
  'time-to-restore-median',
  'time-to-restore-worst',
  'pipeline-duration-median',
  'pipeline-duration-p90',
  'pipeline-success-rate',
  'drift-issues-opened',
  'drift-issues-closed',
] as const;

export type FigureName = (typeof FIGURE_NAMES)[number];
export type FigureUnit = 'per-day' | 'per-week' | 'seconds' | 'percent' | 'count';
export type TargetOp = '<' | '<=' | '>' | '>=';

export interface Target {
  op: TargetOp;
  value: number;
}

interface FigureInfo {
  label: string;
  unit: FigureUnit;
  /** `lower`: less is better (a target is an upper bound); `higher`: more is better. */
  better: 'lower' | 'higher';
}

export const FIGURES: Readonly<Record<FigureName, FigureInfo>> = {
  'deployments-per-day': { label: 'Deployment frequency (per day)', unit: 'per-day', better: 'higher' },
  'deployments-per-week': { label: 'Deployment frequency (per week)', unit: 'per-week', better: 'higher' },
  'lead-time-median': { label: 'Lead time for changes (median)', unit: 'seconds', better: 'lower' },
  'lead-time-p90': { label: 'Lead time for changes (p90)', unit: 'seconds', better: 'lower' },
  'change-failure-rate': { label: 'Change failure rate', unit: 'percent', better: 'lower' },
  'time-to-restore-median': { label: 'Time to restore (median)', unit: 'seconds', better: 'lower' },
  'time-to-restore-worst': { label: 'Time to restore (worst)', unit: 'seconds', better: 'lower' },
  'pipeline-duration-median': { label: 'Pipeline duration (median)', unit: 'seconds', better: 'lower' },
  'pipeline-duration-p90': { label: 'Pipeline duration (p90)', unit: 'seconds', better: 'lower' },
  'pipeline-success-rate': { label: 'Pipeline success rate', unit: 'percent', better: 'higher' },
  'drift-issues-opened': { label: 'Drift issues opened', unit: 'count', better: 'lower' },
  'drift-issues-closed': { label: 'Drift issues closed', unit: 'count', better: 'higher' },
};

/**
 * The seed's targets (Packer → Terraform → Ansible): the pipeline under 30 minutes end to end, success
 * over 95 % on main, recovery under 15 minutes. The seed's strict wording is kept (`<`, `>`).
 */
export const DEFAULT_TARGETS: Readonly<Partial<Record<FigureName, Target>>> = {
  'pipeline-duration-median': { op: '<', value: 30 * 60 },
  'pipeline-success-rate': { op: '>', value: 95 },
  'time-to-restore-median': { op: '<', value: 15 * 60 },
};

export type Targets = Partial<Record<FigureName, Target>>;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, min: 60, h: 3600, d: 86_400 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)$/;
const PERCENT = /^(\d+(?:\.\d+)?)\s*%?$/;
const NUMBER = /^\d+(?:\.\d+)?$/;

const EXPECTED: Record<FigureUnit, string> = {
  seconds: 'a duration such as 30m, 1h or 90s',
  percent: 'a percentage such as 95 or 95%',
  'per-day': 'a number such as 1 or 0.5',
  'per-week': 'a number such as 5',
  count: 'a whole number such as 3',
};

/** One target's value, `<30m`, `>=95%`, `5`: the number in the figure's unit, or what is wrong. */
export function parseTarget(name: FigureName, raw: string): Target | string {
  const info = FIGURES[name];
  const text = raw.trim();
  const [, given = '', rest = ''] = /^(<=|>=|<|>)?\s*(.*)$/.exec(text) ?? [];
  const allowed = info.better === 'lower' ? ['<', '<='] : ['>', '>='];
  const op = (given || (info.better === 'lower' ? '<=' : '>=')) as TargetOp;
  const problem = `must be ${EXPECTED[info.unit]}, after ${allowed.join(' or ')} or nothing (${allowed[1]})`;
  if (!allowed.includes(op)) {
    return `${problem}: ${info.better} is better for ${name}`;
  }
  let value: number | undefined;
  if (info.unit === 'seconds') {
    const m = DURATION.exec(rest);
    value = m ? Number(m[1]) * (UNIT_SECONDS[m[2] ?? 's'] ?? 1) : undefined;
  } else if (info.unit === 'percent') {
    const m = PERCENT.exec(rest);
    value = m && Number(m[1]) <= 100 ? Number(m[1]) : undefined;
  } else if (info.unit === 'count') {
    value = /^\d+$/.test(rest) ? Number(rest) : undefined;
  } else {
    value = NUMBER.test(rest) ? Number(rest) : undefined;
  }
  return value === undefined ? problem : { op, value };
}

function isFigureName(name: string): name is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(name);
}

/**
 * The targets: the defaults, changed by `name=value` lines (`name=none` drops one). Returns the
 * problem of the first bad line, by its number among the non-blank lines.
 */
export function resolveTargets(pairs: ReadonlyArray<readonly [string, string]>): Targets | string {
  const targets: Targets = { ...DEFAULT_TARGETS };
  for (const [index, [name, raw]] of pairs.entries()) {
    if (!isFigureName(name)) {
      return `line ${index + 1} names no figure ("${name.slice(0, 60)}"); the figures are: ${FIGURE_NAMES.join(', ')}`;
    }
    if (raw.trim().toLowerCase() === 'none') {
      delete targets[name];
      continue;
    }
    const target = parseTarget(name, raw);
    if (typeof target === 'string') return `line ${index + 1} (${name}) ${target}`;
    targets[name] = target;
  }
  return targets;
}

/** Whether `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '<':
      return value < target.value;
    case '<=':
      return value <= target.value;
    case '>':
      return value > target.value;
    case '>=':
      return value >= target.value;
  }
}
