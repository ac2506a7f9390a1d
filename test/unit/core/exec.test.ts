import { describe, expect, it } from '@jest/globals';
import { childProcessExec, LineSplitter, runnerExec } from '../../../src/core/exec.js';

/** Runs a Node script as the tool: the same binary the tests run on, so nothing else must be installed. */
function node(script: string, options: Parameters<typeof runnerExec>[2] = {}, exec = runnerExec) {
  return exec(process.execPath, ['-e', script], options);
}

describe('LineSplitter', () => {
  it('gives each line once, whatever the chunks, with a multibyte character split between two', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('one\r\ntwo ü\nthree\n\nlast');
    const cut = bytes.indexOf(Buffer.from('ü')) + 1; // inside the two bytes of ü
    for (const chunk of [bytes.subarray(0, 2), bytes.subarray(2, cut), bytes.subarray(cut)])
      splitter.push(chunk);
    splitter.end();
    expect(lines).toEqual(['one', 'two ü', 'three', '', 'last']);
  });

  it('reads a line of 64 MB in 64 KB chunks in linear time', () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const lines: number[] = [];
    const splitter = new LineSplitter((line) => lines.push(line.length));
    const started = performance.now();
    for (let i = 0; i < 1024; i += 1) splitter.push(chunk);
    splitter.push(Buffer.from('\n'));
    splitter.end();
    expect(lines).toEqual([64 * 1024 * 1024]);
    // @actions/exec's line buffer takes minutes on this; a linear split takes well under a second.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('runnerExec', () => {
  it('returns the exit code, both outputs whole, and streams their lines', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const result = await node(
      "process.stdout.write('a\\nb'); process.stderr.write('warn\\n'); process.exitCode = 3",
      { onStdoutLine: (line) => out.push(line), onStderrLine: (line) => err.push(line) },
    );
    expect(result).toEqual({ exitCode: 3, stdout: 'a\nb', stderr: 'warn\n' });
    expect(out).toEqual(['a', 'b']);
    expect(err).toEqual(['warn']);
  });

  it('passes arguments as they are, without a shell, in the directory and environment given', async () => {
    const result = await runnerExec(
      process.execPath,
      [
        '-e',
        'console.log(JSON.stringify([process.argv.slice(1), process.cwd(), process.env.EXEC_TEST]))',
        '$(id)',
        'a b;c',
      ],
      { cwd: '/', env: { EXEC_TEST: 'value' } },
    );
    expect(JSON.parse(result.stdout)).toEqual([['$(id)', 'a b;c'], '/', 'value']);
  });

  it('captures an output of 32 MB on one line', async () => {
    const result = await node("process.stdout.write('y'.repeat(32 * 1024 * 1024))");
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(32 * 1024 * 1024);
  });

  it('reports a tool killed by a signal as 128 + the signal', async () => {
    const result = await node("process.kill(process.pid, 'SIGTERM')");
    expect(result.exitCode).toBe(143);
  });

  it('rejects when the tool cannot be started', async () => {
    await expect(runnerExec('/nonexistent/tool', [])).rejects.toThrow(
      /^could not run \/nonexistent\/tool: .*ENOENT/,
    );
  });

  it('returns once the tool has exited even when a process it started keeps the output open', async () => {
    const exec = childProcessExec({ outputGraceMs: 200 });
    const started = performance.now();
    const result = await node(
      "const { spawn } = require('node:child_process');" +
        "spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'inherit' }).unref();" +
        "console.log('parent done')",
      {},
      exec,
    );
    expect(result).toMatchObject({ exitCode: 0, stdout: 'parent done\n' });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
