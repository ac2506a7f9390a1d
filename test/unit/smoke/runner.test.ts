import { describe, expect, it } from '@jest/globals';
import { parseChecks } from '../../../src/smoke/checks.js';
import { CheckFailure, probe, sshArgs, type ProbeEnvironment } from '../../../src/smoke/probes.js';
import { runChecks, type RunOptions } from '../../../src/smoke/runner.js';
import { expandChecks, type CheckInstance } from '../../../src/smoke/targets.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function instances(count: number, kind = 'dns'): CheckInstance[] {
  const lines = Array.from(
    { length: count },
    (_, i) => `  - { name: c${i}, kind: ${kind}, category: service, host: h${i} }`,
  );
  return expandChecks(parseChecks(['checks:', ...lines].join('\n'), 'smoke.yml'), undefined);
}

const env: ProbeEnvironment = {
  run: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
  resolve: async (name) => {
    if (name === 'localhost') return ['127.0.0.1', '::1'];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  },
  now: Date.now,
  ssh: { knownHostsFile: '/dev/null', strict: false },
  workspace: '/tmp',
};

function options(overrides: Partial<RunOptions>): RunOptions {
  return {
    concurrency: 4,
    retries: 0,
    retryDelayMs: 10,
    deadlineMs: 5_000,
    defaultTimeoutMs: 1_000,
    env,
    logger: new RecordingLogger(),
    ...overrides,
  };
}

describe('running checks', () => {
  it('never has more than `concurrency` tries under way', async () => {
    let inFlight = 0;
    let most = 0;
    const summary = await runChecks(
      instances(10),
      options({
        concurrency: 3,
        probe: async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await sleep(20);
          inFlight--;
          return 'ok';
        },
      }),
    );
    expect(most).toBe(3);
    expect(summary.maxInFlight).toBe(3);
    expect(summary.outcomes.every((o) => o.status === 'passed')).toBe(true);
  });

  it('tries a failing check again with doubling delays until it passes', async () => {
    const times: number[] = [];
    const summary = await runChecks(
      instances(1),
      options({
        retries: 5,
        retryDelayMs: 40,
        probe: async () => {
          times.push(Date.now());
          if (times.length < 3) throw new CheckFailure('not yet');
          return 'up';
        },
      }),
    );
    expect(summary.outcomes[0]).toMatchObject({ status: 'passed', attempts: 3, message: 'up' });
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
  });

  it('gives up after `retries`, keeping the last failure', async () => {
    let tries = 0;
    const summary = await runChecks(
      instances(1),
      options({
        retries: 2,
        probe: async () => {
          tries++;
          throw new CheckFailure(`failure ${tries}`);
        },
      }),
    );
    expect(summary.outcomes[0]).toMatchObject({ status: 'failed', attempts: 3, message: 'failure 3' });
  });

  it('stops at the deadline: the try under way is aborted, checks not started are not run', async () => {
    const started = Date.now();
    const summary = await runChecks(
      instances(3),
      options({
        concurrency: 1,
        retries: 100,
        deadlineMs: 300,
        probe: async (_instance, _env, signal) => {
          await sleep(50);
          if (signal.aborted) throw signal.reason as Error;
          throw new CheckFailure('refused');
        },
      }),
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(summary.deadlineReached).toBe(true);
    expect(summary.outcomes.map((o) => o.status)).toEqual(['failed', 'not-run', 'not-run']);
    expect(summary.outcomes[0]?.message).toBe('refused (then the deadline of 0.3 s passed)');
  });

  it('fails a try that outlives its timeout, and tries again', async () => {
    const summary = await runChecks(
      instances(1),
      options({
        retries: 1,
        defaultTimeoutMs: 50,
        probe: (_instance, _env, signal) =>
          new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      }),
    );
    expect(summary.outcomes[0]).toMatchObject({
      status: 'failed',
      attempts: 2,
      message: 'no answer within 0.1 s',
    });
  });

  it('resolves names with the injected resolver, checking the expected addresses', async () => {
    const file = parseChecks(
      [
        'checks:',
        '  - { name: a, kind: dns, category: connectivity, host: localhost, addresses: [127.0.0.1] }',
        '  - { name: b, kind: dns, category: connectivity, host: localhost, addresses: [10.0.0.9] }',
        '  - { name: c, kind: dns, category: connectivity, host: gone.invalid }',
      ].join('\n'),
      'smoke.yml',
    );
    const summary = await runChecks(expandChecks(file, undefined), options({ probe }));
    expect(summary.outcomes.map((o) => [o.status, o.message])).toEqual([
      ['passed', '127.0.0.1, ::1'],
      ['failed', 'localhost resolves to 127.0.0.1, ::1, not to 10.0.0.9'],
      ['failed', 'gone.invalid does not resolve (ENOTFOUND)'],
    ]);
  });
});

describe('ssh arguments', () => {
  it('are an argument array: the key and known_hosts as paths, the address after "--"', () => {
    expect(
      sshArgs({
        address: '-oProxyCommand=evil',
        port: 2222,
        user: 'deploy',
        connectTimeoutSeconds: 5,
        settings: { keyFile: '/tmp/s/id_ssh', knownHostsFile: '/tmp/k', strict: true },
        command: 'systemctl is-active nginx',
      }),
    ).toEqual([
      '-p',
      '2222',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=5',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'UserKnownHostsFile=/tmp/k',
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      '-i',
      '/tmp/s/id_ssh',
      '-o',
      'IdentitiesOnly=yes',
      '-l',
      'deploy',
      '--',
      '-oProxyCommand=evil',
      'systemctl is-active nginx',
    ]);
  });

  it('accept a new host key only into the per-run file when no known-hosts is given', () => {
    const args = sshArgs({
      address: '10.0.0.5',
      port: 22,
      user: undefined,
      connectTimeoutSeconds: 10,
      settings: { knownHostsFile: '/tmp/run/known_hosts', strict: false },
      command: 'true',
    });
    expect(args).toContain('StrictHostKeyChecking=accept-new');
    expect(args).not.toContain('-i');
    expect(args).not.toContain('-l');
  });
});
