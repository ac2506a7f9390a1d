import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import type { BackendRecord } from '../contracts/manifest.js';

/**
 * Backend settings that hold a credential, with where each belongs instead. tofu and terraform write the
 * whole backend configuration into every saved plan (the planfile's inner `tfplan`), so a credential
 * given as a setting travels, unmasked, inside every plan artifact; the backends read the same
 * credentials from their environment variables, which no planfile records.
 */
const CREDENTIAL_SETTINGS: Readonly<Record<string, string>> = {
  access_key: 'AWS_ACCESS_KEY_ID for s3, ARM_ACCESS_KEY for azurerm',
  secret_key: 'AWS_SECRET_ACCESS_KEY for s3',
  token: 'AWS_SESSION_TOKEN for s3',
  security_token: 'ALICLOUD_SECURITY_TOKEN for oss, TENCENTCLOUD_SECURITY_TOKEN for cos',
  secret_id: 'TENCENTCLOUD_SECRET_ID for cos',
  sse_customer_key: 'AWS_SSE_CUSTOMER_KEY for s3',
  password: 'TF_HTTP_PASSWORD for http',
  client_secret: 'ARM_CLIENT_SECRET for azurerm',
  client_certificate_password: 'ARM_CLIENT_CERTIFICATE_PASSWORD for azurerm',
  sas_token: 'ARM_SAS_TOKEN for azurerm',
  oidc_token: 'ARM_OIDC_TOKEN for azurerm',
  access_token: 'GOOGLE_OAUTH_ACCESS_TOKEN for gcs',
  credentials: 'GOOGLE_CREDENTIALS for gcs',
  encryption_key: 'GOOGLE_ENCRYPTION_KEY for gcs',
  conn_str: 'PG_CONN_STR for pg',
  http_auth: 'CONSUL_HTTP_AUTH for consul',
  client_key: 'KUBE_CLIENT_KEY_DATA for kubernetes',
};

/** The credential settings a backend-config line or backend configuration may not hold. */
export const CREDENTIAL_KEYS: readonly string[] = Object.keys(CREDENTIAL_SETTINGS);

function whyAndWhere(key: string): string {
  return (
    `a credential: tofu and terraform write the backend configuration into the saved plan, so the value would travel, unmasked, ` +
    `inside every plan artifact. Pass it in the backend's environment variable instead (${CREDENTIAL_SETTINGS[key] ?? 'see the documentation of the backend'}), ` +
    'set from a secret in the env: of the step, or in a credentials file under RUNNER_TEMP (for s3: shared_credentials_files)'
  );
}

/**
 * The cross-input rule of each action that takes backend-config: a `key=value` line may not set a
 * credential. Checked before the tool runs, so the value reaches no planfile.
 */
export function backendCredentialsRule(values: {
  backendConfig: readonly string[];
}): { input: 'backend-config'; message: string } | undefined {
  for (const [index, entry] of values.backendConfig.entries()) {
    const equals = entry.indexOf('=');
    if (equals < 0) continue;
    const key = entry.slice(0, equals).trim();
    if (key in CREDENTIAL_SETTINGS) {
      return { input: 'backend-config', message: `line ${index + 1} sets ${key}, ${whyAndWhere(key)}` };
    }
  }
  return undefined;
}

/**
 * Refuses a backend-config file that sets a credential, before init reads it: a backend given half a
 * credential fails obscurely, and one given all of it writes it into the planfile. A backend
 * configuration file holds top-level attributes only (`name = value`), so a setting is a line that
 * begins with its name and `=`.
 */
export async function refuseCredentialFiles(
  backendConfig: readonly string[],
  workingDirectory: string,
): Promise<void> {
  for (const entry of backendConfig) {
    if (entry.includes('=')) continue;
    const path = isAbsolute(entry) ? entry : join(workingDirectory, entry);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    // A file that cannot be read is the tool's to report ("Failed to read file"), naming it.
    if (text === undefined) continue;
    for (const [index, line] of text.split('\n').entries()) {
      const key = /^\s*"?([A-Za-z_][A-Za-z0-9_-]*)"?\s*=/.exec(line)?.[1];
      if (key !== undefined && key in CREDENTIAL_SETTINGS) {
        throw new ConfigurationError(
          `Input "backend-config" names the file ${entry}, whose line ${index + 1} sets ${key}, ${whyAndWhere(key)}. Nothing was run.`,
        );
      }
    }
  }
}

/** The backend as `init` left it in the data directory: its type and every setting, credentials included. */
export interface InitializedBackend {
  type: string;
  config: Record<string, unknown>;
}

/**
 * Reads the backend `init` configured from `<data dir>/terraform.tfstate`, where both tools keep the
 * merged configuration (the backend block, backend-config files and key=value lines). Undefined when
 * there is none (a configuration without a backend block: local state in the working directory).
 */
