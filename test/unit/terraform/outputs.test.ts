import { describe, expect, it } from '@jest/globals';
import { REDACTED, redactOutputs } from '../../../src/terraform/outputs.js';

const outputJson = {
  url: { sensitive: false, type: 'string', value: 'https://app.example.com' },
  hosts: { sensitive: false, type: ['list', 'string'], value: ['web-0', 'web-1'] },
  db_password: { sensitive: true, type: 'string', value: 'hunter2-hunter2' },
  credentials: {
    sensitive: true,
    type: ['object', {}],
    value: {
      user: 'admin',
      port: 5432,
      tls: true,
      keys: ['key-one', ''],
      pem: '-----BEGIN KEY-----\nMIIBOgIBAAJBAK\n-----END KEY-----',
      quoted: 'say "hi"',
    },
  },
};

describe('redactOutputs', () => {
  it('replaces sensitive values by a marker and keeps the others', () => {
    const { values, nonSensitive } = redactOutputs(outputJson, { exposeSensitive: false });
    expect(values).toEqual({
      url: 'https://app.example.com',
      hosts: ['web-0', 'web-1'],
      db_password: REDACTED,
      credentials: REDACTED,
    });
    expect(nonSensitive).toEqual({ url: 'https://app.example.com', hosts: ['web-0', 'web-1'] });
  });

  it('keeps sensitive values in values when exposed, but never in nonSensitive', () => {
    const { values, nonSensitive } = redactOutputs(outputJson, { exposeSensitive: true });
    expect(values.db_password).toBe('hunter2-hunter2');
    expect(values.credentials).toEqual(outputJson.credentials.value);
    expect(Object.keys(nonSensitive)).toEqual(['url', 'hosts']);
  });

  it('lists every string of the sensitive values to mask, longest first, whether exposed or not', () => {
    const { secrets } = redactOutputs(outputJson, { exposeSensitive: false });
    expect(redactOutputs(outputJson, { exposeSensitive: true }).secrets).toEqual(secrets);
    const pem = outputJson.credentials.value.pem;
    expect(secrets).toEqual(
      expect.arrayContaining([
        'hunter2-hunter2',
        'admin',
        'key-one',
        pem,
        // each line of a multi-line secret, as a tool prints it line by line
        '-----BEGIN KEY-----',
        'MIIBOgIBAAJBAK',
        // the JSON-escaped forms, as they appear inside a JSON file
        JSON.stringify(pem).slice(1, -1),
        'say \\"hi\\"',
        'say "hi"',
      ]),
    );
    expect(secrets).not.toContain('');
    expect(secrets).not.toContain('https://app.example.com');
    expect(secrets).not.toContain('5432');
    expect(secrets.map((s) => s.length)).toEqual([...secrets.map((s) => s.length)].sort((a, b) => b - a));
  });

  it('leaves nothing sensitive in the JSON of the redacted values', () => {
    const { values, secrets } = redactOutputs(outputJson, { exposeSensitive: false });
    const text = JSON.stringify(values);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
