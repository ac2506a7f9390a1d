import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TARGETS, meets, parseTarget, resolveTargets } from '../../../src/metrics/figures.js';
import { reportInputs } from '../../../src/actions/report/inputs.js';
import { readInputs } from '../../../src/core/inputs.js';

describe('metrics targets', () => {
  it("default to the seed's: pipeline under 30 min, success over 95 %, restore under 15 min", () => {
    expect(resolveTargets([])).toEqual({
      'pipeline-duration-median': { op: '<', value: 1800 },
      'pipeline-success-rate': { op: '>', value: 95 },
      'time-to-restore-median': { op: '<', value: 900 },
    });
    expect(resolveTargets([])).toEqual(DEFAULT_TARGETS);
  });

  it('read durations, percentages and numbers, with or without an operator', () => {
    expect(parseTarget('lead-time-median', '2h')).toEqual({ op: '<=', value: 7200 });
    expect(parseTarget('lead-time-p90', '<1.5d')).toEqual({ op: '<', value: 129_600 });
    expect(parseTarget('time-to-restore-worst', '<= 90s')).toEqual({ op: '<=', value: 90 });
    expect(parseTarget('pipeline-success-rate', '>=99%')).toEqual({ op: '>=', value: 99 });
    expect(parseTarget('change-failure-rate', '15')).toEqual({ op: '<=', value: 15 });
    expect(parseTarget('deployments-per-week', '>5')).toEqual({ op: '>', value: 5 });
    expect(parseTarget('drift-issues-opened', '0')).toEqual({ op: '<=', value: 0 });
  });

  it('override and drop defaults', () => {
    expect(
      resolveTargets([
        ['pipeline-duration-median', '<20m'],
        ['time-to-restore-median', 'none'],
        ['deployments-per-day', '1'],
      ]),
    ).toEqual({
      'pipeline-duration-median': { op: '<', value: 1200 },
      'pipeline-success-rate': { op: '>', value: 95 },
      'deployments-per-day': { op: '>=', value: 1 },
    });
  });

  it('name the line of an unknown figure or a bad value', () => {
    expect(
      resolveTargets([
        ['lead-time-median', '1h'],
        ['speed', '3'],
      ]),
    ).toMatch(/^line 2 names no figure \("speed"\); the figures are: deployments-per-day, /);
    expect(resolveTargets([['lead-time-median', 'soon']])).toBe(
      'line 1 (lead-time-median) must be a duration such as 30m, 1h or 90s, after < or <= or nothing (<=)',
    );
    expect(resolveTargets([['pipeline-success-rate', '<90']])).toMatch(
      /^line 1 \(pipeline-success-rate\) .*higher is better/,
    );
    expect(resolveTargets([['change-failure-rate', '150%']])).toMatch(
      /^line 1 \(change-failure-rate\) must be a percentage/,
    );
    expect(resolveTargets([['drift-issues-opened', '1.5']])).toMatch(/whole number/);
  });

  it('compare as their operator says', () => {
    expect(meets(1800, { op: '<', value: 1800 })).toBe(false);
    expect(meets(1800, { op: '<=', value: 1800 })).toBe(true);
    expect(meets(95, { op: '>', value: 95 })).toBe(false);
    expect(meets(95, { op: '>=', value: 95 })).toBe(true);
  });
});

describe("the report's metrics inputs", () => {
  const read = (given: Record<string, string>) =>
    readInputs(
      reportInputs,
      (name) => given[name] ?? (name === 'artifact-prefix' ? 'iac' : name === 'working-directory' ? '.' : ''),
    );

  it('are off by default, with a 30-day window and the drift label', async () => {
    const inputs = await read({});
    expect(inputs.metrics).toBe(false);
    expect(inputs.metricsWindowDays).toBe(30);
    expect(inputs.driftLabels).toEqual(['drift']);
    expect(inputs.metricsTargets).toEqual(DEFAULT_TARGETS);
  });

  it('need an environment and a token with metrics: true', async () => {
    await expect(read({ metrics: 'true', 'github-token': 't' })).rejects.toThrow(
      'Input "environment" is required with metrics: true: it names the GitHub environment whose deployments are read.',
    );
    await expect(read({ metrics: 'true', environment: 'production' })).rejects.toThrow(
      /^Input "github-token" is required with metrics: true/,
    );
    expect(
      (await read({ metrics: 'true', environment: 'production', 'github-token': 't' })).environment,
    ).toBe('production');
  });

  it('refuse a window of no days and a bad target line, by its number', async () => {
    await expect(read({ 'metrics-window-days': '0' })).rejects.toThrow(
      /^Input "metrics-window-days" must be a whole number from 1 to 3650/,
    );
    await expect(read({ 'metrics-targets': 'lead-time-median=1h\n\nfast=1' })).rejects.toThrow(
      /^Input "metrics-targets" line 2 names no figure \("fast"\)/,
    );
  });
});
