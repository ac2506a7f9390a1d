import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { classify, gatherArtifacts, inventoryHosts } from '../../../src/report/gather.js';
import { renderHtml } from '../../../src/report/html.js';
import { headingText } from '../../../src/markdown/escape.js';
import { mermaidGantt, mermaidLabel, renderMarkdown } from '../../../src/report/markdown.js';
import { buildModel, outcomeOf, reportJson, stageOfJob } from '../../../src/report/model.js';
import { shellQuote } from '../../../src/report/reproduce.js';
import { readSmokeResults } from '../../../src/report/smoke.js';
import type { RunContext } from '../../../src/core/run-context.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const run: RunContext = {
  owner: 'octo-org',
  repo: 'infra',
  runId: 7,
  runAttempt: 1,
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  eventName: 'push',
  eventPath: undefined,
  actor: 'octocat',
  triggeringActor: 'octocat',
  workspace: '/w',
  runnerTemp: '/t',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  runUrl: 'https://github.com/octo-org/infra/actions/runs/7',
};

const manifest = JSON.stringify({
  schema: 'iac/smoke@1',
  producer: { action: 'smoke-test', version: '0.1.0' },
  stack: 'infra',
  commit: 'a'.repeat(40),
  ref: 'refs/heads/main',
  runId: 7,
  runAttempt: 1,
  createdAt: '2026-01-01T00:00:10Z',
  files: {},
});

function resultsOf(checks: Array<{ id: string; status: 'passed' | 'failed' | 'not-run' }>) {
  const passed = checks.filter((c) => c.status === 'passed').length;
  return JSON.stringify({
    schema: 'iac/smoke-results@1',
    producer: { action: 'smoke-test', version: '0.1.0' },
    stack: 'infra',
    checksFile: 'smoke.yml',
    commit: 'a'.repeat(40),
    ref: 'refs/heads/main',
    runId: 7,
    runAttempt: 1,
    startedAt: '2026-01-01T00:00:08Z',
    createdAt: '2026-01-01T00:00:10Z',
    durationSeconds: 2,
    settings: { concurrency: 16, retries: 3, retryDelaySeconds: 2, deadlineSeconds: 300, failOn: 'any' },
    totals: { passed, failed: checks.length - passed, total: checks.length },
    byCategory: {},
    maxInFlight: 1,
    deadlineReached: checks.some((c) => c.status === 'not-run'),
    failedStep: passed < checks.length,
    checks: checks.map((c) => ({
      ...c,
      check: c.id,
      kind: 'http',
      category: 'service',
      tags: [],
      target: 'https://x',
      message: c.status === 'passed' ? '' : 'HTTP 503',
      attempts: 2,
      durationSeconds: 1.5,
      line: 4,
    })),
  });
}

describe('the smoke artifact reader', () => {
  it("reads smoke-test's own contract, counting checks the deadline left unrun as failed", () => {
    const read = readSmokeResults(
      manifest,
      resultsOf([
        { id: 'web', status: 'passed' },
        { id: 'api', status: 'failed' },
        { id: 'late', status: 'not-run' },
      ]),
    );
    expect(read).toMatchObject({ passed: 1, failed: 2, stack: 'infra', createdAt: '2026-01-01T00:00:10Z' });
    expect(read.durationSeconds).toBe(2);
    expect(read.checks.map((c) => [c.name, c.status, c.attempts])).toEqual([
      ['web', 'passed', 2],
      ['api', 'failed', 2],
      ['late', 'not-run', 2],
    ]);
  });

  it('refuses another major version or a document that breaks the contract, by file', () => {
    expect(() => readSmokeResults(manifest.replace('@1', '@2'), resultsOf([]))).toThrow(
      'manifest.json is iac/smoke@2, but this version of report reads iac/smoke@1',
    );
    expect(() => readSmokeResults(manifest, resultsOf([]).replace('"passed":0', '"passed":"none"'))).toThrow(
      /^results\.json: /,
    );
    expect(() => readSmokeResults('not json', resultsOf([]))).toThrow(/manifest\.json is not valid JSON/);
  });
});

describe('artifact names and inventories', () => {
  it('classifies by kind, errored-state before the others, and keeps the stack whole', () => {
    expect(classify('iac', 'iac-errored-state-prod-eu')).toEqual({ kind: 'errored-state', stack: 'prod-eu' });
    expect(classify('iac', 'iac-plan-prod-eu')).toEqual({ kind: 'plan', stack: 'prod-eu' });
    expect(classify('iac', 'iac-validate')).toEqual({ kind: 'validate', stack: '' });
    expect(classify('iac', 'iac-something')).toEqual({ kind: 'other', stack: '' });
  });

  it('lists every host of a YAML inventory, children included', () => {
    expect(
      inventoryHosts({ all: { children: { web: { hosts: { b: {}, a: {} } }, db: { hosts: { c: null } } } } }),
    ).toEqual(['a', 'b', 'c']);
    expect(inventoryHosts('nonsense')).toEqual([]);
  });
});

