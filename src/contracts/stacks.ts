import { z } from 'zod';
import { NAME_PART } from '../core/inputs.js';

/**
 * The stacks a pipeline deploys, as the reusable workflows take them (`stacks:` of iac-pipeline.yml):
 * a JSON list, one object per stack, with the stacks it depends on. The dependencies decide the waves
 * the workflow runs them in (backend → iam → network → infrastructure → services); every other field
 * goes to the stack's own tf-plan, tf-apply, ansible-configure and smoke-test steps.
 */

const stackName = z.string().regex(NAME_PART, {
  error: 'must be letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit',
});
const optionalText = z.string().optional();
const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: 'must be a variable name' });

/** `<stack>.<output>`: a top-level output of another stack of the graph. */
export const STACK_OUTPUT_REF = /^([A-Za-z0-9][A-Za-z0-9._-]{0,99})\.([A-Za-z_][A-Za-z0-9_-]*)$/;

/** Splits `network.subnet_id` at its last dot: stack names may hold dots, output names may not. */
export function parseStackOutputRef(ref: string): { stack: string; output: string } | undefined {
  const dot = ref.lastIndexOf('.');
  if (dot <= 0 || !STACK_OUTPUT_REF.test(ref)) return undefined;
  return { stack: ref.slice(0, dot), output: ref.slice(dot + 1) };
}

export const stackEntrySchema = z.strictObject({
  /** The stack's name: part of its artifact names and its plan comment. */
  stack: stackName,
  /** Its OpenTofu/Terraform configuration, relative to the repository. */
  directory: z.string().min(1, { error: 'must name the configuration directory' }),
  /** The GitHub environment its approval job runs under; the pipeline's `environment` when absent. */
  environment: optionalText,
  workspace: stackName.optional(),
  'var-files': optionalText,
  'backend-config': optionalText,
  /** The variable that receives the image the pipeline built (`image_id`); none when absent. */
  'image-variable': z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: 'must be a variable name' })
    .optional(),
  /** Stacks that must be applied before this one is planned. */
  'depends-on': z.array(stackName).optional(),
  /**
   * Variables of this stack given the outputs of others, `{ "network_id": "network.id" }`: each value is
   * read from what that stack has applied when this one is planned. Naming a stack here depends on it.
   */
  inputs: z
    .record(
      variableName,
      z.string().refine((ref) => parseStackOutputRef(ref) !== undefined, {
        error: "must name another stack's output as <stack>.<output>, such as network.subnet_id",
      }),
    )
    .optional(),
  /** An Ansible playbook to run against the inventory the stack's apply writes. */
  playbook: optionalText,
  /** A smoke checks file to run against that inventory. */
  checks: optionalText,
});

export const stackGraphSchema = z.array(stackEntrySchema).min(1, { error: 'must list at least one stack' });

export type StackEntry = z.output<typeof stackEntrySchema>;

/**
 * One input of a stack with where its value lives, as the waves step resolves it from the graph and
 * tf-plan and tf-apply take it (`stack-inputs`): the upstream stack's configuration, workspace and
 * backend settings, which say where its applied state is.
 */
export const stackInputSourceSchema = z.strictObject({
  variable: variableName,
  stack: stackName,
  output: variableName,
  /** The upstream's configuration, relative to the repository. */
  directory: z.string().min(1, { error: 'must name the upstream configuration directory' }),
  workspace: stackName.optional(),
  'backend-config': optionalText,
});

export const stackInputSourcesSchema = z.array(stackInputSourceSchema);

export type StackInputSource = z.output<typeof stackInputSourceSchema>;

/**
 * A stack as a matrix leg sees it: every field present, as a string, so that a workflow can test
 * `matrix.playbook != ''` and hand `matrix.var-files` to an action input without a fallback.
 */
export interface MatrixStack {
  stack: string;
  directory: string;
  environment: string;
  workspace: string;
  'var-files': string;
  'backend-config': string;
  'depends-on': string;
  'image-variable': string;
  playbook: string;
  checks: string;
  /** The stack's inputs with their upstream stacks' locations, as JSON (tf-plan's `stack-inputs`); '' when none. */
  'stack-inputs': string;
  /**
   * mode destroy-waves only: the commit the leg's jobs check out, the last that has the stack's directory
   * when it was removed from the repository ('' for the checkout as it is).
   */
  'checkout-ref'?: string;
}
