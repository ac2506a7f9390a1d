/**
 * The JSON Schema of the smoke-test checks file, published as schemas/smoke-checks.schema.json (a unit
 * test keeps the two equal) so that editors can validate a checks file as it is written. Draft-07, which
 * ajv reads without plugins and which editors' YAML language servers know. Each kind is a branch chosen
 * by its `kind` (ajv's discriminator), so an error names the field of that kind, not "matches no branch".
 */

const CATEGORIES = ['connectivity', 'service', 'security', 'functionality'] as const;
export const CHECK_KINDS = ['tcp', 'http', 'ssh-command', 'command', 'dns', 'tls-cert'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export type Category = (typeof CATEGORIES)[number];
export { CATEGORIES };

const port = { type: 'integer', minimum: 1, maximum: 65535 };
const regex = { type: 'string', minLength: 1, format: 'regex' };
const text = { type: 'string', minLength: 1 };

/** The fields every check has, whatever its kind. */
const common = {
  name: { ...text, description: 'Unique name of the check, as test reporters show it.' },
  category: { enum: [...CATEGORIES], description: 'Which kind of smoke test this is.' },
  tags: { type: 'array', items: text, uniqueItems: true, description: 'Free labels, shown in the results.' },
  description: { type: 'string' },
  retries: {
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: 'Tries after the first for this check; the `retries` input when absent.',
  },
  'timeout-seconds': {
    type: 'number',
    exclusiveMinimum: 0,
    maximum: 3600,
    description: 'How long one try may take (default 10).',
  },
};

/** Where a check points: one host (a name of the inventory, or an address), or every host of a group. */
const target = {
  host: { ...text, description: 'An inventory host name, or an address or DNS name.' },
  group: { ...text, description: 'Every host of this inventory group (`all` for every host).' },
};

const tlsOptions = {
  'tls-verify': {
    type: 'boolean',
    description: 'Verify the certificate chain and name (default true).',
  },
  'ca-file': { ...text, description: 'PEM file of CA certificates to trust, relative to the workspace.' },
  'server-name': { ...text, description: 'The TLS server name (SNI) to ask for; the host when absent.' },
};

const kinds: Record<
  CheckKind,
  { description: string; properties: Record<string, unknown>; required: string[] }
> = {
  tcp: {
    description: 'The port accepts a TCP connection.',
    properties: {
      ...target,
      port: { ...port, description: "Default: the inventory host's ansible_port (its SSH port), else 22." },
    },
    required: [],
  },
  http: {
    description:
      "An HTTP(S) request answers with the expected status, body and headers. With host or group, `{host}` in the URL is each host's address.",
    properties: {
      ...target,
      url: { ...text, pattern: '^https?://' },
      method: { enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] },
      status: {
        oneOf: [
          { type: 'integer', minimum: 100, maximum: 599 },
          { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 }, minItems: 1 },
        ],
        description: 'Expected status code(s); default 200.',
      },
      body: { ...regex, description: 'A regular expression the body must match.' },
      headers: {
        type: 'object',
        additionalProperties: regex,
        description: 'Response header name → regular expression its value must match.',
      },
      ...tlsOptions,
    },
    required: ['url'],
  },
  'ssh-command': {
    description: 'A command run over SSH exits with the expected code and prints the expected output.',
    properties: {
      ...target,
      command: { ...text, description: "Run by the remote user's shell." },
      'exit-code': { type: 'integer', minimum: 0, maximum: 255 },
      output: {
        ...regex,
        description: 'A regular expression the standard output (without its final newline) must match.',
      },
      user: { ...text, description: "The SSH user; the inventory's ansible_user when absent." },
      port: { ...port, description: "The SSH port; the inventory's ansible_port, else 22." },
    },
    required: ['command'],
  },
  command: {
    description: 'A local command (an argument list, no shell) exits with the expected code and output.',
    properties: {
      command: { type: 'array', items: { type: 'string' }, minItems: 1 },
      'exit-code': { type: 'integer', minimum: 0, maximum: 255 },
      output: {
        ...regex,
        description: 'A regular expression the standard output (without its final newline) must match.',
      },
    },
    required: ['command'],
  },
  dns: {
    description: 'A name resolves, to the expected addresses when given.',
    properties: {
      ...target,
      addresses: { type: 'array', items: text, minItems: 1, uniqueItems: true },
    },
    required: [],
  },
  'tls-cert': {
    description:
      'The TLS certificate served on host:port (or the URL) is valid for at least min-days more days.',
    properties: {
      ...target,
      url: { ...text, pattern: '^https://' },
      port: { ...port, description: 'Default 443.' },
      'min-days': { type: 'integer', minimum: 0, maximum: 3650, description: 'Default 14.' },
      ...tlsOptions,
    },
    required: [],
  },
};

export const smokeChecksSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'iac-pipeline smoke-test checks',
  type: 'object',
  additionalProperties: false,
  required: ['checks'],
  properties: {
    ssh: {
      type: 'object',
      additionalProperties: false,
      description: 'How ssh-command checks connect.',
      properties: {
        user: {
          ...text,
          description: 'Default SSH user when neither the check nor the inventory names one.',
        },
        'known-hosts': {
          ...text,
          description:
            'known_hosts file (relative to the workspace) to check host keys against; without it, keys are accepted on first use in a per-run file.',
        },
      },
    },
    checks: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'kind', 'category'],
        discriminator: { propertyName: 'kind' },
        oneOf: CHECK_KINDS.map((kind) => ({
          description: kinds[kind].description,
          type: 'object',
          additionalProperties: false,
          required: kinds[kind].required,
          properties: { kind: { const: kind }, ...common, ...kinds[kind].properties },
        })),
      },
    },
  },
} as const;
