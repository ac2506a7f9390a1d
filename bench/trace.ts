// Where an action's time goes, seen from outside: a shim for each tool (tofu, packer, ansible-playbook, …),
// put first on the step's PATH, runs the real binary and records when each call started and ended and its
// first argument. Nothing in the suite changes. The shims cost a few milliseconds a call, so a bench uses
// them only in an extra traced run, never in the runs it measures.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolsBinDir } from '../test/support/tools.ts';

export interface ToolCall {
  tool: string;
  /** The first argument that is not a flag: `plan`, `show`, `build`. */
  command: string;
  /** Milliseconds since the epoch, as Date.now(). */
  start: number;
  end: number;
}

export interface Tracer {
  /** The PATH to give a step (or a process): the shims first, then what the harness would give. */
  path: string;
  calls(): ToolCall[];
  reset(): void;
  close(): void;
}

/** The real binary a name resolves to on the harness's PATH (toolsBinDir first, as the harness puts it). */
function resolveTool(name: string): string {
  const path = `${toolsBinDir()}:${process.env.PATH ?? ''}`;
  return execFileSync('sh', ['-c', `command -v ${name}`], { env: { PATH: path }, encoding: 'utf8' }).trim();
}

export function traceTools(names: readonly string[]): Tracer {
  const dir = mkdtempSync(join(tmpdir(), 'bench-trace-'));
  const log = join(dir, 'calls.log');
  for (const name of names) {
    const real = resolveTool(name);
    const shim = join(dir, name);
    // date +%s%N: nanoseconds; the first non-flag argument names the subcommand.
    writeFileSync(
      shim,
      `#!/bin/sh
s=$(date +%s%N)
"${real}" "$@"
rc=$?
e=$(date +%s%N)
c=""
for a in "$@"; do case "$a" in -*) ;; *) c="$a"; break ;; esac; done
printf '%s %s %s %s\\n' "$s" "$e" "${name}" "$c" >> "${log}"
exit $rc
`,
    );
    chmodSync(shim, 0o755);
  }
  return {
    path: `${dir}:${toolsBinDir()}:${process.env.PATH ?? ''}`,
    calls() {
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [start = '0', end = '0', tool = '', command = ''] = line.split(' ');
          return { tool, command, start: Number(start) / 1e6, end: Number(end) / 1e6 };
        })
        .sort((a, b) => a.start - b.start);
    },
    reset() {
      rmSync(log, { force: true });
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The lines of a step's timeline: from the step's start (Date.now() before it), each tool call and the
 * time in the action's own code before it, and the tail after the last call (outputs, summary, uploads).
 */
export function timeline(started: number, ended: number, calls: readonly ToolCall[]): string[] {
  const lines: string[] = [];
  let cursor = started;
  let own = 0;
  let tools = 0;
  for (const call of calls) {
    const gap = call.start - cursor;
    if (gap > 0) own += gap;
    tools += call.end - call.start;
    lines.push(
      `    +${((call.start - started) / 1000).toFixed(2)} s  ${`${call.tool} ${call.command}`.padEnd(26)} ${((call.end - call.start) / 1000).toFixed(2)} s   (action code before it ${(Math.max(0, gap) / 1000).toFixed(2)} s)`,
    );
    cursor = Math.max(cursor, call.end);
  }
  const tail = ended - cursor;
  own += Math.max(0, tail);
  lines.push(
    `    tail after the last tool call (outputs, summary, artifact upload): ${(tail / 1000).toFixed(2)} s`,
  );
  lines.push(
    `    in all: tools ${(tools / 1000).toFixed(2)} s, the action's own time ${(own / 1000).toFixed(2)} s, step ${((ended - started) / 1000).toFixed(2)} s`,
  );
  return lines;
}
