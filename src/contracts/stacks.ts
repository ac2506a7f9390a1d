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
  /** An Ansible playbook to run against the inventory the stack's apply writes. */
  playbook: optionalText,
  /** A smoke checks file to run against that inventory. */
  checks: optionalText,
});

export const stackGraphSchema = z.array(stackEntrySchema).min(1, { error: 'must list at least one stack' });

export type StackEntry = z.output<typeof stackEntrySchema>;

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
}
