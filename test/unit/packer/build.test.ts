import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, defaultImageName, type PackerBuildInputs } from '../../../src/packer/build.js';
import type { ArtifactStore } from '../../../src/artifacts/store.js';
import { readBuildMetadata, type BuildMetadata } from '../../../src/contracts/build-metadata.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { Exec } from '../../../src/core/exec.js';
import type { RunContext } from '../../../src/core/run-context.js';
import type { BuildRecords } from '../../../src/packer/build-record.js';
import { discoverTemplate } from '../../../src/packer/template.js';
import { RecordingLogger } from '../../support/recording-logger.js';

/**
 * The packer-build flow with Packer replaced by a fake that answers as a given version would: which
 * commands run in which order (init only where it exists and is needed), what reaches the template, and
 * skip-unchanged, which must not run Packer at all.
 */

let root: string;
let bin: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'packer-build-'));
  bin = join(root, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'packer'), '#!/bin/sh\nexit 0\n');
  await chmod(join(bin, 'packer'), 0o755);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const PLUGINS = `packer {
  required_plugins {
    amazon = { version = ">= 1.2.0", source = "github.com/hashicorp/amazon" }
  }
}
`;
const TEMPLATE = `variable "image_name" {
  type = string
}
variable "region" {
  type = string
}
source "null" "a" {
  communicator = "none"
}
build {
  sources = ["source.null.a"]
}
`;

let counter = 0;
async function setup(templateText: string) {
  const workspace = join(root, `ws-${++counter}`);
  const runnerTemp = join(root, `temp-${counter}`);
  await mkdir(join(workspace, 'images'), { recursive: true });
  await mkdir(runnerTemp);
  await writeFile(join(workspace, 'images', 'golden.pkr.hcl'), templateText);
  const run: RunContext = {
    owner: 'octo-org',
    repo: 'infra',
    runId: 42,
    runAttempt: 1,
    sha: 'c'.repeat(40),
    ref: 'refs/heads/main',
    eventName: 'push',
    eventPath: undefined,
    actor: 'octocat',
    triggeringActor: 'octocat',
    workspace,
    runnerTemp,
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runUrl: 'https://github.com/octo-org/infra/actions/runs/42',
  };
  const inputs: PackerBuildInputs = {
    template: join(workspace, 'images', 'golden.pkr.hcl'),
    workingDirectory: workspace,
    varFiles: [],
    vars: [],
    only: [],
    except: [],
    imageName: undefined,
    skipUnchanged: false,
    artifactPrefix: 'iac',
  };
  return { run, inputs };
}

interface FakePacker {
  exec: Exec;
  /** Each command, and the var file it was given as it was then. */
  calls: Array<{ args: readonly string[]; varFile?: string }>;
}

function subcommand(args: readonly string[]): string | undefined {
  return args.find((arg) => !arg.startsWith('-'));
}

function fakePacker(version: string, buildLines: string[] = []): FakePacker {
  const calls: FakePacker['calls'] = [];
  const exec: Exec = async (_command, args, options) => {
    const varFile = args
      .filter((arg) => arg.startsWith('-var-file='))
      .map((arg) => arg.slice('-var-file='.length))
      .at(-1);
    calls.push({
      args,
      ...(varFile && existsSync(varFile) ? { varFile: readFileSync(varFile, 'utf8') } : {}),
    });
    const command = subcommand(args);
    const stdout = command === 'version' ? [`1,,version,${version}`] : command === 'build' ? buildLines : [];
    for (const line of stdout) options?.onStdoutLine?.(line);
    return { exitCode: 0, stdout: stdout.join('\n'), stderr: '' };
  };
  return { exec, calls };
}

function memoryStore(): ArtifactStore & { uploads: Array<{ name: string; files: readonly string[] }> } {
  const uploads: Array<{ name: string; files: readonly string[] }> = [];
  return {
    uploads,
    async upload(name, files) {
      uploads.push({ name, files });
      return { name, id: uploads.length, size: 1 };
    },
    async download() {
      throw new Error('not used');
    },
    async list() {
      throw new Error('not used');
    },
  };
}

