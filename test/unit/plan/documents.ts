/** Hand-written show -json documents for the render tests, in the shapes tofu 1.12 writes. */

export interface ChangeOptions {
  before?: unknown;
  after?: unknown;
  afterUnknown?: unknown;
  beforeSensitive?: unknown;
  afterSensitive?: unknown;
  replacePaths?: unknown[][];
  importing?: { id?: string };
  previousAddress?: string;
  actionReason?: string;
  deposed?: string;
  moduleAddress?: string;
  index?: string | number;
}

/** One resource_changes entry of type terraform_data (or another type given in the address). */
export function change(
  address: string,
  actions: string[],
  options: ChangeOptions = {},
): Record<string, unknown> {
  const local = address.replace(/^(module\.[^.]+\.)+/, '');
  const data = local.startsWith('data.');
  const [type = '', name = ''] = (data ? local.slice(5) : local).replace(/\[.*$/, '').split('.');
  return {
    address,
    ...(options.previousAddress ? { previous_address: options.previousAddress } : {}),
    ...(options.moduleAddress ? { module_address: options.moduleAddress } : {}),
    mode: data ? 'data' : 'managed',
    type,
    name,
    ...(options.index !== undefined ? { index: options.index } : {}),
    provider_name: 'terraform.io/builtin/terraform',
    ...(options.deposed ? { deposed: options.deposed } : {}),
    change: {
      actions,
      before: options.before ?? null,
      after: options.after ?? null,
      after_unknown: options.afterUnknown ?? {},
      before_sensitive: options.beforeSensitive ?? (options.before ? {} : false),
      after_sensitive: options.afterSensitive ?? (options.after ? {} : false),
      ...(options.replacePaths ? { replace_paths: options.replacePaths } : {}),
      ...(options.importing ? { importing: options.importing } : {}),
    },
    ...(options.actionReason ? { action_reason: options.actionReason } : {}),
  };
}

export function plan(
  resourceChanges: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.12.6',
    planned_values: { root_module: {} },
    resource_changes: resourceChanges,
    timestamp: '2026-01-01T00:00:00Z',
    errored: false,
    ...extra,
  };
}

export const CTX = {
  stack: 'network',
  workspace: 'default',
  environment: 'prod',
  planDigest: 'sha256:0123456789abcdef',
  commit: '0123456789abcdef0123456789abcdef01234567',
  runUrl: 'https://github.com/acme/infra/actions/runs/42',
  tool: { name: 'tofu', version: '1.12.6' },
};
