import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun } from '../support/runner/runner.js';

let results: ResultsService;
beforeAll(async () => {
  results = await startResultsService();
});
afterAll(() => results.close());

describe('passing files between jobs with the unmodified libraries inside the bundles', () => {
  it('uploads an artifact in job 1 and downloads it in job 2', async () => {
    const run = new WorkflowRun({ results });
    try {
      const payload = randomBytes(3 * 1024 * 1024).toString('base64');
      const producer = await run.job('plan');
      await producer.writeFile('bundle/plan.bin', payload);
      await producer.writeFile('bundle/manifest.json', '{"schema":"iac/plan@1"}');
      const upload = await producer.step('probe:artifact', {
        with: { mode: 'upload', name: 'iac-plan-network', path: 'bundle/plan.bin\nbundle/manifest.json' },
      });
      expect(upload.errors).toEqual([]);
      expect(upload.exitCode).toBe(0);
      expect(Number(upload.outputs['artifact-id'])).toBeGreaterThan(0);
      expect(results.artifacts(run.runBackendId).map((a) => a.name)).toEqual(['iac-plan-network']);

      const consumer = await run.job('apply');
      const download = await consumer.step('probe:artifact', {
        with: { mode: 'download', name: 'iac-plan-network', path: 'incoming' },
      });
      expect(download.errors).toEqual([]);
      expect(download.exitCode).toBe(0);
      expect(download.outputs['artifact-id']).toBe(upload.outputs['artifact-id']);
      expect(await readFile(join(consumer.workspace, 'incoming', 'bundle', 'plan.bin'), 'utf8')).toBe(
        payload,
      );
      expect(
        await readFile(join(consumer.workspace, 'incoming', 'bundle', 'manifest.json'), 'utf8'),
      ).toContain('iac/plan@1');
    } finally {
      await run.cleanup();
    }
  });

  it('does not find an artifact of another run', async () => {
    const first = new WorkflowRun({ results });
    const second = new WorkflowRun({ results });
    try {
      const job = await first.job('plan');
      await job.writeFile('a.txt', 'a');
      expect(
        (await job.step('probe:artifact', { with: { mode: 'upload', name: 'only-here', path: 'a.txt' } }))
          .exitCode,
      ).toBe(0);
      const other = await second.job('apply');
      const missing = await other.step('probe:artifact', {
        with: { mode: 'download', name: 'only-here', path: 'x' },
      });
      expect(missing.exitCode).toBe(1);
      expect(missing.errors[0]?.message).toMatch(/not found|no artifact/i);
    } finally {
      await first.cleanup();
      await second.cleanup();
    }
  });

  it('saves a cache entry in one run and restores it in the next', async () => {
    const key = `tofu-plugins-${randomBytes(4).toString('hex')}`;
    const first = new WorkflowRun({ results });
    const second = new WorkflowRun({ results });
    try {
      const saver = await first.job('setup');
      await saver.writeFile('plugins/provider.bin', 'provider bytes');
      const save = await saver.step('probe:cache', { with: { mode: 'save', key, path: 'plugins' } });
      expect(save.errors).toEqual([]);
      expect(save.exitCode).toBe(0);

      const restorer = await second.job('setup');
      const restore = await restorer.step('probe:cache', { with: { mode: 'restore', key, path: 'plugins' } });
      expect(restore.exitCode).toBe(0);
      expect(restore.outputs['cache-hit']).toBe(key);
      expect(await readFile(join(restorer.workspace, 'plugins', 'provider.bin'), 'utf8')).toBe(
        'provider bytes',
      );
    } finally {
      await first.cleanup();
      await second.cleanup();
    }
  });
});
