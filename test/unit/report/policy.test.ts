import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import type { ApprovalRecord } from '../../../src/contracts/approval-record.js';
import type { PlanManifest, PolicyFinding, PolicyResult } from '../../../src/contracts/manifest.js';
import { gatherArtifacts, type GatheredArtifact } from '../../../src/report/gather.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildModel, reportJson } from '../../../src/report/model.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { sampleManifest, samplePolicyResult } from '../contracts/fixtures.js';
import { testRunContext } from '../../support/run-context.js';

/**
 * The report's policy status per stack: passed, N failures, accepted by whom (when the approval record
 * of the same digest says so), and a visible line for a stack that ran with `policy-mode: warn`; in
 * report.md, report.html, the stage table and report.json.
 */

const run = testRunContext({ eventName: 'push', actor: 'octocat' });

const digestOf = (c: string) => `sha256:${c.repeat(64)}`;

const FAILURES: PolicyFinding[] = [
  { rule: 'deny_vm_size', message: 'terraform_data.web has size "huge"', address: 'terraform_data.web' },
  { rule: 'deny_missing_owner', message: 'terraform_data.db has no owner tag', address: 'terraform_data.db' },
];

const policy = samplePolicyResult;

function planArtifact(stack: string, digest: string, result?: PolicyResult): GatheredArtifact {
  const manifest: PlanManifest = {
    ...sampleManifest(),
    stack,
    planDigest: digest,
    ...(result ? { policy: result } : {}),
  };
  return { kind: 'plan', name: `iac-plan-${stack}`, stack, manifest, encrypted: false };
}

function record(stack: string, digest: string, extra: Record<string, unknown> = {}): ApprovalRecord {
  return {
    schema: 'iac/approval@1',
    producer: { action: 'approval-gate', version: '0.1.0' },
    mode: 'comment',
    decidedBy: 'reviewers',
    status: 'approved',
    planDigest: digest,
    stack,
    approvers: [{ login: 'bob', permission: 'maintain', at: '2026-01-01T00:00:04Z' }],
    rejects: [],
    minApprovals: 1,
    runId: 7,
    runAttempt: 1,
    decidedAt: '2026-01-01T00:00:05Z',
    ...extra,
  } as ApprovalRecord;
}

const accepted = (failures: PolicyFinding[]) => ({
  policy: {
    mode: 'enforce',
    namespace: 'terraform',
    passed: false,
    failures,
    accepted: {
      by: [
        {
          login: 'carol',
          at: '2026-01-01T00:00:03Z',
          via: 'comment',
          commentUrl: 'https://github.com/octo-org/infra/pull/3#issuecomment-9',
        },
      ],
      failures,
    },
  },
});

function modelOf(artifacts: GatheredArtifact[]) {
  return buildModel({
    title: undefined,
    run,
    workflow: 'deploy',
    artifacts,
    jobs: [],
    now: new Date('2026-01-01T00:01:00Z'),
  });
}

const approvalArtifact = (r: ApprovalRecord): GatheredArtifact => ({
  kind: 'approval',
  name: `iac-approval-${r.stack}`,
  stack: r.stack,
  record: r,
});

