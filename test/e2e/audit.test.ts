import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { auditEventSchema, type AuditEvent } from '../../src/contracts/audit-event.js';
import { filesHolding, filesOfArtifacts } from '../support/artifact-search.js';
import type { StepResult, WorkflowRun } from '../support/runner/runner.js';
import { useStepBed } from '../support/step-bed.js';
import { repoRoot } from '../support/tools.js';
import { approveEnvironment } from '../unit/approval/environment-reviews.js';

/**
 * The audit trail end to end, with the built bundles: tf-plan (with a real conftest policy check),
 * approval-gate in environment mode approved by a reviewer through the GitHub stand-in, tf-apply of the
 * real planfile, and report, which gathers every step's events into `<prefix>-audit`, shows them and
 * POSTs them signed to a real HTTP receiver on loopback. A run whose apply fails still has its approval.
 */
const bed = useStepBed('audit-');
const fixture = join(repoRoot, 'test', 'fixtures', 'stack');
const DB_PASSWORD = 'audit-Db-Passw0rd-e41';
const HOOK_KEY = 'audit-hook-key-5b7';

/** A passing rule: the policy event is recorded with its counts. */
const POLICY = `package terraform

import rego.v1

deny contains msg if {
  some change in input.resource_changes
  change.type == "aws_instance"
  msg := "no AWS here"
}
`;

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function startCollector(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ingest/token-c0ffee`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function planApproveApply(run: WorkflowRun, vars: string, environment: string) {
  const state = await mkdtemp(join(bed.root, 'state-'));
  const plan = await run.job('plan');
  await cp(fixture, join(plan.workspace, 'infra'), { recursive: true });
  await plan.writeFile('policy/terraform.rego', POLICY);
  const planned = await plan.step('tf-plan', {
    with: {
      stack: 'vms',
      'working-directory': 'infra',
      'backend-config': `path=${state}/terraform.tfstate`,
      environment,
      vars: `db_password=${DB_PASSWORD}\n${vars}`,
      policy: 'policy',
    },
  });
  expect(planned.errors).toEqual([]);
  await plan.complete();

  await approveEnvironment(bed.api, {
    environment,
    runId: run.runId,
    sha: run.sha,
    reviewers: ['rev1', 'rev2'],
    logins: ['rev1'],
  });
  const approve = await run.job('approve');
  const gate = await approve.step('approval-gate', {
    with: { mode: 'environment', environment, stack: 'vms' },
  });
  expect(gate.errors).toEqual([]);
  expect(gate.outputs.approved).toBe('true');
  await approve.complete();

  const apply = await run.job('apply');
  await cp(fixture, join(apply.workspace, 'infra'), { recursive: true });
  const applied = await apply.step('tf-apply', {
    with: {
      stack: 'vms',
      'working-directory': 'infra',
      'backend-config': `path=${state}/terraform.tfstate`,
      'require-approval': 'true',
      vars: `db_password=${DB_PASSWORD}`,
    },
  });
  await apply.complete();
  return { planned, gate, applied };
}

async function report(run: WorkflowRun, given: Record<string, string>): Promise<StepResult> {
  const job = await run.job('report');
  const step = await job.step('report', { with: { 'github-token': '', ...given } });
  await job.complete();
  return step;
}

async function trailOf(step: StepResult): Promise<AuditEvent[]> {
  const text = await readFile(step.outputs['audit-path'] ?? '', 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => auditEventSchema.parse(JSON.parse(line)));
}

describe('the audit trail of a run', () => {
  it('records plan, policy, approval and apply in order, the approver named, sent signed, and no secret anywhere', async () => {
    const collector = await startCollector([200]);
    try {
      const run = bed.newRun({ actor: 'pusher1' });
      const { applied, planned } = await planApproveApply(run, '', 'prod-audit');
      expect(applied.errors).toEqual([]);
      const step = await report(run, {
        'audit-webhook': collector.url,
        'audit-webhook-secret': HOOK_KEY,
      });
      expect(step.errors).toEqual([]);
      expect(step.warnings).toEqual([]);
      expect(step.outputs).toMatchObject({ 'audit-events': '4', 'audit-delivered': 'true' });

      const events = await trailOf(step);
      const digest = planned.outputs['plan-digest'];
      expect(events.map((e) => [e.action, e.outcome, e.actor, e.stack, e.planDigest])).toEqual([
        ['plan', 'success', 'pusher1', 'vms', digest],
        ['policy', 'success', 'pusher1', 'vms', digest],
        ['approval', 'success', 'rev1', 'vms', digest],
        ['apply', 'success', 'pusher1', 'vms', digest],
      ]);
      expect(events.every((e) => e.runId === run.runId && e.commit === run.sha)).toBe(true);
      expect(events.map((e) => e.environment)).toEqual(['prod-audit', 'prod-audit', 'prod-audit', undefined]);
      expect(events[1]?.detail).toBe(
        '1 rule(s) of terraform evaluated (enforce): 0 failure(s), 0 warning(s).',
      );
      expect(events[2]?.detail).toBe(
        'Approved (environment gate, decided by environment): 1 of 1 approval(s).',
      );
      expect(events[3]?.detail).toMatch(/^\d+ resource change\(s\) applied, approved \(environment\)\.$/);
      for (const [earlier, later] of events.slice(1).map((e, i) => [events[i], e] as const)) {
        expect(Date.parse(later.startedAt)).toBeGreaterThanOrEqual(Date.parse(earlier?.startedAt ?? ''));
      }

      // The receiver got the same events, and can check they came from whoever holds the key.
      expect(collector.received).toHaveLength(1);
      const [delivery] = collector.received;
      const signature = `sha256=${createHmac('sha256', HOOK_KEY)
        .update(delivery?.body ?? '')
        .digest('hex')}`;
      expect(delivery?.headers['x-iac-signature-256']).toBe(signature);
      const sent = JSON.parse(delivery?.body ?? '{}') as { events: AuditEvent[]; runId: number };
      expect(sent.runId).toBe(run.runId);
      expect(sent.events.map((e) => e.id)).toEqual(events.map((e) => e.id));

      // Shown in the summary and the HTML report.
      expect(step.summary).toContain('### Audit trail');
      expect(step.summary).toMatch(
        /\| approval \| `vms` \| `prod-audit` \| `rev1` \| :white_check_mark: success \|/,
      );
      const html = await readFile(step.outputs['html-path'] ?? '', 'utf8');
      expect(html).toContain('<h2>Audit trail</h2>');
      expect(html.match(/<tr data-action="/g)).toHaveLength(4);

      // The trail is an artifact of the run; the password is in none of the run's artifacts, nor sent.
      const files = await filesOfArtifacts(run, bed.results);
      expect(files.some((f) => f.path === 'iac-audit/audit.jsonl')).toBe(true);
      expect(
        new Set(files.filter((f) => f.artifact.startsWith('iac-audit-')).map((f) => f.artifact)).size,
      ).toBe(3);
      // The planfile holds the password (tofu keeps variables in it); the audit artifacts and the report do not.
      const told = files.filter((f) => f.artifact.startsWith('iac-audit') || f.artifact === 'iac-report');
      expect(filesHolding(told, DB_PASSWORD)).toEqual([]);
      expect(filesHolding(files, HOOK_KEY)).toEqual([]);
      expect(collector.received.map((r) => r.body).join('\n')).not.toContain(DB_PASSWORD);
      expect(step.rawLog).not.toContain('token-c0ffee');
    } finally {
      await collector.close();
    }
  });

  it('keeps the approval of a run whose apply failed, and a receiver that is down is a warning only', async () => {
    const collector = await startCollector([503]);
    try {
      const run = bed.newRun();
      const { applied } = await planApproveApply(run, 'fail_apply=true', 'prod-audit-2');
      expect(applied.exitCode).toBe(1);
      const step = await report(run, {
        'audit-webhook': collector.url,
        'audit-webhook-secret': HOOK_KEY,
      });
      expect(step.exitCode).toBe(0);
      expect(step.errors).toEqual([]);
      expect(step.outputs['audit-delivered']).toBe('false');
      expect(step.warnings.map((w) => w.message)).toEqual([
        'The audit trail was not sent: the receiver answered 503. The audit artifact is the record.',
      ]);
      expect(collector.received).toHaveLength(4);

      const events = await trailOf(step);
      expect(events.map((e) => [e.action, e.outcome, e.actor])).toEqual([
        ['plan', 'success', 'octocat'],
        ['policy', 'success', 'octocat'],
        ['approval', 'success', 'rev1'],
        ['apply', 'failure', 'octocat'],
      ]);
      expect(events[3]?.detail).toMatch(/^The tool failed after applying \d+ resource change\(s\)\.$/);
      expect(JSON.stringify(events)).not.toContain(DB_PASSWORD);
    } finally {
      await collector.close();
    }
  });

  it('refuses audit-webhook without its secret, naming the input', async () => {
    const step = await report(bed.newRun(), { 'audit-webhook': 'https://collector.example/in' });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      'Input "audit-webhook-secret" is required with audit-webhook: the trail is signed with it (HMAC-SHA256).',
    ]);
  });
});
