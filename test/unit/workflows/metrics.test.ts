import { describe, expect, it } from '@jest/globals';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../support/tools.js';

/**
 * iac-metrics.yml: called, scheduled weekly and run by hand; reads only; runs the report action with
 * metrics: true once per environment of the list, whose check is run here as the runner runs it.
 */
const file = join(repoRoot, '.github', 'workflows', 'iac-metrics.yml');
const content = readFileSync(file, 'utf8');

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
const workflow = parse(content) as {
  on: Record<
    string,
    { inputs?: Record<string, { type: string; default?: unknown }> } | Array<{ cron: string }>
  >;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    { permissions?: unknown; strategy?: { matrix: Record<string, string> }; steps: Step[] }
  >;
};

function checkEnvironments(value: string): { status: number | null; output: string; log: string } {
  const script = workflow.jobs.environments?.steps.find((s) => s.id === 'read')?.run ?? '';
  const temp = mkdtempSync(join(tmpdir(), 'metrics-workflow-'));
  try {
    const output = join(temp, 'output');
    writeFileSync(join(temp, 'step.sh'), script);
    writeFileSync(output, '');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(temp, 'step.sh')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, ENVIRONMENTS: value },
    });
    return {
      status: result.status,
      output: readFileSync(output, 'utf8'),
      log: result.stdout + result.stderr,
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

describe('iac-metrics.yml', () => {
  it('parses as GitHub parses it', async () => {
    const parsed = parseWorkflow({ name: 'iac-metrics.yml', content }, new NoOperationTraceWriter());
    const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
    expect(parsed.context.errors.getErrors()).toEqual([]);
    expect(template?.errors ?? []).toEqual([]);
  });

  it('is a reusable workflow with the environments, window and targets, run weekly and by hand', () => {
    const call = workflow.on.workflow_call as { inputs: Record<string, { type: string; default?: unknown }> };
    expect(Object.keys(call.inputs)).toEqual(
      expect.arrayContaining(['environments', 'window-days', 'targets']),
    );
    expect(call.inputs['window-days']).toEqual(expect.objectContaining({ type: 'number', default: 30 }));
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    const [schedule] = workflow.on.schedule as Array<{ cron: string }>;
    // Once a week: a fixed minute, hour and weekday.
    expect(schedule?.cron).toMatch(/^\d+ \d+ \* \* [0-6]$/);
  });

  it('only reads: deployments, actions, issues and contents, and no job asks for more', () => {
    expect(workflow.permissions).toEqual({
      deployments: 'read',
      actions: 'read',
      issues: 'read',
      contents: 'read',
    });
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('runs the report with metrics: true once per environment of the matrix', () => {
    const job = workflow.jobs.metrics;
    expect(job?.strategy?.matrix.environment).toBe(
      '${{ fromJSON(needs.environments.outputs.environments) }}',
    );
    const report = job?.steps.find((s) => s.uses?.startsWith('iac-pipeline/iac-pipeline/actions/report@'));
    expect(report?.with).toEqual(
      expect.objectContaining({
        metrics: true,
        environment: '${{ matrix.environment }}',
        'metrics-window-days': '${{ inputs.window-days || 30 }}',
        'metrics-targets': '${{ inputs.targets }}',
      }),
    );
    // One artifact a matrix job: the names must not collide.
    expect(String(report?.with?.['artifact-prefix'])).toContain('${{ matrix.environment }}');
  });

  it('takes a JSON list of environment names, and refuses anything else', () => {
    expect(checkEnvironments('[ "staging", "production" ]')).toMatchObject({
      status: 0,
      output: 'environments=["staging","production"]\n',
    });
    for (const bad of ['production', '[]', '[1]', '["a b"]', '{"env": "x"}']) {
      const result = checkEnvironments(bad);
      expect({ bad, status: result.status }).toEqual({ bad, status: 1 });
      expect(result.log).toContain('::error::environments must be a JSON list');
    }
  });
});
