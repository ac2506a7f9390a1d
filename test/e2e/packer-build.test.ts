import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readBuildMetadata } from '../../src/contracts/build-metadata.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job, type StepResult } from '../support/runner/runner.js';
import { startSshHosts, type SshHosts } from '../support/ssh-hosts.js';
import { repoRoot } from '../support/tools.js';
import { stageArtifacts } from '../support/artifact-search.js';

/**
 * packer-build with the real Packer (Debian's 1.6.6 here): the null builder locally and over SSH to a
 * test-bed host, the manifest post-processor, JSON templates, skip-unchanged through the real
 * @actions/cache and the results service stand-in, and the ways a template or an input can be wrong.
 */
let results: ResultsService;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
  results = await startResultsService();
});
afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await results.close();
});

function newRun(options: { debug?: boolean } = {}): WorkflowRun {
  const run = new WorkflowRun({ results, ...options });
  runs.push(run);
  return run;
}

/** A job whose workspace holds the fixture template `name` under packer/. */
async function checkout(run: WorkflowRun, name: string): Promise<Job> {
  const job = await run.job('image');
  await cp(join(repoRoot, 'test', 'fixtures', 'packer', name), join(job.workspace, 'packer'), {
    recursive: true,
  });
  return job;
}

function expectSucceeded(step: StepResult): void {
  expect(step.errors).toEqual([]);
  expect(step.exitCode).toBe(0);
}

async function metadataOf(step: StepResult) {
  return readBuildMetadata(await readFile(step.outputs['metadata-path'] ?? '', 'utf8'));
}

const HASH = /^sha256:[0-9a-f]{64}$/;