export async function initializedBackend(
  workingDirectory: string,
  dataDir: string | undefined,
): Promise<InitializedBackend | undefined> {
  const dir = dataDir
    ? isAbsolute(dataDir)
      ? dataDir
      : join(workingDirectory, dataDir)
    : join(workingDirectory, '.terraform');
  let text: string;
  try {
    text = await readFile(join(dir, 'terraform.tfstate'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as { backend?: { type?: unknown; config?: unknown } };
  const backend = parsed.backend;
  if (!backend || typeof backend.type !== 'string') return undefined;
  const config =
    backend.config && typeof backend.config === 'object' ? (backend.config as Record<string, unknown>) : {};
  return { type: backend.type, config };
}

/**
 * Refuses a backend configuration that holds a credential, wherever it was written: in the backend block
 * or a backend-config file (key=value lines are refused with the inputs). Runs after init and before the
 * plan, so no planfile is ever written with it.
 */
export function refuseBackendCredentials(backend: InitializedBackend): void {
  const held = CREDENTIAL_KEYS.filter((key) => isSet(backend.config[key]));
  const first = held[0];
  if (first === undefined) return;
  throw new ConfigurationError(
    `The ${backend.type} backend's configuration sets ${held.join(', ')} (in the backend block or a backend-config file), ` +
      `${whyAndWhere(first)}. Nothing was planned.`,
  );
}

function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * What identifies where a backend keeps the state, never a credential: the type and, for the backends
 * we know, the settings that name the place (bucket and key, the server's host). Recorded in the plan
 * bundle's manifest, inside the plan digest, so that an apply against another state is refused.
 */
export function backendRecord(backend: InitializedBackend | undefined): BackendRecord {
  if (!backend) return { type: 'local' };
  const setting = (name: string): string | undefined => {
    const value = backend.config[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const record: BackendRecord = { type: backend.type };
  const put = (field: keyof BackendRecord, value: string | undefined): void => {
    if (value !== undefined) record[field] = value;
  };
  switch (backend.type) {
    case 's3': {
      put('bucket', setting('bucket'));
      put('key', setting('key'));
      put('region', setting('region'));
      const endpoints = backend.config.endpoints;
      const s3 =
        endpoints && typeof endpoints === 'object' ? (endpoints as Record<string, unknown>).s3 : undefined;
      put('endpoint', urlParts(typeof s3 === 'string' ? s3 : setting('endpoint'))?.host);
      put('workspaceKeyPrefix', setting('workspace_key_prefix'));
      break;
    }
    case 'gcs':
      put('bucket', setting('bucket'));
      put('key', setting('prefix'));
      break;
    case 'azurerm':
      put(
        'bucket',
        [setting('storage_account_name'), setting('container_name')].filter(Boolean).join('/') || undefined,
      );
      put('key', setting('key'));
      break;
    case 'http':
      put('endpoint', urlParts(setting('address'))?.host);
      put('key', urlParts(setting('address'))?.path);
      break;
    case 'local':
      put('key', setting('path'));
      break;
  }
  return record;
}

/** The host (and port) and the path of a URL, never its user, password or query; undefined when it is no URL. */
function urlParts(url: string | undefined): { host: string; path: string } | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const { host, pathname } = new URL(url);
  return { host, path: pathname };
}

/** `the s3 backend (bucket "b", key "k", region r, endpoint h)`: how messages name a backend. */
export function describeBackend(record: BackendRecord): string {
  const parts: string[] = [];
  if (record.bucket) parts.push(`bucket "${record.bucket}"`);
  if (record.key) parts.push(`key "${record.key}"`);
  if (record.workspaceKeyPrefix) parts.push(`workspace_key_prefix "${record.workspaceKeyPrefix}"`);
  if (record.region) parts.push(`region ${record.region}`);
  if (record.endpoint) parts.push(`endpoint ${record.endpoint}`);
  return `the ${record.type} backend${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/**
 * Where the state is, in a form reviewers know (`s3://bucket/key`), for summaries and comments; none
 * for the local backend, whose path is a runner's.
 */
export function stateLocation(record: BackendRecord | undefined): string | undefined {
  if (!record || record.type === 'local') return undefined;
  if (record.type === 's3' || record.type === 'gcs') {
    const prefix = record.type === 's3' && record.endpoint ? `${record.endpoint} ` : '';
    return `${prefix}${record.type}://${record.bucket ?? '?'}/${record.key ?? ''}`;
  }
  return [record.type, record.endpoint, record.bucket, record.key].filter(Boolean).join(' ');
}

/** The `state` of a plan's render context, when the state is anywhere but a runner's disk. */
export function withState(record: BackendRecord | undefined): { state?: string } {
  const state = stateLocation(record);
  return state ? { state } : {};
}

const RECORD_FIELDS = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'] as const;

/**
 * Refuses to apply a plan made against another backend, or another key of the same one: the apply
 * writes the state the plan's backend names, while this job's stale-state check reads the state its
 * own backend-config names, so the two must be the same place.
 */
export function refuseOtherBackend(planned: BackendRecord | undefined, here: BackendRecord): void {
  if (!planned) return;
  const differs = RECORD_FIELDS.filter((field) => (planned[field] ?? '') !== (here[field] ?? ''));
  if (differs.length === 0) return;
  throw new ConfigurationError(
    `The plan bundle was planned against ${describeBackend(planned)}, but this job's backend-config gives ` +
      `${describeBackend(here)}: its ${differs.join(', ')} ${differs.length > 1 ? 'differ' : 'differs'}, and applying it would write state the plan was not made against. ` +
      'Give tf-apply the backend-config tf-plan had, or plan again against this backend. Nothing was applied.',
  );
}