function memoryRecords(
  initial: Record<string, BuildMetadata> = {},
): BuildRecords & { saved: Record<string, BuildMetadata> } {
  const saved: Record<string, BuildMetadata> = { ...initial };
  return {
    saved,
    async find(key) {
      return saved[key];
    },
    async record(key, metadata) {
      saved[key] = metadata;
    },
  };
}

const ARTIFACT_LINES = [
  '1,null.a,artifact,0,builder-id,fnoeding.null',
  '1,null.a,artifact,0,id,img-0042',
  '1,null.a,artifact,0,end',
];
const clock = () => new Date('2042-01-02T03:04:05.678Z');

describe('buildImage', () => {
  it('runs init first when the template requires plugins and Packer has init', async () => {
    const { run, inputs } = await setup(PLUGINS + TEMPLATE);
    const packer = fakePacker('1.9.4', ARTIFACT_LINES);
    const records = memoryRecords();
    const logger = new RecordingLogger();
    const result = await buildImage(
      { ...inputs, vars: [['region', 'eu-west-1']], skipUnchanged: true },
      { exec: packer.exec, logger, run, artifacts: memoryStore(), records, now: clock, searchPath: bin },
    );
    expect(packer.calls.map((call) => subcommand(call.args))).toEqual(['version', 'init', 'build']);
    expect(packer.calls[1]?.args).toEqual(['-machine-readable', 'init', 'images/golden.pkr.hcl']);
    // The variables, the image name among them, in a var file that is gone afterwards.
    expect(packer.calls[2]?.varFile).toBe('region = "eu-west-1"\nimage_name = "golden-20420102030405"\n');
    expect(packer.calls[2]?.args.join(' ')).not.toContain('eu-west-1');
    expect(existsSync(packer.calls[2]?.args.find((a) => a.startsWith('-var-file='))?.slice(10) ?? '')).toBe(
      false,
    );

    expect(result.metadata).toMatchObject({
      name: 'golden-20420102030405',
      imageId: 'img-0042',
      packerVersion: '1.9.4',
      buildTime: '2042-01-02T03:04:05.678Z',
      artifactSource: 'machine-readable',
      skipped: false,
      builtBy: { runId: 42 },
    });
    expect(readBuildMetadata(readFileSync(result.metadataPath, 'utf8'))).toEqual(result.metadata);
    expect(result.artifactName).toBe('iac-image-golden-20420102030405');
    expect(Object.keys(records.saved)).toEqual([result.recordKey]);
  });

  it('refuses required_plugins with a Packer that has no init, before running anything else', async () => {
    const { run, inputs } = await setup(PLUGINS + TEMPLATE);
    const packer = fakePacker('1.6.6');
    const error = await buildImage(inputs, {
      exec: packer.exec,
      logger: new RecordingLogger(),
      run,
      artifacts: memoryStore(),
      records: memoryRecords(),
      searchPath: bin,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      /^The template declares required_plugins \(amazon\), which Packer 1\.6\.6 does not know: packer init came with Packer 1\.7/,
    );
    expect(packer.calls.map((call) => subcommand(call.args))).toEqual(['version']);
  });

  it('runs no init without required_plugins, passes no image name to a template that does not declare one, and records nothing without skip-unchanged', async () => {
    const { run, inputs } = await setup(
      TEMPLATE.replace(/variable "image_name" \{\n {2}type = string\n\}\n/, ''),
    );
    const packer = fakePacker('1.11.2', ARTIFACT_LINES);
    const records = memoryRecords();
    await buildImage(
      { ...inputs, vars: [['region', 'eu-west-1']], imageName: 'web' },
      {
        exec: packer.exec,
        logger: new RecordingLogger(),
        run,
        artifacts: memoryStore(),
        records,
        searchPath: bin,
      },
    );
    expect(packer.calls.map((call) => subcommand(call.args))).toEqual(['version', 'build']);
    expect(packer.calls[1]?.varFile).toBe('region = "eu-west-1"\n');
    expect(records.saved).toEqual({});
  });

  it('hands on the recorded image without running Packer when the template is unchanged', async () => {
    const { run, inputs } = await setup(TEMPLATE);
    const first = fakePacker('1.9.4', ARTIFACT_LINES);
    const records = memoryRecords();
    const built = await buildImage(
      { ...inputs, skipUnchanged: true, imageName: 'golden-1', vars: [['region', 'eu-west-1']] },
      {
        exec: first.exec,
        logger: new RecordingLogger(),
        run,
        artifacts: memoryStore(),
        records,
        searchPath: bin,
      },
    );

    const again = await setup(TEMPLATE);
    const second = fakePacker('1.9.4');
    const store = memoryStore();
    const logger = new RecordingLogger();
    const skipped = await buildImage(
      { ...again.inputs, skipUnchanged: true, imageName: 'golden-2', vars: [['region', 'eu-west-1']] },
      {
        exec: second.exec,
        logger,
        run: { ...again.run, runId: 43 },
        artifacts: store,
        records,
        searchPath: bin,
      },
    );
    expect(second.calls).toEqual([]);
    expect(skipped.metadata).toMatchObject({
      skipped: true,
      name: 'golden-1',
      imageId: 'img-0042',
      buildTime: built.metadata.buildTime,
      templateHash: built.metadata.templateHash,
      builtBy: { runId: 42 },
      writtenBy: { runId: 43 },
    });
    expect(store.uploads.map((upload) => upload.name)).toEqual(['iac-image-golden-2']);
    expect(logger.messages('notice')[0]).toMatch(
      /unchanged since run 42 built image img-0042: skipped the build/,
    );

    // Another value for a variable is another image.
    const third = fakePacker('1.9.4', ARTIFACT_LINES);
    const rebuilt = await buildImage(
      { ...again.inputs, skipUnchanged: true, vars: [['region', 'us-east-1']] },
      {
        exec: third.exec,
        logger: new RecordingLogger(),
        run: again.run,
        artifacts: memoryStore(),
        records,
        searchPath: bin,
      },
    );
    expect(rebuilt.metadata.skipped).toBe(false);
    expect(third.calls.map((call) => subcommand(call.args))).toContain('build');
  });

  it('warns when the build gives no artifact id', async () => {
    const { run, inputs } = await setup(TEMPLATE);
    const packer = fakePacker('1.9.4', ['1,null.a,artifact,0,nil', '1,null.a,artifact,0,end']);
    const logger = new RecordingLogger();
    const result = await buildImage(
      { ...inputs, vars: [['region', 'x']] },
      { exec: packer.exec, logger, run, artifacts: memoryStore(), records: memoryRecords(), searchPath: bin },
    );
    expect(result.metadata.imageId).toBe('');
    expect(result.metadata.artifacts).toEqual([]);
    expect(logger.messages('warning')).toEqual([
      'The build finished without an artifact id, so the image-id output is empty.',
    ]);
  });
});

describe('defaultImageName', () => {
  it('is the template’s name and the UTC time, fit for an artifact name', async () => {
    const { run } = await setup(TEMPLATE);
    const dir = join(run.workspace, 'odd name!');
    await mkdir(dir);
    await writeFile(join(dir, '__golden image.pkr.hcl'), '');
    const now = new Date('2042-01-02T03:04:05Z');
    expect(defaultImageName(await discoverTemplate(join(dir, '__golden image.pkr.hcl')), run, now)).toBe(
      'golden-image-20420102030405',
    );
    expect(defaultImageName(await discoverTemplate(join(run.workspace, 'images')), run, now)).toBe(
      'images-20420102030405',
    );
    await writeFile(join(run.workspace, 'root.pkr.hcl'), '');
    expect(defaultImageName(await discoverTemplate(run.workspace), run, now)).toBe('infra-20420102030405');
  });
});
