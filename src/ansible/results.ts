import { isAbsolute, relative, sep } from 'node:path';
import { z } from 'zod';
import { contractReader, producerSchema } from '../contracts/manifest.js';

/**
 * results.json of the `<prefix>-ansible-<stack>` artifact: what ansible-configure did, for the report
 * action and for people. Self-describing (`schema: iac/ansible-results@1`) and read back with the same
 * contract reader as every manifest, so a reader refuses another major version by name.
 */
export const RESULTS_FILE = 'results.json';
export const LOG_FILE = 'ansible.log';
export const ANSIBLE_RESULTS_KIND = 'iac/ansible-results';
export const ANSIBLE_RESULTS_MAJOR = 1;
export const ANSIBLE_RESULTS_SCHEMA = `${ANSIBLE_RESULTS_KIND}@${ANSIBLE_RESULTS_MAJOR}` as const;

const count = z.number().int().nonnegative();
const hostRecapSchema = z.object({
  ok: count,
  changed: count,
  unreachable: count,
  failed: count,
  skipped: count,
  rescued: count,
  ignored: count,
});
const taskRefSchema = z.object({ host: z.string(), task: z.string(), play: z.string(), path: z.string() });

export const ansibleResultsSchema = z.object({
  schema: z.literal(ANSIBLE_RESULTS_SCHEMA),
  producer: producerSchema,
  stack: z.string(),
  /** Relative to the workspace when inside it. */
  playbook: z.string(),
  inventory: z.string(),
  commit: z.string(),
  ref: z.string(),
  runId: z.number().int(),
  runAttempt: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  ansibleVersion: z.string().optional(),
  check: z.boolean(),
  diff: z.boolean(),
  limit: z.string().optional(),
  tags: z.array(z.string()),
  exitCode: z.number().int(),
  durationSeconds: z.number().nonnegative(),
  /** Seconds per phase: prepare (inventory, secrets, callbacks), wait, playbook, facts. */
  timings: z.record(z.string(), z.number().nonnegative()),
  recap: z.record(z.string(), hostRecapSchema),
  /** Any host changed; in check mode, would change. */
  changed: z.boolean(),
  failedHosts: z.array(z.string()),
  unreachableHosts: z.array(z.string()),
  failures: z.array(
    taskRefSchema.extend({ message: z.string(), stderr: z.string().optional(), rc: z.number().optional() }),
  ),
  changes: z.array(taskRefSchema.extend({ diff: z.string().optional() })),
  unreachable: z.record(z.string(), z.string()),
  facts: z.record(
    z.string(),
    z.object({
      os: z.string().optional(),
      family: z.string().optional(),
      kernel: z.string().optional(),
      architecture: z.string().optional(),
      python: z.string().optional(),
    }),
  ),
  /** The wait before the playbook: whether each host answered within connection-timeout. */
  waited: z.record(z.string(), z.object({ answered: z.boolean(), message: z.string().optional() })),
  unmatchedPlays: z.array(z.object({ play: z.string(), pattern: z.string() })),
});

export type AnsibleResults = z.output<typeof ansibleResultsSchema>;

export const readAnsibleResults = contractReader(ansibleResultsSchema, 'report', RESULTS_FILE);

/**
 * A task's `file:line` (absolute, as Ansible gives it) relative to the workspace, so that an
 * annotation links to the file; a role installed elsewhere keeps its absolute path.
 */
export function workspaceTaskPath(path: string, workspace: string): string {
  const match = /^(.*?)(:\d+)?$/.exec(path);
  const file = match?.[1] ?? path;
  const line = match?.[2] ?? '';
  if (!isAbsolute(file)) return path;
  const inside = relative(workspace, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return path;
  return `${inside.split(sep).join('/')}${line}`;
}

/** `{file, line}` of a workspace-relative task path, for an annotation; nothing for one outside. */
export function annotationPlace(path: string): { file: string; startLine?: number } | undefined {
  if (path === '' || isAbsolute(path)) return undefined;
  const match = /^(.*):(\d+)$/.exec(path);
  if (!match?.[1]) return { file: path };
  return { file: match[1], startLine: Number(match[2]) };
}
