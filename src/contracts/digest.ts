import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type {
  BackendRecord,
  PolicyFinding,
  PolicyResult,
  ReleaseBinding,
  StackInputRecord,
  ToolName,
} from './manifest.js';

export interface PlanDigestInput {
  /** The planfile's bytes (`tfplan`). */
  planfile: Buffer;
  /** `.terraform.lock.hcl`'s bytes, when the bundle holds one. */
  lockFile?: Buffer | undefined;
  stack: string;
  /** POSIX, relative to the workspace, '.' for the workspace itself (as in the manifest). */
  workingDirectory: string;
  workspace: string;
  toolName: ToolName;
  toolMajor: number;
  /** Where the state lives, as the manifest records it; absent in bundles made before it was recorded. */
  backend?: BackendRecord | undefined;
  /** The release a promotion or rollback deploys again, as the manifest records it. */
  source?: ReleaseBinding | undefined;
  /** The variables given other stacks' outputs, as the manifest records them. */
  inputs?: readonly StackInputRecord[] | undefined;
  provisional?: boolean | undefined;
  destroy?: boolean | undefined;
  /** The policy check, as the manifest records it. */
  policy?: PolicyResult | undefined;
}

/** Names this construction; a different construction would take another label (and schema major). */
export const PLAN_DIGEST_LABEL = 'iac/plan-digest@1';

/**
 * The plan digest: what an approval names and what tf-apply checks before it applies. It is a
 * contract, so the construction is fixed and written down here:
 *
 *   planDigest = "sha256:" + lowercase hex of SHA-256( frame(label) ‖ frame(header) ‖ frame(planfile) ‖ frame(lock) )
 *
 *   frame(b) = the length of b in bytes as an unsigned 64-bit big-endian integer, then b
 *   label    = the UTF-8 bytes of "iac/plan-digest@1"
 *   header   = the UTF-8 bytes of JSON.stringify of an object with exactly these keys, in this order:
 *              {"stack": string, "workingDirectory": string, "workspace": string,
 *               "toolName": "tofu" | "terraform", "toolMajor": integer, "lockFile": boolean}
 *              (no whitespace; `lockFile` says whether a lock file is bundled), and when the manifest records
 *              the backend, last, "backend": {"type": string, then those of "bucket", "key", "region",
 *              "endpoint", "workspaceKeyPrefix" that it has, in this order, each a string}; and when
 *              the manifest records the release it deploys again, after that, "source": {"kind",
 *              "scope", "environment", "deploymentId", "runId", "runAttempt", "commit", "createdAt",
 *              then those of "image" {"id", "name", and "identifier" when it has one}, "imageVariable"
 *              {"name", "value"} and
 *              "smoke" {"passed", "total"} that it has, in this order}; and when the manifest records
 *              stack inputs, after that, "inputs": a list ordered by variable of {"variable", "stack",
 *              "output", "sensitive", "workingDirectory", "workspace", "backend" (as above), then those of
 *              "state" {"lineage", "serial"} and "sha256" that it has}; then "provisional": true and
 *              "destroy": true, each only when the manifest says so; and when the manifest records a
 *              policy check, last, "policy": {"mode", "namespace", "conftestVersion", "policies" and
 *              "data" (each a list ordered by path of {"path", "sha256"}), "evaluated", "failures" and
 *              "warnings" (each a list ordered by rule, then address, then message, of {"rule",
 *              "message", then "address" when it has one}), "passed"}
 *   planfile = the bytes of `tfplan`
 *   lock     = the bytes of `.terraform.lock.hcl`, or no bytes when there is none
 *
 * Every part is length-framed and the fields are JSON-encoded strings in a fixed order, so no two
 * different inputs give the same byte stream: stack "a" + workspace "bc" and stack "ab" +
 * workspace "c" differ in the header, and an empty lock file differs from none through `lockFile`.
 */
