import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { auditedStep, NO_AUDIT, withAuditLog } from '../../../src/audit/log.js';
import {
  auditDelivery,
  gatherAuditTrail,
  orderEvents,
  sendAuditTrail,
  SIGNATURE_HEADER,
  type AuditTrail,
} from '../../../src/audit/trail.js';
import { auditEventSchema, type AuditEvent } from '../../../src/contracts/audit-event.js';
import { ConfigurationError, StepFailure } from '../../../src/core/errors.js';
import { auditMarkdown } from '../../../src/report/audit.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { testRunContext } from '../../support/run-context.js';

/**
 * The audit log a step writes and the trail the report gathers: events with their contract, written
 * whatever the step's end, never a masked value or an error's own words; the trail in order, and sent
 * signed to a real HTTP receiver on loopback.
 */

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'audit-unit-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Artifacts kept as directories under `root`, as the results service would keep them. */
function directoryStore(failUploads = false) {
  const uploaded = new Map<string, string>();
  const store: ArtifactStore = {
    async upload(name, files, rootDirectory) {
      if (failUploads) throw new Error('the results service answered 503');
      const dir = join(root, 'store', name);
      await mkdir(dir, { recursive: true });
      for (const file of files) await cp(file, join(dir, file.slice(rootDirectory.length + 1)));
      uploaded.set(name, dir);
      return { name, id: uploaded.size, size: 0 };
    },
    async download(name, directory) {
      const dir = uploaded.get(name);
      if (!dir) throw new ConfigurationError(`No artifact named "${name}"`);
      await cp(dir, directory, { recursive: true });
    },
    list: (prefix) =>
      Promise.resolve(
        [...uploaded.keys()]
          .filter((name) => name.startsWith(prefix))
          .sort()
          .map((name, id) => ({ name, id, size: 0 })),
      ),
  };
  return { store, uploaded };
}

const DIGEST = `sha256:${'b'.repeat(64)}`;

