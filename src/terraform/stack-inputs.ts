import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BackendRecord, PlanManifest, StackInputRecord } from '../contracts/manifest.js';
import { toWorkspacePath } from '../contracts/manifest.js';
import type { StackInputSource } from '../contracts/stacks.js';
import { ConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { describeBackend } from './backend.js';
import type { Tool } from './cli.js';
import { readDeclarations, type Declarations } from './configuration.js';
import { secretForms } from './outputs.js';
import { placeholderFor } from './placeholder.js';
import { readStackState, type StackState } from './stack-state.js';

/**
 * A stack's inputs: variables given the outputs of the stacks it depends on, read from what those
 * stacks have applied (their state), never from a mock. The plan records, per input, the upstream's
 * state lineage and serial and the sha256 of the value, inside the plan digest; tf-apply reads the
 * states again and refuses when a value moved. A stack planned before its upstream was ever applied
 * gets a placeholder and a provisional bundle, which nothing approves or applies.
 */

export interface StackInputsDependencies {
  tool: Tool;
  exec: Exec;
  logger: Logger;
  /** The workspace root: the sources' directories are relative to it. */
  workspace: string;
  /** The runner's temp, for the upstreams' data directories. */
  scratch: string;
}

/** What a plan receives: the records for its manifest, and the values for the tool. */
export interface ReceivedInputs {
  records: StackInputRecord[];
  /** By variable: the upstream's value, or the placeholder of one not applied yet. */
  values: Record<string, unknown>;
  /** The upstream stacks never applied, whose inputs are placeholders: the plan is provisional. */
  pending: string[];
}

export interface ReceivingStack {
  stack: string;
  /** Absolute. */
  directory: string;
  /** The variables given by `vars`, which an input may not give a second time. */
  varNames: readonly string[];
  /** Whether the bundle is sealed: a sensitive input may only travel in a sealed one. */
  sealed: boolean;
}

/** What a plan shows for an input whose stack was never applied. */
export function pendingValue(stack: string): string {
  return `(known after ${stack} is applied)`;
}

/**
 * Reads the inputs of a stack about to be planned. Everything that can be refused from the configurations
 * alone (an input on an undeclared variable or output, a secret into a variable the tool would print, a
 * secret into an unsealed bundle) is refused before any state is read.
 */
export async function receiveStackInputs(
  sources: readonly StackInputSource[],
  receiving: ReceivingStack,
  deps: StackInputsDependencies,
): Promise<ReceivedInputs> {
  if (sources.length === 0) return { records: [], values: {}, pending: [] };
  const twice = sources.find((s) => receiving.varNames.includes(s.variable));
  if (twice) {
    throw new ConfigurationError(
      `Input "vars" sets ${twice.variable}, which stack ${receiving.stack} receives from ${twice.stack}'s output ${twice.output} (stack-inputs): give it one way only.`,
    );
  }
  const upstreams = uniqueStacks(sources);
  const { own, declared } = await declaredInputs(sources, receiving, deps.workspace);

  const states = new Map(
    (await Promise.all(upstreams.map((s) => readStackState(locationOf(s, deps), deps)))).map((state) => [
      state.stack,
      state,
    ]),
  );
  const records: StackInputRecord[] = [];
  const values: Record<string, unknown> = {};
  const pending = new Map<string, string[]>();
  for (const source of sources) {
    const read = states.get(source.stack) as StackState;
    const output = read.state?.outputs[source.output];
    const sensitive =
      output?.sensitive === true ||
      (declared.get(source.stack)?.outputs.get(source.output)?.sensitive ?? false);
    if (sensitive) refuseExposedSecret(source, receiving, own);
    const record: StackInputRecord = {
      variable: source.variable,
      stack: source.stack,
      output: source.output,
      sensitive,
      workingDirectory: source.directory,
      workspace: source.workspace ?? 'default',
      backend: read.backend,
    };
    if (read.state && output) {
      // Masked before anything can print it: the tool's plan output, a diff, an error message.
      if (sensitive) for (const form of secretForms(output.value)) deps.logger.mask(form);
      record.state = { lineage: read.state.lineage, serial: read.state.serial };
      record.sha256 = valueDigest(output.value);
      values[source.variable] = output.value;
      deps.logger.info(
        `Input ${source.variable} ← ${source.stack}.${source.output} (state serial ${read.state.serial}, sha256 ${record.sha256.slice(0, 12)})`,
      );
    } else {
      pending.set(source.stack, [...(pending.get(source.stack) ?? []), source.variable]);
      values[source.variable] = placeholderFor(
        own.variables.get(source.variable)?.type,
        pendingValue(source.stack),
      );
    }
    records.push(record);
  }
  for (const [stack, variables] of pending) {
    deps.logger.warning(
      `${stack} has not applied ${variables.length === 1 ? 'the output' : 'the outputs'} ${receiving.stack} reads yet: ${listOf(variables)} ${variables.length === 1 ? 'is a placeholder' : 'are placeholders'}, and this plan is provisional (it cannot be approved or applied).`,
      { title: `Provisional plan for ${receiving.stack}` },
    );
  }
  return { records, values, pending: [...pending.keys()] };
}

/**
 * Refuses, from the configurations alone, an input on a variable the stack does not declare or on an
 * output its upstream does not declare; resolves to what both declare.
 */
export async function declaredInputs(
  sources: readonly StackInputSource[],
  receiving: Pick<ReceivingStack, 'stack' | 'directory'>,
  workspace: string,
): Promise<{ own: Declarations; declared: Map<string, Declarations> }> {
  const upstreams = uniqueStacks(sources);
  const [own, ...theirs] = await Promise.all([
    readDeclarations(receiving.directory, toWorkspacePath(workspace, receiving.directory)),
    ...upstreams.map((s) => readDeclarations(join(workspace, s.directory), s.directory)),
  ]);
  const declared = new Map(upstreams.map((s, i) => [s.stack, theirs[i] as Declarations]));
  for (const source of sources) {
    refuseUndeclared(source, receiving, own as Declarations, declared.get(source.stack) as Declarations);
  }
  return { own: own as Declarations, declared };
}

/**
 * tf-apply's check: refuses a provisional bundle, and one whose inputs moved since the plan. An upstream
 * state that moved on (another serial) with the same value is fine: the plan is still what it was.
 */
export async function recheckStackInputs(
  manifest: PlanManifest,
  sources: readonly StackInputSource[],
  deps: StackInputsDependencies,
): Promise<void> {
  const records = manifest.inputs ?? [];
  if (manifest.provisional) {
    const pending = [...new Set(records.filter((r) => !r.state).map((r) => r.stack))];
    const inputs = records.filter((r) => !r.state).map((r) => r.variable);
    throw new ConfigurationError(
      `The plan of ${manifest.stack} is provisional: it was made before ${listOf(pending)} ${pending.length === 1 ? 'was' : 'were'} applied, so ${listOf(inputs)} had no value yet. ` +
        `Apply ${listOf(pending)}, then plan ${manifest.stack} again. Nothing was applied.`,
    );
  }
  if (records.length === 0) return;
  const byVariable = new Map(sources.map((s) => [s.variable, s]));
  const missing = records.filter((r) => !byVariable.has(r.variable));
  if (missing.length > 0) {
    throw new ConfigurationError(
      `Input "stack-inputs" must name where ${listOf(missing.map((r) => r.variable))} come${missing.length === 1 ? 's' : ''} from: the plan received ${missing.length === 1 ? 'it' : 'them'} from ${listOf([...new Set(missing.map((r) => r.stack))])}, and tf-apply reads their state again before applying. Give tf-apply the stack-inputs tf-plan had. Nothing was applied.`,
    );
  }
  for (const record of records) {
    const source = byVariable.get(record.variable) as StackInputSource;
    if (
      source.stack !== record.stack ||
      source.output !== record.output ||
      source.directory !== record.workingDirectory ||
      (source.workspace ?? 'default') !== record.workspace
    ) {
      throw new ConfigurationError(
        `Input "stack-inputs" gives ${record.variable} from ${source.stack}.${source.output} (${source.directory}), but the plan received it from ${record.stack}.${record.output} (${record.workingDirectory}): give tf-apply the stack-inputs tf-plan had. Nothing was applied.`,
      );
    }
  }
  const upstreams = uniqueStacks(records.map((r) => byVariable.get(r.variable) as StackInputSource));
  const states = new Map(
    (await Promise.all(upstreams.map((s) => readStackState(locationOf(s, deps), deps)))).map((state) => [
      state.stack,
      state,
    ]),
  );
  for (const record of records) {
    const now = states.get(record.stack) as StackState;
    refuseOtherUpstreamBackend(record, now.backend);
    const then = record.state;
    if (!then) continue;
    if (now.state?.lineage === then.lineage && now.state.serial === then.serial) continue;
    const output = now.state?.outputs[record.output];
    if (!output || valueDigest(output.value) !== record.sha256) {
      const was = `serial ${then.serial} then, ${now.state ? `serial ${now.state.serial}${now.state.lineage !== then.lineage ? ' of another lineage' : ''}` : 'no state'} now`;
      throw new ConfigurationError(
        `${record.stack}'s ${record.output} changed since this plan: plan again. ${manifest.stack}'s ${record.variable} was planned with the value ${record.stack} had applied then (${was}), and applying it would use a value nobody approved. Nothing was applied.`,
      );
    }
    deps.logger.info(
      `${record.stack} was applied again since this plan (serial ${then.serial} → ${now.state?.serial ?? '?'}), but its ${record.output} is the same: ${record.variable} is as approved.`,
    );
  }
}

/** The sha256 of a value's canonical JSON (object keys sorted at every depth), lowercase hex. */
export function valueDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * JSON with object keys sorted at every depth: the same value read from two states gives the same text,
 * whatever order the tool wrote its keys in. (Both readings parse the tool's JSON with JSON.parse, so
 * numbers and strings come out the same way.)
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function refuseUndeclared(
  source: StackInputSource,
  receiving: Pick<ReceivingStack, 'stack'>,
  own: Declarations,
  theirs: Declarations,
): void {
  if (!own.variables.has(source.variable)) {
    throw new ConfigurationError(
      `Stack ${receiving.stack}'s input ${source.variable} reads ${source.stack}'s output ${source.output}, but ${receiving.stack}'s configuration declares no variable ${source.variable}: declare it, or fix the stack's inputs. Nothing was planned.`,
    );
  }
  if (!theirs.outputs.has(source.output)) {
    const offered = [...theirs.outputs.keys()];
    throw new ConfigurationError(
      `Stack ${receiving.stack}'s input ${source.variable} reads output ${source.output} of stack ${source.stack}, which ${source.stack}'s configuration (${source.directory}) does not declare${offered.length > 0 ? ` (it declares ${offered.join(', ')})` : ' (it declares no output)'}. Nothing was planned.`,
    );
  }
}

function refuseExposedSecret(source: StackInputSource, receiving: ReceivingStack, own: Declarations): void {
  if (!own.variables.get(source.variable)?.sensitive) {
    throw new ConfigurationError(
      `${source.stack}'s output ${source.output} is sensitive, but ${receiving.stack}'s variable ${source.variable} is not: declare it with \`sensitive = true\`, so that the plan never shows the value. Nothing was planned.`,
    );
  }
  if (!receiving.sealed) {
    throw new ConfigurationError(
      `${source.stack}'s output ${source.output} is sensitive, and the plan bundle of ${receiving.stack} would carry it in the clear (the planfile holds every variable's value): give encryption-key to seal the bundle. Nothing was planned.`,
    );
  }
}

function refuseOtherUpstreamBackend(record: StackInputRecord, now: BackendRecord): void {
  const fields = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'] as const;
  if (fields.every((field) => (record.backend[field] ?? '') === (now[field] ?? ''))) return;
  throw new ConfigurationError(
    `The plan read ${record.variable} from ${record.stack}'s state in ${describeBackend(record.backend)}, but stack-inputs now point at ${describeBackend(now)}: give tf-apply the stack-inputs tf-plan had. Nothing was applied.`,
  );
}

function uniqueStacks(sources: readonly StackInputSource[]): StackInputSource[] {
  const byStack = new Map<string, StackInputSource>();
  for (const source of sources) if (!byStack.has(source.stack)) byStack.set(source.stack, source);
  return [...byStack.values()];
}

function locationOf(source: StackInputSource, deps: StackInputsDependencies) {
  return {
    stack: source.stack,
    directory: join(deps.workspace, source.directory),
    workspace: source.workspace ?? 'default',
    backendConfig: (source['backend-config'] ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  };
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