describe('the policy status of each stack', () => {
  const model = modelOf([
    planArtifact('dns', digestOf('1'), policy()),
    planArtifact('vms', digestOf('2'), policy({ failures: FAILURES })),
    approvalArtifact(record('vms', digestOf('2'), accepted(FAILURES))),
    planArtifact('net', digestOf('3'), policy({ mode: 'warn', failures: FAILURES.slice(0, 1) })),
    planArtifact('app', digestOf('4'), policy({ failures: FAILURES })),
    // An acceptance of the plan before this one: a re-plan voided it.
    approvalArtifact(record('app', digestOf('9'), accepted(FAILURES))),
    planArtifact('old', digestOf('5')),
  ]);

  it('says passed, accepted by whom, not accepted, or not enforced under policy-mode: warn', () => {
    expect(model.policy.map((v) => [v.stack, v.status])).toEqual([
      ['app', 'failed'],
      ['dns', 'passed'],
      ['net', 'warned'],
      ['vms', 'accepted'],
    ]);
    const markdown = renderMarkdown(model);
    const section = markdown.slice(
      markdown.indexOf('### Policy'),
      markdown.indexOf('\n\n', markdown.indexOf('### Policy') + 12),
    );
    expect(section.split('\n')).toEqual([
      '### Policy',
      '',
      '- :x: `app`: 2 failures, not accepted: the plan is not approved and tf-apply refuses it until a policy owner accepts them (namespace terraform, conftest 0.71.1)',
      '  - `deny_vm_size` on `terraform_data.web`: `terraform_data.web has size "huge"`',
      '  - `deny_missing_owner` on `terraform_data.db`: `terraform_data.db has no owner tag`',
      '- :white_check_mark: `dns`: passed: 3 rules evaluated (namespace terraform, conftest 0.71.1)',
      '- :warning: `net`: ran with policy-mode: warn: 1 failure shown, not enforced (namespace terraform, conftest 0.71.1)',
      '  - `deny_vm_size` on `terraform_data.web`: `terraform_data.web has size "huge"`',
      '- :ballot_box_with_check: `vms`: 2 failures accepted by carol (namespace terraform, conftest 0.71.1)',
      '  - `deny_vm_size` on `terraform_data.web`: `terraform_data.web has size "huge"`',
      '  - `deny_missing_owner` on `terraform_data.db`: `terraform_data.db has no owner tag`',
    ]);
  });

  it('puts the check on the plan row and the acceptance on the approval row', () => {
    const figures = (stage: string, stack: string) =>
      model.stages.find((r) => r.stage === stage && r.stack === stack)?.figures ?? [];
    expect(figures('plan', 'dns')).toContain('policy passed');
    expect(figures('plan', 'vms')).toContain('policy: 2 failures');
    expect(figures('plan', 'net')).toContain('policy: 1 failure (policy-mode: warn)');
    expect(figures('plan', 'old').some((f) => f.startsWith('policy'))).toBe(false);
    expect(figures('approve', 'vms')).toContain('policy failures accepted by carol');
  });

  it('writes the same into report.html, as text', () => {
    const page = renderHtml(model);
    const list = page.slice(
      page.indexOf('<ul id="policy">'),
      page.indexOf('<h2>', page.indexOf('<ul id="policy">')),
    );
    expect(list).toContain('data-stack="net" data-status="warned" data-mode="warn"');
    expect(list.replace(/\s+/g, ' ')).toContain('ran with policy-mode: warn: 1 failure shown, not enforced');
    expect(list.replace(/\s+/g, ' ')).toContain('2 failures accepted by carol');
    expect(list.replace(/\s+/g, ' ')).toContain(
      '<code>deny_vm_size</code> on <code>terraform_data.web</code>: terraform_data.web has size &quot;huge&quot;',
    );
  });

  it('adds the checks to report.json, keeping every field it had', () => {
    const json = reportJson(model) as {
      policy: Array<Record<string, unknown>>;
      stages: unknown[];
      counts: unknown;
    };
    expect(json.stages).toBeDefined();
    expect(json.counts).toBeDefined();
    expect(json.policy.find((p) => p.stack === 'vms')).toEqual({
      stack: 'vms',
      planDigest: digestOf('2'),
      mode: 'enforce',
      status: 'accepted',
      passed: false,
      namespace: 'terraform',
      conftestVersion: '0.71.1',
      evaluated: 3,
      failures: FAILURES,
      warnings: [],
      accepted: {
        by: [
          {
            login: 'carol',
            at: '2026-01-01T00:00:03Z',
            commentUrl: 'https://github.com/octo-org/infra/pull/3#issuecomment-9',
          },
        ],
        failures: 2,
        exact: true,
      },
    });
    expect(json.policy.find((p) => p.stack === 'net')).toMatchObject({ mode: 'warn', status: 'warned' });
    expect(json.policy.find((p) => p.stack === 'app')).not.toHaveProperty('accepted');
    expect(reportJson(modelOf([planArtifact('old', digestOf('5'))]))).not.toHaveProperty('policy');
  });
});