async function readPart(dir: string): Promise<AuditEvent[]> {
  const text = await readFile(join(dir, 'audit.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => auditEventSchema.parse(JSON.parse(line)));
}

describe('withAuditLog', () => {
  it('writes the events of a step as one artifact, with the run, the commit and the triggering actor', async () => {
    const { store, uploaded } = directoryStore();
    const run = testRunContext({ runnerTemp: root, actor: 'pusher', triggeringActor: 'rerunner' });
    let tick = 0;
    const now = () => new Date(Date.UTC(2026, 11, 3, 9, 0, tick++));
    const result = await withAuditLog(
      { artifactPrefix: 'iac', step: 'tf-plan', run, artifacts: store, logger: new RecordingLogger(), now },
      async (audit) => {
        const plan = audit.begin('plan', { stack: 'vms', environment: 'dev' });
        plan.update({ planDigest: DIGEST });
        plan.finish('success', 'A plan: 2 to add.');
        audit.record('policy', { stack: 'vms', planDigest: DIGEST, outcome: 'warning', detail: '1 failure' });
        return 42;
      },
    );
    expect(result).toBe(42);
    expect([...uploaded.keys()]).toEqual([expect.stringMatching(/^iac-audit-tf-plan-vms-1-[0-9a-f]{8}$/)]);
    const events = await readPart([...uploaded.values()][0] ?? '');
    expect(events.map((e) => [e.action, e.outcome, e.actor, e.stack, e.planDigest])).toEqual([
      ['plan', 'success', 'rerunner', 'vms', DIGEST],
      ['policy', 'warning', 'rerunner', 'vms', DIGEST],
    ]);
    expect(events[0]).toMatchObject({
      schema: 'iac/audit-event@1',
      environment: 'dev',
      commit: 'a'.repeat(40),
      repository: 'octo-org/infra',
      runId: 7,
      runAttempt: 1,
      runUrl: 'https://github.com/octo-org/infra/actions/runs/7',
      startedAt: '2026-12-03T09:00:00.000Z',
      finishedAt: '2026-12-03T09:00:01.000Z',
      detail: 'A plan: 2 to add.',
    });
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it.each([
    [
      'a ConfigurationError',
      new ConfigurationError('Refused: the plan names db_password=hunter2-secret'),
      'Refused: the step stopped on an input or a check; the run log says why.',
    ],
    [
      'a StepFailure',
      new StepFailure('The apply failed: value "hunter2-secret" is invalid'),
      'The step failed; the run log says why.',
    ],
    ['a bug', new TypeError('x is undefined'), 'The step failed unexpectedly; the run log says why.'],
  ])(
    'closes an open event as a failure when the step throws, in fixed words (%s)',
    async (_kind, error, detail) => {
      const { store, uploaded } = directoryStore();
      const run = testRunContext({ runnerTemp: root });
      const recorded = withAuditLog(
        { artifactPrefix: 'iac', step: 'tf-apply', run, artifacts: store, logger: new RecordingLogger() },
        async (audit) => {
          audit.record('approval', { stack: 'vms', actor: 'rev1', outcome: 'success' });
          audit.begin('apply', { stack: 'vms' }).update({ action: 'destroy', planDigest: DIGEST });
          throw error;
        },
      );
      await expect(recorded).rejects.toBe(error);
      const events = await readPart([...uploaded.values()][0] ?? '');
      expect(events.map((e) => [e.action, e.outcome, e.actor])).toEqual([
        ['approval', 'success', 'rev1'],
        ['destroy', 'failure', 'admin1'],
      ]);
      expect(events[1]?.detail).toBe(detail);
      expect(JSON.stringify(events)).not.toContain('hunter2');
    },
  );

  it('redacts every value the step masked, and writes nothing for a step without events', async () => {
    const { store, uploaded } = directoryStore();
    const run = testRunContext({ runnerTemp: root });
    const secret = 'Pa55-word-of-the-db';
    await withAuditLog(
      { artifactPrefix: 'iac', step: 'smoke-test', run, artifacts: store, logger: new RecordingLogger() },
      async (audit, logger) => {
        logger.mask(secret);
        audit.record('smoke', {
          stack: 'vms',
          outcome: 'failure',
          detail: `check saw ${secret} in the page`,
        });
      },
    );
    const events = await readPart([...uploaded.values()][0] ?? '');
    expect(events[0]?.detail).toBe('check saw [REDACTED] in the page');
    await withAuditLog(
      { artifactPrefix: 'iac', step: 'tf-plan', run, artifacts: store, logger: new RecordingLogger() },
      async () => undefined,
    );
    expect(uploaded.size).toBe(1);
  });

  it('warns, and does not fail the step, when the events cannot be uploaded', async () => {
    const { store } = directoryStore(true);
    const logger = new RecordingLogger();
    await withAuditLog(
      {
        artifactPrefix: 'iac',
        step: 'tf-plan',
        run: testRunContext({ runnerTemp: root }),
        artifacts: store,
        logger,
      },
      async (audit) => audit.record('plan', { stack: 'vms', outcome: 'success' }),
    );
    expect(logger.messages('warning')).toEqual([
      'The audit events of this step (plan) were not uploaded: the results service answered 503.',
    ]);
  });

  it('wires an audited step: the use case gets the store, the audit log and the masking logger, and the part is written', async () => {
    const { store, uploaded } = directoryStore();
    const given = new RecordingLogger();
    const run = testRunContext({ runnerTemp: root });
    const result = await auditedStep(
      'tf-apply',
      'iac',
      { run, logger: given, extra: 'kept' },
      async (step) => {
        expect(step.artifacts).toBe(store);
        expect(step.extra).toBe('kept');
        expect(step.logger).not.toBe(given);
        step.logger.mask('s3cret-value');
        step.audit.record('apply', { stack: 'vms', outcome: 'success', detail: 'used s3cret-value' });
        return 'applied';
      },
      store,
    );
    expect(result).toBe('applied');
    expect([...uploaded.keys()]).toEqual([expect.stringMatching(/^iac-audit-tf-apply-vms-1-[0-9a-f]{8}$/)]);
    const [applied] = await readPart([...uploaded.values()][0] ?? '');
    expect(applied?.detail).not.toContain('s3cret-value');
  });

  it('has a no-op log for domain code run without one', () => {
    expect(() => NO_AUDIT.begin('plan', { stack: 'x' }).finish('success')).not.toThrow();
  });
});

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return auditEventSchema.parse({
    schema: 'iac/audit-event@1',
    id: crypto.randomUUID(),
    producer: { action: 'iac-pipeline', version: '0.1.0' },
    action: 'plan',
    actor: 'octocat',
    stack: 'vms',
    commit: 'a'.repeat(40),
    outcome: 'success',
    startedAt: '2026-12-03T09:00:00.000Z',
    finishedAt: '2026-12-03T09:00:05.000Z',
    repository: 'octo-org/infra',
    runId: 7,
    runAttempt: 1,
    runUrl: 'https://github.com/octo-org/infra/actions/runs/7',
    ...overrides,
  });
}

describe('the trail', () => {
  it('orders the events by when they started, a plan before its policy result in the same instant, repeats once', () => {
    const apply = event({
      action: 'apply',
      startedAt: '2026-12-03T09:05:00.000Z',
      finishedAt: '2026-12-03T09:06:00.000Z',
    });
    const policy = event({ action: 'policy', startedAt: '2026-12-03T09:00:00.000Z' });
    const plan = event({ action: 'plan' });
    const approval = event({
      action: 'approval',
      actor: 'rev1',
      startedAt: '2026-12-03T09:01:00.000Z',
      finishedAt: '2026-12-03T09:02:00.000Z',
    });
    expect(orderEvents([apply, policy, approval, plan, apply]).map((e) => e.action)).toEqual([
      'plan',
      'policy',
      'approval',
      'apply',
    ]);
  });

  it('gathers the parts of the run and names one it could not read, without reading the trail it wrote', async () => {
    const { store } = directoryStore();
    const parts = join(root, 'parts');
    for (const [name, text] of [
      ['iac-audit-tf-plan-vms-1-0001', `${JSON.stringify(event({ action: 'plan' }))}\n`],
      [
        'iac-audit-tf-apply-vms-1-0002',
        `${JSON.stringify(event({ action: 'apply', startedAt: '2026-12-03T09:10:00.000Z', finishedAt: '2026-12-03T09:11:00.000Z' }))}\n`,
      ],
      ['iac-audit-smoke-test-vms-1-0003', '{"schema":"iac/audit-event@9"}\n'],
      ['iac-audit', `${JSON.stringify(event({ action: 'destroy' }))}\n`],
    ] as const) {
      const dir = join(parts, name);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'audit.jsonl'), text);
      await store.upload(name, [join(dir, 'audit.jsonl')], dir);
    }
    const logger = new RecordingLogger();
    const trail = await gatherAuditTrail('iac', join(root, 'gathered'), { artifacts: store, logger });
    expect(trail.events.map((e) => e.action)).toEqual(['plan', 'apply']);
    expect(trail.problems).toEqual([
      {
        artifact: 'iac-audit-smoke-test-vms-1-0003',
        problem:
          'audit.jsonl is iac/audit-event@9, but this version of report (iac-audit-smoke-test-vms-1-0003 line 1) reads iac/audit-event@1: use the same iac-pipeline version in every job',
      },
    ]);
    const markdown = auditMarkdown(trail).join('\n');
    expect(markdown).toContain(
      '| When (UTC) | Step | Stack | Environment | Actor | Outcome | Plan | Detail |',
    );
    expect(markdown).toContain(
      ':warning: The trail is incomplete: `iac-audit-smoke-test-vms-1-0003` was not read',
    );
  });

  it('downloads at most 4 parts at once', async () => {
    let inFlight = 0;
    let most = 0;
    const names = Array.from(
      { length: 10 },
      (_, i) => `iac-audit-smoke-test-vms-1-${String(i).padStart(4, '0')}`,
    );
    const store: ArtifactStore = {
      upload: () => Promise.reject(new Error('not used')),
      async download(name, directory) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await writeFile(join(directory, 'audit.jsonl'), `${JSON.stringify(event({ action: 'smoke' }))}\n`);
        inFlight--;
      },
      list: () => Promise.resolve(names.map((name, id) => ({ name, id, size: 0 }))),
    };
    const trail = await gatherAuditTrail('iac', join(root, 'limited'), {
      artifacts: store,
      logger: new RecordingLogger(),
    });
    expect(trail.events).toHaveLength(10);
    expect(trail.problems).toEqual([]);
    expect(most).toBe(4);
  });

  it('escapes what the events carry in the Markdown table', () => {
    const trail: AuditTrail = {
      events: [event({ actor: 'a|b', detail: '<img src=x> **bold** @admin' })],
      problems: [],
    };
    const row = auditMarkdown(trail).find((line) => line.startsWith('| 2026'));
    expect(row).toContain('<code>a&#124;b</code>');
    expect(row).toContain('\\<img src=x\\> \\*\\*bold\\*\\*');
    expect(row?.split(' | ')).toHaveLength(8);
  });
});

