import { z } from 'zod';
import { ConfigurationError, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { PolicyFinding } from '../contracts/manifest.js';

/**
 * conftest (Open Policy Agent's tool for structured data) run on a plan's JSON. Every way it can go wrong
 * is an error, never a pass: a policy that does not parse, a namespace without rules, zero rules
 * evaluated, output that is not what `--output json` promises. `--no-fail` makes its exit code say only
 * whether it ran: failures are read from the JSON, so a run that failed to load its policies (exit 1,
 * no JSON) cannot pass for a run that found failures.
 */

export interface ConftestRun {
  /** The conftest binary: found on PATH by the caller (the setup action installs it). */
  binary: string;
  /** The file to test: the plan's `show -json`. */
  input: string;
  policyDirs: readonly string[];
  dataFiles: readonly string[];
  namespace: string;
  /** How the policy directories are named in messages (relative to the workspace). */
  shownPolicies: string;
}

/** One finding as conftest prints it, with its rule and any fields the rule returned beside `msg`. */
export interface RawFinding extends PolicyFinding {
  metadata: Record<string, unknown>;
}

export interface ConftestOutcome {
  evaluated: number;
  failures: RawFinding[];
  warnings: RawFinding[];
}

// `conftest test --output json`: one entry per input file and namespace (https://www.conftest.dev/output).
const resultSchema = z.object({
  msg: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
const outputSchema = z.array(
  z.object({
    filename: z.string(),
    namespace: z.string(),
    successes: z.number().int().nonnegative(),
    failures: z.array(resultSchema).nullish(),
    warnings: z.array(resultSchema).nullish(),
    exceptions: z.array(resultSchema).nullish(),
  }),
);

export async function runConftest(run: ConftestRun, exec: Exec): Promise<ConftestOutcome> {
  const args = [
    'test',
    '--no-color',
    '--no-fail',
    '--output',
    'json',
    '--parser',
    'json',
    '--namespace',
    run.namespace,
    ...run.policyDirs.flatMap((dir) => ['--policy', dir]),
    ...run.dataFiles.flatMap((file) => ['--data', file]),
    run.input,
  ];
  const result = await exec(run.binary, args);
  if (result.exitCode !== 0) {
    throw new ConfigurationError(
      `Input "policy": conftest could not evaluate the policies in ${run.shownPolicies} (exit ${result.exitCode}): ${firstLines(result.stderr || result.stdout)}. A policy that does not load fails the check; fix it and plan again.`,
    );
  }
  let parsed: z.output<typeof outputSchema>;
  try {
    parsed = outputSchema.parse(JSON.parse(result.stdout) as unknown);
  } catch {
    throw new StepFailure(
      `conftest printed no result this step can read (expected --output json): ${firstLines(result.stdout)}. The policy check did not pass.`,
    );
  }
  const entries = parsed.filter((entry) => entry.namespace === run.namespace);
  const failures = entries.flatMap((e) => (e.failures ?? []).map((r) => finding(r, run.namespace)));
  const warnings = entries.flatMap((e) => (e.warnings ?? []).map((r) => finding(r, run.namespace)));
  const exceptions = entries.reduce((n, e) => n + (e.exceptions?.length ?? 0), 0);
  const evaluated =
    entries.reduce((n, e) => n + e.successes, 0) + failures.length + warnings.length + exceptions;
  if (evaluated === 0) {
    throw new ConfigurationError(
      `Input "policy-namespace": no rule of namespace "${run.namespace}" in ${run.shownPolicies} was evaluated, so nothing was checked (zero policies is not a pass). Give the package the policies declare (package ${run.namespace}) or the namespace they use, with deny, warn or violation rules.`,
    );
  }
  return { evaluated, failures, warnings };
}

/** `conftest --version`: "Conftest: 0.71.1" and OPA's version on the next lines. */
export async function conftestVersion(binary: string, exec: Exec): Promise<string> {
  const result = await exec(binary, ['--version']);
  const version = /Conftest:\s*v?(\S+)/i.exec(result.stdout)?.[1];
  if (result.exitCode !== 0 || !version) {
    throw new StepFailure(
      `${binary} --version did not say which conftest it is: ${firstLines(result.stdout)}`,
    );
  }
  return version;
}

/**
 * The rule from the query conftest ran (`data.terraform.deny_vm_size` → `deny_vm_size`); the message;
 * the address when the rule returned one beside `msg` (conftest passes such fields into the metadata).
 */
function finding(result: z.output<typeof resultSchema>, namespace: string): RawFinding {
  const metadata = { ...(result.metadata ?? {}) };
  const query = typeof metadata.query === 'string' ? metadata.query : '';
  const prefix = `data.${namespace}.`;
  const rule = query.startsWith(prefix) ? query.slice(prefix.length) : query || 'deny';
  const address = metadata.address;
  return {
    rule,
    message: result.msg,
    ...(typeof address === 'string' && address !== '' ? { address } : {}),
    metadata,
  };
}

function firstLines(text: string): string {
  const lines = text.trim().split('\n').slice(0, 3).join(' ').trim();
  return lines.length > 500 ? `${lines.slice(0, 500)}…` : lines || '(no output)';
}
