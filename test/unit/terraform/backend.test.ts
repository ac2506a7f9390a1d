import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import {
  backendCredentialsRule,
  backendRecord,
  CREDENTIAL_KEYS,
  initializedBackend,
  refuseBackendCredentials,
  refuseOtherBackend,
  stateLocation,
} from '../../../src/terraform/backend.js';

const s3 = {
  type: 's3',
  config: {
    bucket: 'acme-state',
    key: 'network/terraform.tfstate',
    region: 'eu-west-1',
    endpoints: { s3: 'https://minio.internal:9000/', dynamodb: null },
    access_key: null,
    secret_key: null,
    use_lockfile: true,
  },
};

describe('credentials in backend-config', () => {
  it.each(['access_key', 'secret_key', 'token', 'password', 'client_secret', 'sas_token'])(
    'refuses a line that sets %s, naming the line and where the credential belongs',
    (key) => {
      const problem = backendCredentialsRule({ backendConfig: ['bucket=b', `${key} = hunter2`] });
      expect(problem?.input).toBe('backend-config');
      expect(problem?.message).toMatch(new RegExp(`^line 2 sets ${key}, a credential: `));
      expect(problem?.message).toContain('saved plan');
      expect(problem?.message).toContain('environment variable');
      expect(problem?.message).not.toContain('hunter2');
    },
  );

  it('names the AWS variables for the s3 keys', () => {
    expect(backendCredentialsRule({ backendConfig: ['access_key=AKIA1'] })?.message).toContain(
      'AWS_ACCESS_KEY_ID',
    );
    expect(backendCredentialsRule({ backendConfig: ['secret_key=x'] })?.message).toContain(
      'AWS_SECRET_ACCESS_KEY',
    );
  });

  it('lets settings that only look alike, and files, through', () => {
    expect(
      backendCredentialsRule({
        backendConfig: ['key=state/terraform.tfstate', 'shared_credentials_files=["/tmp/c"]', 'backend.hcl'],
      }),
    ).toBeUndefined();
  });

  it('refuses a credential written in the backend block or a backend-config file, after init', () => {
    expect(() =>
      refuseBackendCredentials({ ...s3, config: { ...s3.config, secret_key: 'from-a-file' } }),
    ).toThrow(ConfigurationError);
    expect(() =>
      refuseBackendCredentials({ ...s3, config: { ...s3.config, secret_key: 'x', token: 'y' } }),
    ).toThrow(/sets secret_key, token \(in the backend block or a backend-config file\)/);
    expect(() => refuseBackendCredentials(s3)).not.toThrow();
    expect(CREDENTIAL_KEYS).toContain('access_key');
  });
});

describe('the backend record', () => {
  it('names the place of an s3 state and never a credential', () => {
    const record = backendRecord({ ...s3, config: { ...s3.config, access_key: 'AKIA-SECRET' } });
    expect(record).toEqual({
      type: 's3',
      bucket: 'acme-state',
      key: 'network/terraform.tfstate',
      region: 'eu-west-1',
      endpoint: 'minio.internal:9000',
    });
    expect(JSON.stringify(record)).not.toContain('AKIA-SECRET');
  });

  it('is local without a backend, and keeps an http address without its user or query', () => {
    expect(backendRecord(undefined)).toEqual({ type: 'local' });
    expect(
      backendRecord({
        type: 'http',
        config: { address: 'https://u:p@state.example/s/net?token=t', password: 'p' },
      }),
    ).toEqual({ type: 'http', endpoint: 'state.example', key: '/s/net' });
  });

  it('refuses another bucket, key, endpoint or type, naming what differs', () => {
    const planned = backendRecord(s3);
    expect(() => refuseOtherBackend(planned, planned)).not.toThrow();
    expect(() => refuseOtherBackend(undefined, { type: 'local' })).not.toThrow();
    expect(() => refuseOtherBackend(planned, { ...planned, key: 'other/terraform.tfstate' })).toThrow(
      /gives the s3 backend \(.*key "other\/terraform\.tfstate".*\): its key differs, /,
    );
    expect(() => refuseOtherBackend(planned, { ...planned, endpoint: 's3.amazonaws.com' })).toThrow(
      /endpoint minio\.internal:9000\), but this job's backend-config gives the s3 backend \(.*endpoint s3\.amazonaws\.com\): its endpoint differs/,
    );
    expect(() => refuseOtherBackend(planned, { type: 'local' })).toThrow(
      /gives the local backend: its type, bucket, key, region, endpoint differ/,
    );
  });
});

describe('the backend init configured', () => {
  it('is read from the data directory, TF_DATA_DIR when set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'backend-'));
    expect(await initializedBackend(dir, undefined)).toBeUndefined();
    await mkdir(join(dir, '.terraform'));
    await writeFile(
      join(dir, '.terraform', 'terraform.tfstate'),
      JSON.stringify({ version: 3, backend: s3 }),
    );
    expect(await initializedBackend(dir, undefined)).toEqual(s3);
    await mkdir(join(dir, 'data'));
    await writeFile(
      join(dir, 'data', 'terraform.tfstate'),
      JSON.stringify({ version: 3, backend: { type: 'gcs', config: { bucket: 'g' } } }),
    );
    expect(await initializedBackend(dir, 'data')).toEqual({ type: 'gcs', config: { bucket: 'g' } });
  });
});

describe('where the state is, for reviewers', () => {
  it('is a URL-like name for s3 and gcs, and nothing for local state', () => {
    expect(stateLocation(backendRecord(s3))).toBe(
      'minio.internal:9000 s3://acme-state/network/terraform.tfstate',
    );
    expect(stateLocation({ type: 's3', bucket: 'b', key: 'k' })).toBe('s3://b/k');
    expect(stateLocation({ type: 'gcs', bucket: 'g', key: 'p' })).toBe('gcs://g/p');
    expect(stateLocation({ type: 'local', key: '/tmp/x' })).toBeUndefined();
    expect(stateLocation(undefined)).toBeUndefined();
  });
});