describe('an approval record', () => {
  it('that accepts other failures than the plan has does not make it accepted', () => {
    const model = modelOf([
      planArtifact('vms', digestOf('2'), policy({ failures: FAILURES })),
      approvalArtifact(record('vms', digestOf('2'), accepted(FAILURES.slice(0, 1)))),
    ]);
    expect(model.policy[0]).toMatchObject({ status: 'failed', accepted: { failures: 1, exact: false } });
    expect(renderMarkdown(model)).toContain(
      '`vms`: 2 failures; the acceptance by carol does not name exactly these failures, so tf-apply refuses the plan',
    );
  });

  it('alone, when the plan was made in another run, still tells the status', () => {
    const model = modelOf([approvalArtifact(record('vms', digestOf('2'), accepted(FAILURES)))]);
    expect(model.policy).toMatchObject([{ stack: 'vms', status: 'accepted', namespace: 'terraform' }]);
    expect(model.policy[0]).not.toHaveProperty('conftestVersion');
  });

  it('without a policy, or with one of a shape it does not know, is read as having none', () => {
    const model = modelOf([
      approvalArtifact(record('a', digestOf('2'))),
      approvalArtifact(record('b', digestOf('3'), { policy: { mode: 'sometimes' } })),
      approvalArtifact(
        record('c', digestOf('4'), { policy: { ...accepted(FAILURES).policy, accepted: { by: 'carol' } } }),
      ),
    ]);
    expect(model.policy.map((v) => [v.stack, v.status, v.accepted])).toEqual([['c', 'failed', undefined]]);
  });

  it('is read from the artifact with its policy part', async () => {
    const files: Record<string, string> = {
      'approval-record.json': JSON.stringify(record('vms', digestOf('2'), accepted(FAILURES))),
    };
    const store: ArtifactStore = {
      upload: () => Promise.reject(new Error('not used')),
      list: () =>
        Promise.resolve([{ name: 'iac-approval-vms', id: 1, size: 0, createdAt: '2026-01-01T00:00:06Z' }]),
      async download(_name, directory) {
        await mkdir(directory, { recursive: true });
        for (const [file, text] of Object.entries(files)) await writeFile(join(directory, file), text);
      },
    };
    const scratch = await mkdtemp(join(tmpdir(), 'report-policy-'));
    const artifacts = await gatherArtifacts('iac', scratch, {
      artifacts: store,
      logger: new RecordingLogger(),
    });
    await rm(scratch, { recursive: true, force: true });
    expect(artifacts[0]?.problem).toBeUndefined();
    expect(modelOf(artifacts).policy).toMatchObject([{ stack: 'vms', status: 'accepted' }]);
  });
});

describe('text from a policy', () => {
  it('cannot add markup to report.md or report.html', () => {
    const hostile = '</code><img src=x onerror=alert(1)> **bold** [x](https://evil.example) @org/team\n# H';
    const model = modelOf([
      planArtifact(
        'vms',
        digestOf('2'),
        policy({ failures: [{ rule: hostile, message: hostile, address: hostile }] }),
      ),
    ]);
    const rendered = micromark(renderMarkdown(model), {
      allowDangerousHtml: true,
      extensions: [gfm()],
      htmlExtensions: [gfmHtml()],
    });
    const section = rendered.slice(rendered.indexOf('<h3>Policy</h3>'));
    expect(section).not.toMatch(/<(img|strong|h1)\b/);
    expect(section).not.toContain('href="https://evil');
    const page = renderHtml(model);
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
