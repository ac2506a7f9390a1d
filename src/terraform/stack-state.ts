import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendRecord } from '../contracts/manifest.js';
import { LOCK_FILE, toWorkspacePath } from '../contracts/manifest.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { backendRecord, refuseBackendCredentials } from './backend.js';
import { TerraformCli, type Tool } from './cli.js';

/**
 * Another stack's applied state, read the way its own plan and apply jobs reach it: its configuration's
 * backend with its backend-config, initialized into a data directory of our own under the runner's temp,
 * so the stack's directory gets no `.terraform` and this job's own stack is left as it was.
 */

/** Where a stack keeps its state: its configuration (absolute), workspace and backend-config lines. */
export interface StackLocation {
  stack: string;
  /** Absolute. */
  directory: string;
  workspace: string;
  backendConfig: readonly string[];
}

export interface StackOutputValue {
  value: unknown;
  sensitive: boolean;
}

export interface AppliedState {
  lineage: string;
  serial: number;
  outputs: Record<string, StackOutputValue>;
  /** Managed resource instances: what a destroy would delete. */
  resources: number;
}

export interface StackState {
  stack: string;
  backend: BackendRecord;
  /** Absent when the stack was never applied (or its state was emptied by a destroy's `state rm`). */
  state?: AppliedState;
}

export interface StackStateDependencies {
  tool: Tool;
  exec: Exec;
  logger: Logger;
  /** The workspace root, for the directory as messages name it. */
  workspace: string;
  /** Where the data directories go (the runner's temp). */
  scratch: string;
}

export async function readStackState(
  location: StackLocation,
  deps: StackStateDependencies,
): Promise<StackState> {
  const dataDir = await mkdtemp(join(deps.scratch, `iac-state-${location.stack}-`));
  const lockFile = join(location.directory, LOCK_FILE);
  const hadLockFile = existsSync(lockFile);
  const cli = new TerraformCli({
    tool: deps.tool,
    exec: deps.exec,
    logger: deps.logger,
    cwd: location.directory,
    relativeDir: toWorkspacePath(deps.workspace, location.directory),
    env: { TF_DATA_DIR: dataDir },
  });
  try {
    const backend = await deps.logger.group(`${deps.tool.name} init (state of ${location.stack})`, () =>
      cli.init({ backendConfig: location.backendConfig, lockfileReadonly: hadLockFile }),
    );
    if (backend) refuseBackendCredentials(backend);
    const pulled = await cli.statePull(
      location.workspace !== 'default' ? { workspace: location.workspace } : {},
    );
    return {
      stack: location.stack,
      backend: backendRecord(backend),
      ...(pulled ? { state: appliedState(pulled) } : {}),
    };
  } finally {
    // init writes a lock file beside a configuration that has none: not ours to leave in the checkout.
    if (!hadLockFile) await rm(lockFile, { force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The parts of a state document (format version 4) that stack inputs and destroy checks read. */
export function appliedState(document: Record<string, unknown>): AppliedState {
  const outputs: Record<string, StackOutputValue> = {};
  const raw = document.outputs;
  if (raw && typeof raw === 'object') {
    for (const [name, entry] of Object.entries(
      raw as Record<string, { value?: unknown; sensitive?: unknown }>,
    )) {
      outputs[name] = { value: entry.value, sensitive: entry.sensitive === true };
    }
  }
  const resources = Array.isArray(document.resources)
    ? (document.resources as Array<{ mode?: unknown; instances?: unknown }>)
        .filter((r) => r.mode === 'managed')
        .reduce((sum, r) => sum + (Array.isArray(r.instances) ? r.instances.length : 0), 0)
    : 0;
  return {
    lineage: typeof document.lineage === 'string' ? document.lineage : '',
    serial: typeof document.serial === 'number' ? document.serial : 0,
    outputs,
    resources,
  };
}
