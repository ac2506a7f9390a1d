import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowRun } from '../support/runner/runner.js';

const run = new WorkflowRun();
afterAll(() => run.cleanup());

describe('runner harness with the real @actions/core', () => {
  it('runs pre, main and post with state, outputs, env, path, summary and workflow commands', async () => {
    const job = await run.job('lifecycle');
    const step = await job.step('probe:lifecycle', { with: { secret: 'hunter2-secret' } });

    expect(step.pre?.exitCode).toBe(0);
    expect(step.pre?.log).toContain('phase pre');
    expect(step.exitCode).toBe(0);
    expect(step.log).toContain(`phase main in ${job.workspace}`);
    // A default with an expression is evaluated, and the token it holds is not masked by the harness itself.
    expect(step.log).toContain(`greeting=hello ${run.token}`);
    expect(step.outputs).toEqual({ multiline: 'first\nsecond\n%percent: and, comma', phase: 'main' });
    expect(step.state).toEqual({ phase: 'main', 'from-main': 'line one\nline two' });
    expect(job.env).toEqual({ PROBE_EXPORTED: 'exported=value' });
    expect(job.path).toEqual(['/probe/bin']);
    expect(step.summary).toContain('<h1>Probe</h1>');
    expect(step.summary).toContain('raw line');
    expect(step.warnings).toEqual([
      { message: 'careful', properties: { title: 'A title', file: 'main.tf', line: '3' } },
    ]);
    expect(step.notices.map((n) => n.message)).toEqual(['noted']);
    expect(step.groups).toEqual(['a group']);
    expect(step.masks).toContain('hunter2-secret');
    expect(step.log).toContain('the secret is ***');
    expect(step.log).not.toContain('hunter2-secret');
    expect(step.rawLog).toContain('the secret is hunter2-secret');

    const [post] = await job.complete();
    expect(post?.exitCode).toBe(0);
    expect(post?.log).toContain('post sees from-main="line one\\nline two"');
    expect(post?.log).toContain('post sees PROBE_EXPORTED=exported=value');
    expect(post?.log).toContain('post sees PATH starting /probe/bin');
    expect(post?.outputs).toEqual({ phase: 'post' });
  });

  it('reports a failed step with its exit code and error, and still runs a post with post-if: always()', async () => {
    const job = await run.job('failing');
    const step = await job.step('probe:lifecycle', { with: { fail: 'true' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toEqual([{ message: 'asked to fail: line 1\nline 2', properties: {} }]);
    expect(job.succeeded).toBe(false);
    const posts = await job.complete();
    expect(posts.map((p) => p.phase)).toEqual(['post']);
  });

  it('gives each job its own empty workspace and RUNNER_TEMP', async () => {
    const first = await run.job('first');
    await first.writeFile('left-behind.txt', 'x');
    const second = await run.job('second');
    expect(second.workspace).not.toBe(first.workspace);
    expect(second.runnerTemp).not.toBe(first.runnerTemp);
    expect(existsSync(join(second.workspace, 'left-behind.txt'))).toBe(false);
  });
});
