import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { Exec, ExecOptions } from '../../../src/core/exec.js';
import {
  hasInit,
  PackerCli,
  PackerFailure,
  PackerTemplateError,
  resolvePacker,
  versionOf,
} from '../../../src/packer/cli.js';
import { RecordingLogger } from '../../support/recording-logger.js';

let bin: string;
beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'packer-bin-'));
  await writeFile(join(bin, 'packer'), '#!/bin/sh\nexit 0\n');
  await chmod(join(bin, 'packer'), 0o755);
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

interface Call {
  command: string;
  args: readonly string[];
  options: ExecOptions | undefined;
}

/** An Exec that answers each command with the given lines, streamed through the callbacks. */
function fakeExec(
  answer: (args: readonly string[]) => { exitCode?: number; stdout?: string[]; stderr?: string[] },
) {
  const calls: Call[] = [];
  const exec: Exec = async (command, args, options) => {
    calls.push({ command, args, options });
    const { exitCode = 0, stdout = [], stderr = [] } = answer(args);
    for (const line of stdout) options?.onStdoutLine?.(line);
    for (const line of stderr) options?.onStderrLine?.(line);
    return { exitCode, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  };
  return { exec, calls };
}

describe('resolvePacker', () => {
  it('finds packer on PATH and reads its version from the machine-readable records', async () => {
    const { exec, calls } = fakeExec(() => ({
      stdout: [
        '1,,version,1.11.2',
        '1,,version-prelease,',
        '1,,version-commit,abc',
        '1,,ui,say,Packer v1.11.2',
      ],
    }));
    const tool = await resolvePacker(exec, `/nonexistent:${bin}`);
    expect(tool).toEqual({ path: join(bin, 'packer'), version: '1.11.2', major: 1, minor: 11 });
    expect(calls[0]?.args).toEqual(['version', '-machine-readable']);
    expect(calls[0]?.options?.env).toEqual({ CHECKPOINT_DISABLE: '1' });
  });

  it('says to run setup when packer is missing, and what went wrong when it cannot tell its version', async () => {
    const { exec } = fakeExec(() => ({ exitCode: 1, stderr: ['boom'] }));
    await expect(resolvePacker(exec, '/nonexistent')).rejects.toThrow(
      /^packer is not on PATH\. Run the setup action/,
    );
    await expect(resolvePacker(exec, bin)).rejects.toThrow(ConfigurationError);
    await expect(resolvePacker(exec, bin)).rejects.toThrow(
      /did not report its version \(`packer version` exited 1: boom\)/,
    );
  });

  it('reads the plain version line too, and knows which versions have init', () => {
    expect(versionOf('Packer v1.6.6\n')).toBe('1.6.6');
    expect(versionOf('1,,version,v1.9.4\n')).toBe('1.9.4');
    expect(versionOf('nothing')).toBeUndefined();
    expect(hasInit({ major: 1, minor: 6 })).toBe(false);
    expect(hasInit({ major: 1, minor: 7 })).toBe(true);
    expect(hasInit({ major: 2, minor: 0 })).toBe(true);
  });
});

const tool = { path: '/usr/bin/packer', version: '1.11.2', major: 1, minor: 11 };
const place = { cwd: '/w/images', relativeDir: 'images', templateFile: 'images/golden.pkr.hcl' };

function cli(answer: Parameters<typeof fakeExec>[0]) {
  const logger = new RecordingLogger();
  const { exec, calls } = fakeExec(answer);
  return { packer: new PackerCli({ tool, exec, logger, place, template: 'golden.pkr.hcl' }), calls, logger };
}

describe('PackerCli', () => {
  it('runs init, validate and build machine-readable in the working directory, with var files and filters', async () => {
    const { packer, calls } = cli((args) =>
      args.includes('build')
        ? {
            stdout: [
              '1,null.a,artifact,0,builder-id,fnoeding.null',
              '1,null.a,artifact,0,id,Null',
              '1,null.a,artifact,0,end',
            ],
          }
        : {},
    );
    const args = {
      varFiles: ['/w/prod.pkrvars.hcl', '/tmp/v/variables.pkrvars.hcl'],
      only: ['null.a', 'null.b'],
      except: [],
    };
    await packer.init();
    await packer.validate(args);
    const built = await packer.build(args);
    expect(calls.map((call) => call.args)).toEqual([
      ['-machine-readable', 'init', 'golden.pkr.hcl'],
      [
        '-machine-readable',
        'validate',
        '-var-file=/w/prod.pkrvars.hcl',
        '-var-file=/tmp/v/variables.pkrvars.hcl',
        '-only=null.a,null.b',
        'golden.pkr.hcl',
      ],
      [
        '-machine-readable',
        'build',
        '-var-file=/w/prod.pkrvars.hcl',
        '-var-file=/tmp/v/variables.pkrvars.hcl',
        '-only=null.a,null.b',
        'golden.pkr.hcl',
      ],
    ]);
    for (const call of calls) {
      expect(call.command).toBe('/usr/bin/packer');
      expect(call.options).toMatchObject({ cwd: '/w/images', env: { CHECKPOINT_DISABLE: '1' } });
    }
    expect(built.artifacts).toEqual([
      { build: 'null.a', index: 0, id: 'Null', builderId: 'fnoeding.null', files: [], nil: false },
    ]);
  });

  it('fails validate on the template with a ConfigurationError that names the file and line', async () => {
    const { packer } = cli(() => ({
      exitCode: 1,
      stdout: [
        '1,,ui,error,Error: Missing item separator\\n\\n  on golden.pkr.hcl line 8%!(PACKER_COMMA) in build:\\n   8:   }\\n\\nExpected a comma.\\n\\nError: Unsupported argument\\n\\n  on golden.pkr.hcl line 3:\\n\\nAn argument named "foo" is not expected here.\\n',
      ],
    }));
    const error = await packer.validate({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerTemplateError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'packer validate failed: images/golden.pkr.hcl line 8: Missing item separator (Expected a comma.); ' +
        'images/golden.pkr.hcl line 3: Unsupported argument (An argument named "foo" is not expected here.)',
    );
  });

  it('fails a build that stopped on the template before any build as a template error', async () => {
    const { packer } = cli(() => ({
      exitCode: 1,
      stdout: [
        '1,,ui,error,Error: Missing item separator\\n\\n  on golden.pkr.hcl line 8%!(PACKER_COMMA) in build:\\n   8:   }\\n\\nExpected a comma.\\n',
      ],
    }));
    const error = await packer.build({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerTemplateError);
    expect((error as Error).message).toBe(
      'packer build failed: images/golden.pkr.hcl line 8: Missing item separator (Expected a comma.)',
    );
    // Once a build has started, an error is the build's, not the template's.
    const { packer: started } = cli(() => ({
      exitCode: 1,
      stdout: [
        '1,null.a,ui,say,null.a: output will be in this color.',
        '1,,ui,error,Error: Missing item separator\\n\\n  on golden.pkr.hcl line 8%!(PACKER_COMMA) in build:\\n   8:   }\\n\\nExpected a comma.\\n',
      ],
    }));
    const late = await started.build({}).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(PackerFailure);
    expect(late).not.toBeInstanceOf(ConfigurationError);
  });

  it('fails a build as a step failure that names the failed builds', async () => {
    const { packer } = cli(() => ({
      exitCode: 1,
      stdout: [
        '1,null.a,error,Script exited with non-zero exit status: 3',
        '1,null.b,error,Timeout waiting for SSH.',
        '1,null.c,error,third',
        '1,null.d,error,fourth',
      ],
    }));
    const error = await packer.build({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackerFailure);
    expect(error).not.toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'packer build failed: null.a: Script exited with non-zero exit status: 3; null.b: Timeout waiting for SSH.; ' +
        'null.c: third; and 1 more, annotated above',
    );
  });

  it('explains a failure without any message by the end of stderr', async () => {
    const { packer } = cli(() => ({
      exitCode: 2,
      stderr: ['panic: runtime error', 'goroutine 1 [running]:'],
    }));
    await expect(packer.init()).rejects.toThrow(
      'packer init failed with exit code 2 and no error message:\npanic: runtime error\ngoroutine 1 [running]:',
    );
    const quiet = cli(() => ({ exitCode: 1 }));
    await expect(quiet.packer.build({})).rejects.toThrow(
      'packer build failed with exit code 1 and no error message; see the log above',
    );
  });
});
