import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Exec } from '../../../src/core/exec.js';
import { TerraformCli, type LocatedTool, type Tool } from '../../../src/terraform/cli.js';
import { repoRoot, tofu } from '../../support/tools.js';
import { RecordingLogger } from '../../support/recording-logger.js';

/** Calls back with each complete line, and with the last one when the stream ends without a newline. */
function splitLines(stream: Readable | null, onLine?: (line: string) => void): void {
  if (!stream || !onLine) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

/**
 * A real Exec over execFile, as @actions/exec behaves: never rejects on an exit code, streams lines.
 * The environment is clean (PATH and a private HOME) so no CLI configuration of the machine leaks in.
 */
export function realExec(
  home: string,
  calls: Array<{ args: readonly string[]; env: Record<string, string> }> = [],
): Exec {
  return (command, args, options = {}) =>
    new Promise((resolve, reject) => {
      const env = { PATH: process.env.PATH ?? '', HOME: home, ...options.env };
      calls.push({ args, env });
      const child = execFile(
        command,
        [...args],
        { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = (error as { code?: unknown } | null)?.code;
          if (error && typeof code !== 'number') reject(error);
          else resolve({ exitCode: typeof code === 'number' ? code : 0, stdout, stderr });
        },
      );
      splitLines(child.stdout, options.onStdoutLine);
      splitLines(child.stderr, options.onStderrLine);
    });
}

export const TOFU_VERSION = '1.12.6';

export function realTool(): Tool {
  return { name: 'tofu', path: tofu(), version: TOFU_VERSION, major: 1, minor: 12 };
}

/** A temporary workspace with one working directory in it, and a TerraformCli over real tofu there. */
export interface Sandbox {
  root: string;
  workspace: string;
  cwd: string;
  relativeDir: string;
  logger: RecordingLogger;
  calls: Array<{ args: readonly string[]; env: Record<string, string> }>;
  cli: TerraformCli;
  /** Replaces main.tf in the working directory. */
  write(hcl: string, file?: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function sandbox(
  options: {
    fixture?: string;
    relativeDir?: string;
    env?: Record<string, string>;
    /** Default: realTool(), real tofu with its version known. */
    tool?: Tool | LocatedTool;
  } = {},
): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'tf-unit-'));
  const workspace = join(root, 'workspace');
  const relativeDir = options.relativeDir ?? 'infra';
  const cwd = join(workspace, relativeDir);
  await mkdir(cwd, { recursive: true });
  await mkdir(join(root, 'home'));
  if (options.fixture) {
    await cp(join(repoRoot, 'test', 'fixtures', 'terraform', options.fixture), cwd, { recursive: true });
  }
  const logger = new RecordingLogger();
  const calls: Sandbox['calls'] = [];
  const cli = new TerraformCli({
    tool: options.tool ?? realTool(),
    exec: realExec(join(root, 'home'), calls),
    logger,
    cwd,
    relativeDir,
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    root,
    workspace,
    cwd,
    relativeDir,
    logger,
    calls,
    cli,
    write: (hcl, file = 'main.tf') => writeFile(join(cwd, file), hcl),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