describe('the null builder', () => {
  it('builds with communicator none and shell-local, and publishes the artifact and metadata', async () => {
    const run = newRun({ debug: true });
    const job = await checkout(run, 'local');
    // A value with a template sequence and quotes, and a list: each must reach the template as written.
    const greeting = 'hi ${not.a.template} "quoted" %{x}';
    const step = await job.step('packer-build', {
      with: {
        template: 'packer/image.pkr.hcl',
        'image-name': 'golden-1',
        vars: `greeting=${greeting}\nlayers=["base", "docker"]`,
      },
    });
    expectSucceeded(step);
    expect(step.outputs).toMatchObject({
      'image-id': 'Null',
      skipped: 'false',
      'image-name': 'golden-1',
      'artifact-name': 'iac-image-golden-1',
    });
    expect(step.outputs['template-hash']).toMatch(HASH);
    expect(new Date(step.outputs['build-time'] ?? '').toISOString()).toBe(step.outputs['build-time']);
    expect(JSON.parse(step.outputs['artifacts'] ?? '')).toEqual([
      { build: 'null.local', id: 'Null', builderId: 'fnoeding.null', files: [] },
    ]);

    // The provisioner's output streamed to the log, unescaped; the variables arrived as given.
    expect(step.log).toContain('null.local: building golden-1');
    expect(step.log).toContain(`null.local: greeting=${greeting}`);
    expect(step.log).toContain('null.local: layers=base,docker');
    expect(step.log).not.toContain('%!(PACKER_COMMA)');
    // ... through a var file, never the command line, and the var file is gone afterwards.
    const commandLines = step.debug.filter((line) => line.startsWith('running packer'));
    // One run of Packer on the template: build, which validates it first (no separate validate).
    expect(commandLines).toEqual([expect.stringMatching(/^running packer -machine-readable build /)]);
    for (const line of commandLines) expect(line).not.toContain('greeting');
    expect((await readdir(job.runnerTemp)).filter((name) => name.startsWith('iac-packer-vars-'))).toEqual([]);

    const metadata = await metadataOf(step);
    expect(metadata).toMatchObject({
      schema: 'iac/image@1',
      name: 'golden-1',
      imageId: 'Null',
      packerVersion: '1.6.6',
      artifactSource: 'machine-readable',
      skipped: false,
      template: {
        path: 'packer/image.pkr.hcl',
        format: 'hcl2',
        files: [{ path: 'packer/image.pkr.hcl', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      },
      templateHash: step.outputs['template-hash'],
      buildTime: step.outputs['build-time'],
      builtBy: { runId: run.runId, commit: run.sha },
    });
    const uploaded = stageArtifacts(results.artifacts(run.runBackendId)).map((artifact) => artifact.name);
    expect(uploaded).toEqual(['iac-image-golden-1']);
    expect(step.summary).toContain('## Image `golden-1`');
    expect(step.summary).toContain('`Null`');
    expect(step.summary).toContain(step.outputs['template-hash']);
  });

  it('names the image after the template and the time when no name is given', async () => {
    const run = newRun();
    const job = await checkout(run, 'local');
    const step = await job.step('packer-build', { with: { template: 'packer' } });
    expectSucceeded(step);
    const name = step.outputs['image-name'] ?? '';
    expect(name).toMatch(/^packer-\d{14}$/);
    expect(step.log).toContain(`building ${name}`);
    expect(step.outputs['artifact-name']).toBe(`iac-image-${name}`);
    expect((await metadataOf(step)).template.files.map((file) => file.path)).toEqual([
      'packer/image.pkr.hcl',
    ]);
  });

  describe('over SSH to a test-bed host', () => {
    let hosts: SshHosts;
    beforeAll(async () => {
      hosts = await startSshHosts(['vm']);
    });
    afterAll(async () => {
      await hosts.close();
    });

    it('runs the shell provisioner on the host', async () => {
      const run = newRun();
      const job = await checkout(run, 'ssh');
      const host = hosts.host('vm');
      const step = await job.step('packer-build', {
        with: {
          template: 'packer/image.pkr.hcl',
          'image-name': 'web-2042',
          vars: [
            `ssh_host=${host.host}`,
            `ssh_port=${host.port}`,
            `ssh_username=${host.user}`,
            `ssh_private_key_file=${hosts.privateKeyPath}`,
          ].join('\n'),
        },
      });
      expectSucceeded(step);
      expect(step.log).toContain('provisioned web-2042 on vm');
      expect((await readFile(join(host.root, 'image-name'), 'utf8')).trim()).toBe('web-2042');
      expect((await readFile(join(host.root, 'kernel'), 'utf8')).trim()).toBe('Linux');
      expect(step.outputs['image-id']).toBe('Null');
    });
  });
});

describe('the manifest post-processor', () => {
  it("reads this run's builds and their custom data from the manifest", async () => {
    const run = newRun();
    const job = await checkout(run, 'manifest');
    // A manifest left by an earlier run: Packer appends to it, and its builds are not this run's.
    await job.writeFile(
      'packer/packer-manifest.json',
      JSON.stringify({
        builds: [
          {
            name: 'golden',
            builder_type: 'null',
            artifact_id: 'ami-0123456789abcdef0',
            packer_run_uuid: 'earlier-run',
            custom_data: { docker: '19.03' },
          },
        ],
        last_run_uuid: 'earlier-run',
      }),
    );
    const step = await job.step('packer-build', {
      with: { template: 'packer/image.pkr.hcl', 'image-name': 'golden-7', vars: 'docker_version=25.0.3' },
    });
    expectSucceeded(step);
    const metadata = await metadataOf(step);
    expect(metadata.artifactSource).toBe('manifest');
    expect(metadata.artifacts).toEqual([
      {
        build: 'null.golden',
        id: 'Null',
        builderId: 'fnoeding.null',
        builderType: 'null',
        files: [],
        customData: { docker: '25.0.3', image: 'golden-7', uv: '0.4.18' },
      },
    ]);
    expect(metadata.customData).toEqual({ docker: '25.0.3', image: 'golden-7', uv: '0.4.18' });
    expect(step.summary).toContain('| `docker` | `25.0.3` |');
    expect(JSON.stringify(metadata)).not.toContain('ami-0123456789abcdef0');
  });

  it('builds a JSON template with var files, and reads its manifest', async () => {
    const run = newRun();
    const job = await checkout(run, 'json');
    await job.writeFile('packer/versions.json', JSON.stringify({ docker_version: '26.1.0' }));
    const step = await job.step('packer-build', {
      with: {
        template: 'packer/image.json',
        'working-directory': 'packer',
        'var-files': 'packer/versions.json',
        'image-name': 'legacy',
      },
    });
    expectSucceeded(step);
    expect(step.log).toContain('building legacy');
    const metadata = await metadataOf(step);
    expect(metadata).toMatchObject({
      template: { path: 'packer/image.json', format: 'json' },
      varFiles: [{ path: 'packer/versions.json' }],
      artifactSource: 'manifest',
      imageId: 'Null',
      customData: { docker: '26.1.0' },
    });
    expect(metadata.artifacts[0]?.build).toBe('golden');
  });
});

describe('skip-unchanged', () => {
  it('skips the second build of an unchanged template, and builds again after a change', async () => {
    const run = newRun();
    const build = async (imageName: string, change?: (job: Job) => Promise<unknown>) => {
      const job = await checkout(run, 'manifest');
      await job.writeFile('packer/versions.pkrvars.hcl', 'docker_version = "27.0.1"\n');
      await change?.(job);
      return job.step('packer-build', {
        with: {
          template: 'packer/image.pkr.hcl',
          'var-files': 'packer/versions.pkrvars.hcl',
          'image-name': imageName,
          'skip-unchanged': 'true',
        },
      });
    };

    const first = await build('golden-a');
    expectSucceeded(first);
    expect(first.outputs['skipped']).toBe('false');
    expect(results.cacheEntries().filter((entry) => entry.finalized)).toHaveLength(1);

    const second = await build('golden-b');
    expectSucceeded(second);
    expect(second.outputs).toMatchObject({
      skipped: 'true',
      'image-id': first.outputs['image-id'],
      'build-time': first.outputs['build-time'],
      'template-hash': first.outputs['template-hash'],
      'image-name': 'golden-a',
      'artifact-name': 'iac-image-golden-b',
    });
    expect(second.log).not.toContain('Running local shell script');
    expect(second.notices.map((notice) => notice.message).join('\n')).toMatch(/skipped the build/);
    const reused = await metadataOf(second);
    expect(reused).toMatchObject({
      skipped: true,
      name: 'golden-a',
      customData: { docker: '27.0.1', image: 'golden-a' },
    });
    expect(reused.writtenBy.runId).toBe(run.runId);
    expect(second.summary).toContain('**Skipped:**');

    // A changed var file is a changed template: built again.
    const third = await build('golden-c', (job) =>
      job.writeFile('packer/versions.pkrvars.hcl', 'docker_version = "27.0.2"\n'),
    );
    expectSucceeded(third);
    expect(third.outputs['skipped']).toBe('false');
    expect(third.outputs['template-hash']).not.toBe(first.outputs['template-hash']);
    expect((await metadataOf(third)).customData['docker']).toBe('27.0.2');

    // So is a changed template file.
    const fourth = await build('golden-d', async (job) => {
      const path = join(job.workspace, 'packer', 'image.pkr.hcl');
      await writeFile(path, `${await readFile(path, 'utf8')}\n# a comment is a change\n`);
    });
    expectSucceeded(fourth);
    expect(fourth.outputs['skipped']).toBe('false');
    expect(
      stageArtifacts(results.artifacts(run.runBackendId))
        .map((artifact) => artifact.name)
        .sort(),
    ).toEqual(['iac-image-golden-a', 'iac-image-golden-b', 'iac-image-golden-c', 'iac-image-golden-d']);
  });
});

describe('a template or input that is wrong', () => {
  it('fails on an invalid template with an annotation on the file and line', async () => {
    const run = newRun();
    const job = await checkout(run, 'broken');
    const step = await job.step('packer-build', { with: { template: 'packer/image.pkr.hcl' } });
    expect(step.exitCode).toBe(1);
    const annotated = step.errors.find((error) => error.properties['file'] !== undefined);
    expect(annotated?.properties).toMatchObject({
      file: 'packer/image.pkr.hcl',
      line: '10',
      title: 'Missing item separator',
    });
    const last = step.errors.at(-1)?.message ?? '';
    expect(last).toMatch(/^packer build failed: packer\/image.pkr.hcl line 10: Missing item separator/);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    expect(stageArtifacts(results.artifacts(run.runBackendId))).toEqual([]);
  });

  it('fails on an invalid JSON template with an annotation on the file', async () => {
    const run = newRun();
    const job = await run.job('image');
    await job.writeFile('image.json', '{\n  "builders": [{ "type": "null", }]\n}\n');
    const step = await job.step('packer-build', { with: { template: 'image.json' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors[0]?.properties).toMatchObject({ file: 'image.json', line: '2' });
    expect(step.errors.at(-1)?.message).toMatch(
      /^packer build failed: image.json line 2: Failed to parse template/,
    );
  });

  it('fails a build whose provisioner fails, naming the build', async () => {
    const run = newRun();
    const job = await run.job('image');
    await job.writeFile(
      'image.pkr.hcl',
      [
        'source "null" "failing" {',
        '  communicator = "none"',
        '}',
        'build {',
        '  sources = ["source.null.failing"]',
        '  provisioner "shell-local" {',
        '    inline = ["echo about to fail", "exit 3"]',
        '  }',
        '}',
      ].join('\n'),
    );
    const step = await job.step('packer-build', { with: { template: 'image.pkr.hcl' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((error) => error.properties['title'])).toContain(
      'Packer build null.failing failed',
    );
    expect(step.errors.at(-1)?.message).toMatch(
      /^packer build failed: null\.failing: Script exited with non-zero exit status: 3/,
    );
    expect(step.log).toContain('about to fail');
  });

  it.each([
    [{ template: 'packer/missing.pkr.hcl' }, /^Input "template" must name an existing file or directory/],
    [{ template: 'packer', vars: 'not a pair' }, /^Input "vars" line 1 must look like name=value/],
    [
      { template: 'packer', 'var-files': 'packer/nope.pkrvars.hcl' },
      /^Input "var-files" must list existing files/,
    ],
    [{ template: 'packer', 'skip-unchanged': 'yes' }, /^Input "skip-unchanged" must be true or false/],
    [{ template: 'packer', 'image-name': 'has spaces' }, /^Input "image-name" must be letters, digits/],
    [
      { template: 'packer', vars: 'undeclared=1\nalso_missing=2' },
      /^Input "vars" sets "undeclared", "also_missing", which the template does not declare/,
    ],
    [
      { template: 'packer', vars: 'image_name=x', 'image-name': 'y' },
      /^Input "vars" sets image_name and input "image-name" is given too/,
    ],
  ])('refuses bad inputs with one clear error: %j', async (given, message) => {
    const run = newRun();
    const job = await checkout(run, 'local');
    const step = await job.step('packer-build', { with: given });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toMatch(message);
    expect(step.rawLog).not.toMatch(/^\s+at /m);
  });

  it('blames the vars input, without showing the value, when Packer cannot read a value from it', async () => {
    const run = newRun();
    const job = await checkout(run, 'local');
    const step = await job.step('packer-build', {
      with: {
        template: 'packer/image.pkr.hcl',
        vars: 'greeting=s3cret-Greeting\nlayers=["base", s3cret-Layer',
      },
    });
    expect(step.exitCode).toBe(1);
    expect(step.errors.at(-1)?.message).toMatch(/^packer build failed: input "vars": Missing item separator/);
    expect(step.errors[0]?.message).toMatch(/^Input "vars": Missing item separator/);
    expect(step.errors[0]?.properties['file']).toBeUndefined();
    expect(step.rawLog).not.toContain('s3cret');
  });

  it('refuses an only or except that selects no build, listing the builds, before Packer runs', async () => {
    const run = newRun({ debug: true });
    const job = await checkout(run, 'local');
    const typo = await job.step('packer-build', {
      with: { template: 'packer/image.pkr.hcl', 'image-name': 'x', only: 'null.locl' },
    });
    expect(typo.exitCode).toBe(1);
    expect(typo.errors.map((error) => error.message)).toEqual([
      'Input "only" names "null.locl", which matches no build: the template\'s builds are "null.local" ' +
        '(a pattern matches the whole name, and may use * and ?).',
    ]);
    expect(typo.debug.filter((line) => line.startsWith('running packer'))).toEqual([]);
    expect(typo.rawLog).not.toMatch(/^\s+at /m);

    const everything = await job.step('packer-build', {
      with: { template: 'packer/image.pkr.hcl', 'image-name': 'x', except: 'null.*' },
    });
    expect(everything.exitCode).toBe(1);
    expect(everything.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(
        /^Input "except" leaves no build to run: the template's builds are "null\.local"/,
      ),
    ]);

    const json = await run.job('json');
    await cp(join(repoRoot, 'test', 'fixtures', 'packer', 'json'), join(json.workspace, 'packer'), {
      recursive: true,
    });
    // JSON templates match names exactly: Packer 1.6.6 builds nothing for -only=gold*.
    const glob = await json.step('packer-build', { with: { template: 'packer/image.json', only: 'gold*' } });
    expect(glob.errors.map((error) => error.message)).toEqual([
      'Input "only" names "gold*", which matches no build: the template\'s builds are "golden".',
    ]);
    expect(stageArtifacts(results.artifacts(run.runBackendId))).toEqual([]);

    // A pattern that matches builds what it matches.
    const good = await job.step('packer-build', {
      with: { template: 'packer/image.pkr.hcl', 'image-name': 'selected', only: 'null.*' },
    });
    expectSucceeded(good);
    expect(JSON.parse(good.outputs['artifacts'] ?? '')).toEqual([
      { build: 'null.local', id: 'Null', builderId: 'fnoeding.null', files: [] },
    ]);
  });

  it('refuses a directory that holds no template', async () => {
    const run = newRun();
    const job = await run.job('image');
    await job.writeFile('images/README.md', 'nothing here\n');
    const step = await job.step('packer-build', { with: { template: 'images' } });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]?.message).toMatch(/names the directory images, which holds no Packer template/);
  });
});