export function planDigest(input: PlanDigestInput): string {
  const { stack, workingDirectory, workspace, toolName, toolMajor } = input;
  for (const [name, value] of Object.entries({ stack, workingDirectory, workspace, toolName })) {
    if (typeof value !== 'string') throw new TypeError(`planDigest: ${name} must be a string`);
  }
  if (!Number.isSafeInteger(toolMajor) || toolMajor < 0) {
    throw new TypeError('planDigest: toolMajor must be a whole number');
  }
  const header = JSON.stringify({
    stack,
    workingDirectory,
    workspace,
    toolName,
    toolMajor,
    lockFile: input.lockFile !== undefined,
    ...(input.backend ? { backend: canonicalBackend(input.backend) } : {}),
    ...(input.source ? { source: canonicalSource(input.source) } : {}),
    ...(input.inputs && input.inputs.length > 0 ? { inputs: canonicalInputs(input.inputs) } : {}),
    ...(input.provisional ? { provisional: true } : {}),
    ...(input.destroy ? { destroy: true } : {}),
    ...(input.policy ? { policy: canonicalPolicy(input.policy) } : {}),
  });

  const hash = createHash('sha256');
  const frame = (bytes: Buffer): void => {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(bytes.length));
    hash.update(length);
    hash.update(bytes);
  };
  frame(Buffer.from(PLAN_DIGEST_LABEL, 'utf8'));
  frame(Buffer.from(header, 'utf8'));
  frame(input.planfile);
  frame(input.lockFile ?? Buffer.alloc(0));
  return `sha256:${hash.digest('hex')}`;
}

/** The backend's fields in the fixed order the construction names, whatever order the record had. */
function canonicalBackend(backend: BackendRecord): Record<string, string> {
  const fields = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'] as const;
  const canonical: Record<string, string> = {};
  for (const field of fields) {
    const value = backend[field];
    if (value !== undefined) canonical[field] = value;
  }
  return canonical;
}

/** The binding's fields in the fixed order the construction names, whatever order the record had. */
function canonicalSource(source: ReleaseBinding): Record<string, unknown> {
  const { image, imageVariable, smoke } = source;
  return {
    kind: source.kind,
    scope: source.scope,
    environment: source.environment,
    deploymentId: source.deploymentId,
    runId: source.runId,
    runAttempt: source.runAttempt,
    commit: source.commit,
    createdAt: source.createdAt,
    ...(image
      ? {
          image: {
            id: image.id,
            name: image.name,
            ...(image.identifier !== undefined ? { identifier: image.identifier } : {}),
          },
        }
      : {}),
    ...(imageVariable ? { imageVariable: { name: imageVariable.name, value: imageVariable.value } } : {}),
    ...(smoke ? { smoke: { passed: smoke.passed, total: smoke.total } } : {}),
  };
}

/** The inputs in the fixed order the construction names: by variable, each with its fields in order. */
function canonicalInputs(inputs: readonly StackInputRecord[]): Array<Record<string, unknown>> {
  return [...inputs]
    .sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0))
    .map((input) => ({
      variable: input.variable,
      stack: input.stack,
      output: input.output,
      sensitive: input.sensitive,
      workingDirectory: input.workingDirectory,
      workspace: input.workspace,
      backend: canonicalBackend(input.backend),
      ...(input.state ? { state: { lineage: input.state.lineage, serial: input.state.serial } } : {}),
      ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
    }));
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Findings by rule, then address, then message: the order the manifest keeps and the digest takes. */
export function sortedFindings<T extends PolicyFinding>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      byText(a.rule, b.rule) || byText(a.address ?? '', b.address ?? '') || byText(a.message, b.message),
  );
}

/** Findings in the fixed order the construction names, so the order conftest printed them in is no part of it. */
export function canonicalFindings(findings: readonly PolicyFinding[]): Array<Record<string, string>> {
  return sortedFindings(findings).map((f) => ({
    rule: f.rule,
    message: f.message,
    ...(f.address !== undefined ? { address: f.address } : {}),
  }));
}

function canonicalPolicy(policy: PolicyResult): Record<string, unknown> {
  const files = (list: readonly { path: string; sha256: string }[]) =>
    [...list].sort((a, b) => byText(a.path, b.path)).map((f) => ({ path: f.path, sha256: f.sha256 }));
  return {
    mode: policy.mode,
    namespace: policy.namespace,
    conftestVersion: policy.conftestVersion,
    policies: files(policy.policies),
    data: files(policy.data),
    evaluated: policy.evaluated,
    failures: canonicalFindings(policy.failures),
    warnings: canonicalFindings(policy.warnings),
    passed: policy.passed,
  };
}

/** The sha256 of a file, lowercase hex, read as a stream (planfiles can be large). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
export function shortDigest(digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  return `sha256:${hex.slice(0, 12)}`;
}
