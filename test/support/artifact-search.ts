import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { ResultsService } from './results-service.js';
import type { WorkflowRun } from './runner/runner.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** One file found inside an artifact, nested archives opened: `tfplan!tfplan` is the planfile's inner file. */
export interface FoundFile {
  path: string;
  bytes: Buffer;
}

/**
 * Every file of every artifact the run uploaded, each downloaded by a job of its own through the real
 * @actions/artifact (the `probe:artifact` probe), with zip archives inside them (a planfile is one)
 * opened by `unzip`, however deep.
 */
export async function filesOfArtifacts(run: WorkflowRun, results: ResultsService): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  for (const artifact of results.artifacts(run.runBackendId)) {
    const job = await run.job(`inspect-${artifact.name}`);
    const step = await job.step('probe:artifact', {
      with: { mode: 'download', name: artifact.name, path: 'got' },
    });
    if (step.exitCode !== 0) throw new Error(`could not download ${artifact.name}:\n${step.log}`);
    const dir = join(job.workspace, 'got');
    found.push(...(await filesIn(dir, artifact.name)));
  }
  return found;
}

async function filesIn(dir: string, label: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    const name = `${label}/${relative(dir, path)}`;
    const bytes = await readFile(path);
    found.push({ path: name, bytes });
    if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      const inner = await mkdtemp(`${path}.unzipped-`);
      await promisify(execFile)('unzip', ['-q', '-o', path, '-d', inner]);
      found.push(...(await filesIn(inner, `${name}!`)));
    }
  }
  return found;
}

/** The paths of the files that hold `needle`, as bytes (so binary files count too). */
export function filesHolding(files: readonly FoundFile[], needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return files.filter((file) => file.bytes.includes(bytes)).map((file) => file.path);
}
