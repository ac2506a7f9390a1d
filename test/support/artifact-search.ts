import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { ResultsService } from './results-service.js';
import type { Job, WorkflowRun } from './runner/runner.js';

/**
 * The one leak search over what a run leaves behind. Artifacts are downloaded as another job would get
 * them, through the unmodified @actions/artifact library (the `probe:artifact` probe), and every zip inside
 * them is opened, however deep: a planfile is a zip, and tofu keeps the backend configuration in its inner
 * `tfplan`, where the deflated bytes of the outer file would hide a credential from a plain search.
 */

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/** One file of an artifact. */
export interface ArtifactFile {
  /** The artifact's name: `iac-plan-infra`. */
  artifact: string;
  /**
   * The artifact's name, then the file's path in it; the path of a file from an archive inside follows
   * the archive's and `!/`: `iac-plan-infra/tfplan!/tfplan`.
   */
  path: string;
  bytes: Buffer;
}

/** The jobs this module started to download artifacts: the test's own, not the run's, so not searched. */
const inspections = new WeakSet<Job>();
/** Artifact id → its files, per run: a finalized artifact never changes, so each is downloaded once. */
const downloaded = new WeakMap<WorkflowRun, Map<number, ArtifactFile[]>>();

/** Every file of one artifact of the run, downloaded in a job of its own, archives inside opened. */
export async function filesOfArtifact(run: WorkflowRun, name: string): Promise<ArtifactFile[]> {
  return download(await inspectionJob(run), name);
}

/**
 * Every file of every artifact the run uploaded (those it finished: an unfinished upload can be
 * downloaded by no one), archives inside opened, by artifact name. Downloaded once per artifact, in one
 * job of the run, so that a test may search the same run for several values.
 */
export async function filesOfArtifacts(run: WorkflowRun, results: ResultsService): Promise<ArtifactFile[]> {
  const known = downloaded.get(run) ?? new Map<number, ArtifactFile[]>();
  downloaded.set(run, known);
  const artifacts = results
    .artifacts(run.runBackendId)
    .filter((artifact) => artifact.finalized)
    .sort((a, b) => a.name.localeCompare(b.name));
  let job: Job | undefined;
  for (const artifact of artifacts.filter((a) => !known.has(a.id))) {
    job ??= await inspectionJob(run);
    known.set(artifact.id, await download(job, artifact.name));
  }
  return artifacts.flatMap((artifact) => known.get(artifact.id) ?? []);
}

/** The paths of the files that hold `needle`, searched as bytes (so binary files count too). */
export function filesHolding(files: readonly ArtifactFile[], needle: string): string[] {
  const bytes = Buffer.from(nonEmpty(needle), 'utf8');
  return files.filter((file) => file.bytes.includes(bytes)).map((file) => file.path);
}

/** Where else a run's values may go, besides its steps and artifacts. */
export interface Elsewhere {
  results: ResultsService;
  /** Requests the run sent to the GitHub API stand-in (comments, deployments, dispatches): `api.requests`. */
  requests?: ReadonlyArray<{ method: string; path: string }>;
  /** Anything else the run sent out, by the name of where it went: `{ webhook: receiver.bodies }`. */
  sent?: Record<string, unknown>;
}

/**
 * Where `value` shows up in what a run leaves for anyone to read: each step's log (as the process wrote it,
 * before masking), job summary and outputs, pre phases included; every file of every artifact, archives
 * inside opened; and every request and message of `elsewhere`. An empty list: nowhere.
 */
export async function placesHolding(
  run: WorkflowRun,
  value: string,
  elsewhere: Elsewhere,
): Promise<string[]> {
  nonEmpty(value);
  const jobs = run.allJobs.filter((job) => !inspections.has(job));
  // A run that ran nothing would pass any search.
  if (!jobs.some((job) => job.steps.length > 0)) throw new Error('the run has no step to search');
  const places: string[] = [];
  for (const job of jobs) {
    for (const step of job.steps) {
      for (const phase of step.pre ? [step.pre, step] : [step]) {
        const where = `${job.name} ${step.id} ${phase.phase}`;
        if (phase.rawLog.includes(value)) places.push(`${where}: log`);
        if (phase.summary.includes(value)) places.push(`${where}: summary`);
        if (JSON.stringify(phase.outputs).includes(value)) places.push(`${where}: outputs`);
      }
    }
    for (const [index, post] of job.postResults.entries()) {
      const where = `${job.name} post ${index + 1}`;
      if (post.rawLog.includes(value)) places.push(`${where}: log`);
      if (post.summary.includes(value)) places.push(`${where}: summary`);
    }
  }
  const needle = Buffer.from(value, 'utf8');
  for (const file of await filesOfArtifacts(run, elsewhere.results)) {
    if (file.bytes.includes(needle)) places.push(`artifact ${file.artifact}: ${file.path}`);
  }
  for (const request of elsewhere.requests ?? []) {
    if (JSON.stringify(request).includes(value)) places.push(`GitHub API: ${request.method} ${request.path}`);
  }
  for (const [name, sent] of Object.entries(elsewhere.sent ?? {})) {
    if (JSON.stringify(sent).includes(value)) places.push(name);
  }
  return places;
}

/** An empty string is in everything: searching for it proves nothing, so it is a mistake in the test. */
function nonEmpty(value: string): string {
  if (value === '') throw new Error('searched for an empty value');
  return value;
}

async function inspectionJob(run: WorkflowRun): Promise<Job> {
  const job = await run.job('inspect artifacts');
  inspections.add(job);
  return job;
}

async function download(job: Job, name: string): Promise<ArtifactFile[]> {
  const into = join('got', name);
  const step = await job.step('probe:artifact', { with: { mode: 'download', name, path: into } });
  if (step.exitCode !== 0) throw new Error(`could not download the artifact ${name}:\n${step.log}`);
  return filesIn(join(job.workspace, into), { artifact: name, label: name, scratch: job.runnerTemp });
}

/** The files under `dir`, named `<label>/<path>`, and those of every zip among them, however deep. */
async function filesIn(
  dir: string,
  at: { artifact: string; label: string; scratch: string },
): Promise<ArtifactFile[]> {
  const found: ArtifactFile[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  for (const path of paths.sort()) {
    const name = `${at.label}/${relative(dir, path)}`;
    const bytes = await readFile(path);
    found.push({ artifact: at.artifact, path: name, bytes });
    if (bytes.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
      // Opened outside the directory being walked, so that its files are found once, as nested ones.
      const opened = await mkdtemp(join(at.scratch, 'unzipped-'));
      await promisify(execFile)('unzip', ['-qq', path, '-d', opened]);
      found.push(...(await filesIn(opened, { ...at, label: `${name}!` })));
    }
  }
  return found;
}

/**
 * The artifacts a run's stages hand on, without the audit events every step writes beside them (a
 * refused step too): tests of what a stage uploads read these; the audit parts have their own tests.
 */
export function stageArtifacts<T extends { name: string }>(artifacts: readonly T[]): T[] {
  return artifacts.filter((artifact) => !/^iac-audit(-|$)/.test(artifact.name));
}
