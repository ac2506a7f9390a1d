import { defineInputs, input } from '../../core/inputs.js';
import { backendConfigFilesRule, sharedInputs } from '../../core/shared-inputs.js';
import { addressListProblem } from '../../terraform/addresses.js';
import { backendCredentialsRule } from '../../terraform/backend.js';
import { DEFAULT_DRIFT_LABELS } from '../../github/drift-labels.js';

// The contract loads only when the input is given: it brings zod, which the other paths do not need.
const stackGraph = async () => (await import('../../contracts/stacks.js')).stackGraphSchema;

const REGO_PACKAGE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export const tfPlanInputs = defineInputs(
  {
    'working-directory': sharedInputs['working-directory'],
    binary: sharedInputs.binary,
    stack: sharedInputs.stack,
    workspace: input.name(),
    environment: input.text(),
    mode: input.choice(['plan', 'drift', 'gather', 'waves', 'destroy-waves'] as const, 'plan'),
    stacks: input.names(),
    'stack-graph': input.json(stackGraph),
    'var-files': input.files(),
    vars: input.keyValues(),
    'backend-config': input.lines(),
    targets: input.lines(),
    replace: input.lines(),
    destroy: input.boolean(false),
    'refresh-only': input.boolean(false),
    'lock-timeout': input.duration(),
    parallelism: input.integer(1, 1000),
    'artifact-prefix': sharedInputs['artifact-prefix'],
    'encryption-key': sharedInputs['encryption-key'],
    'on-destroy': input.choice(['warn', 'fail'] as const, 'warn'),
    'github-token': sharedInputs['github-token'],
    comment: input.boolean(true),
    'pr-number': input.integer(1, Number.MAX_SAFE_INTEGER),
    'comment-author': input.text(),
    'drift-issue': input.boolean(true),
    'drift-labels': input
      .list()
      .transform((labels) => (labels.length > 0 ? labels : [...DEFAULT_DRIFT_LABELS])),
    'source-release': input.integer(1, Number.MAX_SAFE_INTEGER),
    'source-kind': input.choice(['promotion', 'rollback'] as const, 'promotion'),
    'rollback-scope': input.choice(['release', 'image'] as const, 'release'),
    'image-variable': input.name(),
    'stack-inputs': sharedInputs['stack-inputs'],
    policy: input.directories({ orNone: true }),
    'policy-namespace': input.text(),
    'policy-data': input.files(),
    'policy-mode': input.choice(['enforce', 'warn'] as const, 'enforce'),
  },
  [
    backendConfigFilesRule,
    backendCredentialsRule,
    // Checked here, before the tool runs: tofu's own complaint names no input and comes three times.
    (v) => addressListProblem('targets', v.targets),
    (v) => addressListProblem('replace', v.replace),
    (v) =>
      v.destroy && v.refreshOnly
        ? { input: 'refresh-only', message: 'cannot be combined with destroy' }
        : undefined,
    (v) =>
      v.stacks.length > 0 && v.mode !== 'gather' && v.mode !== 'waves' && v.mode !== 'destroy-waves'
        ? {
            input: 'stacks',
            message:
              'is for mode: gather (the plans to gather), mode: waves (the stacks to deploy) and mode: destroy-waves (the stacks to destroy)',
          }
        : undefined,
    (v) =>
      (v.mode === 'waves' || v.mode === 'destroy-waves') && !v.stackGraph
        ? { input: 'stack-graph', message: `is required with mode: ${v.mode}: the stacks as a JSON list` }
        : undefined,
    (v) =>
      v.stackGraph && v.mode !== 'waves' && v.mode !== 'destroy-waves'
        ? {
            input: 'stack-graph',
            message: 'is for mode: waves and mode: destroy-waves, which order the stacks into waves',
          }
        : undefined,
    (v) =>
      v.sourceRelease !== undefined && v.mode !== 'plan'
        ? { input: 'source-release', message: 'is for mode: plan (a promotion or rollback plans the stack)' }
        : undefined,
    (v) =>
      v.sourceRelease !== undefined && (v.destroy || v.refreshOnly || v.targets.length > 0)
        ? {
            input: 'source-release',
            message:
              'plans the whole release again, so it cannot be combined with destroy, refresh-only or targets',
          }
        : undefined,
    (v) =>
      v.policy.length === 0 && (v.policyData.length > 0 || v.policyNamespace !== undefined)
        ? {
            input: v.policyData.length > 0 ? 'policy-data' : 'policy-namespace',
            message: 'is for the policy check: give policy, the directories of the Rego policies, too',
          }
        : undefined,
    (v) =>
      v.policyNamespace !== undefined && !REGO_PACKAGE.test(v.policyNamespace)
        ? {
            input: 'policy-namespace',
            message: 'must be a Rego package name such as terraform or terraform.aws',
          }
        : undefined,
    (v) =>
      v.policy.length > 0 && v.mode !== 'plan'
        ? { input: 'policy', message: 'is for mode: plan (a policy checks the plan of a change)' }
        : undefined,
    (v) =>
      v.mode === 'drift' && v.destroy
        ? { input: 'destroy', message: 'cannot be used with mode: drift, which only refreshes' }
        : undefined,
  ],
);