describe('escaping', () => {
  it('keeps markup, mentions and Mermaid syntax out of titles and labels', () => {
    expect(headingText('<b>x</b> @team *y*')).toBe('&lt;b&gt;x&lt;/b&gt; @\u2060team \\*y\\*');
    expect(mermaidLabel('apply: x;y#z\n')).toBe('apply x y z');
  });

  it('quotes shell words so that bash reads them back unchanged', () => {
    const word = `it's $(rm -rf /) "q" \`x\``;
    expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(word);
  });

  it('writes artifact text into report.html as text only', () => {
    const model = buildModel({
      title: '<script>alert(1)</script>',
      run,
      workflow: 'iac',
      artifacts: [
        { kind: 'outputs', name: 'iac-outputs-"><svg onload=x>', stack: '"><svg onload=x>', outputNames: [] },
      ],
      jobs: [],
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const page = renderHtml(model);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<svg onload');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<(?:script|link|img|iframe)\b/);
  });
});

describe('the model', () => {
  it('takes times and conclusions from the jobs, and fails the run on a failed job', () => {
    const model = buildModel({
      title: undefined,
      run,
      workflow: 'deploy',
      artifacts: [],
      jobs: [
        {
          name: 'plan (infra)',
          status: 'completed',
          conclusion: 'success',
          startedAt: '2026-01-01T00:00:00Z',
          completedAt: '2026-01-01T00:00:30Z',
        },
        {
          name: 'apply',
          status: 'completed',
          conclusion: 'failure',
          startedAt: '2026-01-01T00:01:00Z',
          completedAt: '2026-01-01T00:01:05Z',
        },
        { name: 'report', status: 'in_progress', conclusion: null, startedAt: '2026-01-01T00:02:00Z' },
      ],
      now: new Date('2026-01-01T00:03:00Z'),
    });
    expect(model.title).toBe('octo-org/infra · deploy');
    expect(model.outcome).toBe('failure');
    expect(model.stages.map((r) => [r.stage, r.status, r.durationSeconds])).toEqual([
      ['plan', 'success', 30],
      ['apply', 'failure', 5],
    ]);
    expect(mermaidGantt(model.stages)).toContain('  apply :crit, s1, 1767225660000, 1767225665000');
    expect(stageOfJob('smoke tests')).toBe('smoke');
    expect(stageOfJob('deployment report')).toBeUndefined();
  });

  it("classifies a called workflow's jobs by their own name and puts each on its stack's row", () => {
    const outputs = (stack: string) => ({
      kind: 'outputs' as const,
      name: `iac-outputs-${stack}`,
      stack,
      outputNames: ['address'],
      createdAt: '2026-01-01T00:01:00Z',
    });
    const job = (name: string, conclusion: string, startedAt?: string, completedAt?: string) => ({
      name,
      status: 'completed',
      conclusion,
      startedAt,
      completedAt,
    });
    const model = buildModel({
      title: undefined,
      run,
      workflow: 'deploy',
      artifacts: [outputs('network'), outputs('vms')],
      jobs: [
        job('deploy / wave 1 / apply network', 'success', '2026-01-01T00:00:10Z', '2026-01-01T00:00:20Z'),
        job('deploy / wave 2 / apply (vms, prod)', 'failure', '2026-01-01T00:00:30Z', '2026-01-01T00:00:50Z'),
        job('deploy / wave 2 / configure vms', 'skipped'),
        job('deploy / report', 'success', '2026-01-01T00:01:00Z', '2026-01-01T00:01:10Z'),
      ],
      now: new Date('2026-01-01T00:02:00Z'),
    });
    expect(stageOfJob('deploy / wave 1 / plan network')).toBe('plan');
    expect(stageOfJob('deploy / report')).toBeUndefined();
    expect(model.stages.map((r) => [r.stage, r.stack, r.status, r.durationSeconds])).toEqual([
      ['apply', 'network', 'success', 10],
      ['apply', 'vms', 'failure', 20],
      ['configure', 'vms', 'skipped', undefined],
    ]);
    expect(model.outcome).toBe('failure');
  });
});

describe('the approvals section', () => {
  const record = (decidedBy: 'policy' | 'reviewers', status: 'approved' | 'pending') => ({
    schema: 'iac/approval@1' as const,
    producer: { action: 'approval-gate', version: '0.1.0' },
    mode: 'policy' as const,
    decidedBy,
    status,
    planDigest: `sha256:${'a'.repeat(64)}`,
    stack: decidedBy === 'policy' ? 'dev' : 'prod',
    environment: decidedBy === 'policy' ? 'dev' : 'prod',
    approvers: [],
    rejects: [],
    minApprovals: 1,
    runId: 7,
    runAttempt: 1,
    decidedAt: '2026-01-01T00:00:05Z',
  });
  const model = () =>
    buildModel({
      title: undefined,
      run,
      workflow: 'deploy',
      artifacts: [
        { kind: 'approval', name: 'iac-approval-dev', stack: 'dev', record: record('policy', 'approved') },
        {
          kind: 'approval',
          name: 'iac-approval-prod',
          stack: 'prod',
          record: record('reviewers', 'pending'),
        },
      ],
      jobs: [],
      now: new Date('2026-01-01T00:01:00Z'),
    });

  it('says a policy approval was approved by policy, and nobody only where nobody approved', () => {
    const markdown = renderMarkdown(model());
    const line = (stack: string) =>
      markdown.split('\n').find((l) => l.startsWith(`- \`${stack}\`: **`)) ?? '';
    expect(line('dev')).toContain('**approved** (policy, mode policy)');
    expect(line('dev')).toMatch(/ by policy$/);
    expect(line('prod')).toMatch(/ by nobody$/);

    const page = renderHtml(model());
    const items = page.slice(
      page.indexOf('<ul id="approvals">'),
      page.indexOf('</ul>', page.indexOf('<ul id="approvals">')),
    );
    const dev = items.slice(items.indexOf('<code>dev</code>'), items.indexOf('<code>prod</code>'));
    expect(dev.replace(/\s+/g, ' ')).toContain('by policy');
    expect(dev).not.toContain('nobody');
    expect(items.slice(items.indexOf('<code>prod</code>')).replace(/\s+/g, ' ')).toContain('by nobody');
  });
});

describe('a destroyed stack', () => {
  const digest = `sha256:${'e'.repeat(64)}`;
  /** The outputs artifacts tf-apply leaves: one of a destroy (destroyed.json beside `{}`), one of an apply. */
  const files: Record<string, Record<string, string>> = {
    'iac-outputs-vms': {
      'outputs.json': '{}\n',
      'destroyed.json': JSON.stringify({
        stack: 'vms',
        destroyedAt: '2026-01-01T00:00:40.000Z',
        planDigest: digest,
        runId: 7,
      }),
    },
    'iac-outputs-network': { 'outputs.json': JSON.stringify({ id: { value: 'net-1' } }) },
    'iac-outputs-broken': { 'outputs.json': '{}', 'destroyed.json': '{"stack":"broken"}' },
  };
  const store: ArtifactStore = {
    upload: () => Promise.reject(new Error('not used')),
    list: (prefix) =>
      Promise.resolve(
        Object.keys(files)
          .filter((name) => name.startsWith(prefix))
          .map((name, id) => ({ name, id, size: 0, createdAt: '2026-01-01T00:00:41Z' })),
      ),
    async download(name, directory) {
      await mkdir(directory, { recursive: true });
      for (const [file, text] of Object.entries(files[name] ?? {}))
        await writeFile(join(directory, file), text);
    },
  };

  async function model() {
    const scratch = await mkdtemp(join(tmpdir(), 'report-destroyed-'));
    const artifacts = await gatherArtifacts('iac', scratch, {
      artifacts: store,
      logger: new RecordingLogger(),
    });
    await rm(scratch, { recursive: true, force: true });
    return buildModel({
      title: undefined,
      run,
      workflow: 'destroy',
      artifacts,
      jobs: [],
      now: new Date('2026-01-01T00:01:00Z'),
    });
  }

  it('reads destroyed.json from the outputs artifact, and refuses one that breaks its shape', async () => {
    const { artifacts } = await model();
    expect(artifacts.find((a) => a.stack === 'vms')).toMatchObject({
      kind: 'outputs',
      outputNames: [],
      destroyed: { stack: 'vms', planDigest: digest, runId: 7 },
    });
    expect(artifacts.find((a) => a.stack === 'broken')?.problem).toMatch(/^destroyed\.json: destroyedAt /);
  });

  it('shows the stack as destroyed: the status word, a line, and report.json', async () => {
    const built = await model();
    expect(built.stages.map((r) => [r.stage, r.stack, r.status])).toEqual([
      ['apply', 'broken', 'unreadable'],
      ['apply', 'network', 'success'],
      ['apply', 'vms', 'destroyed'],
    ]);
    const markdown = renderMarkdown(built);
    expect(markdown).toMatch(/\| apply \| <code>vms<\/code> \| :wastebasket: destroyed \|/);
    expect(markdown).toContain(
      `- :wastebasket: \`vms\` was destroyed at \`2026-01-01T00:00:40.000Z\` by plan \`${digest}\` in run 7; it has no outputs now.`,
    );
    const page = renderHtml(built);
    expect(page).toContain('<td class="status destroyed">destroyed</td>');
    expect(page).toMatch(/<ul id="destroyed">\s*<li class="destroyed" data-stack="vms">/);

    const json = reportJson(built) as {
      destroyed: unknown[];
      stages: Array<{ stack: string; status: string }>;
      metrics: Record<string, boolean>;
    };
    expect(json.destroyed).toEqual([
      { stack: 'vms', destroyedAt: '2026-01-01T00:00:40.000Z', planDigest: digest, runId: 7 },
    ]);
    expect(json.stages.find((s) => s.stack === 'vms')?.status).toBe('destroyed');
    // A destroy is no deployment, and no failure either.
    expect(json.metrics).toMatchObject({ deployment: false, changeFailure: false });
  });

  it('does not fail the run for a destroyed stack', async () => {
    const built = await model();
    const withoutBroken = built.stages.filter((r) => r.stack !== 'broken');
    expect(outcomeOf(withoutBroken, [])).toBe('success');
  });
});