describe('sending the trail', () => {
  let server: Server;
  let url: string;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  let statuses: number[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = statuses.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/collector/secret-path-91`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const trail: AuditTrail = {
    events: [event({}), event({ action: 'approval', actor: 'rev1' })],
    problems: [],
  };
  const run = {
    repository: 'octo-org/infra',
    runId: 7,
    runAttempt: 1,
    url: 'https://github.com/octo-org/infra/actions/runs/7',
  };

  it('POSTs the trail with a signature the receiver checks with the shared secret, retrying a 5xx', async () => {
    received.length = 0;
    statuses = [502];
    const logger = new RecordingLogger();
    const sent = await sendAuditTrail(url, 'shared-key-3f9', auditDelivery(trail, run, new Date()), {
      fetch: globalThis.fetch,
      logger,
      minTimeoutMs: 10,
    });
    expect(sent).toBe(true);
    expect(received).toHaveLength(2);
    const last = received[1];
    // Checked as a receiver would: the HMAC-SHA256 of the raw body, with the key it shares.
    const expected = `sha256=${createHmac('sha256', 'shared-key-3f9')
      .update(last?.body ?? '')
      .digest('hex')}`;
    expect(last?.headers[SIGNATURE_HEADER]).toBe(expected);
    expect(received[0]?.headers['x-iac-delivery']).toBe(last?.headers['x-iac-delivery']);
    expect(JSON.parse(last?.body ?? '{}')).toMatchObject({
      schema: 'iac/audit-trail@1',
      runId: 7,
      events: [{ action: 'plan' }, { action: 'approval', actor: 'rev1' }],
    });
    expect(logger.messages('warning')).toEqual([]);
  });

  it('gives a warning only when the receiver keeps failing, never printing its URL', async () => {
    received.length = 0;
    statuses = [500, 500, 500, 500];
    const logger = new RecordingLogger();
    const sent = await sendAuditTrail(url, 'k', auditDelivery(trail, run, new Date()), {
      fetch: globalThis.fetch,
      logger,
      minTimeoutMs: 5,
    });
    expect(sent).toBe(false);
    expect(received).toHaveLength(4);
    expect(logger.messages('warning')).toEqual([
      'The audit trail was not sent: the receiver answered 500. The audit artifact is the record.',
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('secret-path-91');
  });
});
