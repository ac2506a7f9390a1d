import { describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import type { BuildMetadata } from '../../../src/contracts/build-metadata.js';
import { actionsCacheBuildRecords, buildRecordKey } from '../../../src/packer/build-record.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const hash = `sha256:${'ab'.repeat(32)}`;
const base = { templateHash: hash, only: [], except: [], vars: [] };

describe('buildRecordKey', () => {
  it('is the template hash and a digest of the options', () => {
    expect(buildRecordKey(base)).toMatch(new RegExp(`^iac-packer-${'ab'.repeat(32)}-[0-9a-f]{16}$`));
  });

  it('does not depend on the order options are given in, nor on the image name', () => {
    const key = buildRecordKey({
      ...base,
      only: ['null.a', 'null.b'],
      vars: [
        ['a', '1'],
        ['b', '2'],
      ],
    });
    expect(
      buildRecordKey({
        ...base,
        only: ['null.b', 'null.a'],
        vars: [
          ['b', '2'],
          ['image_name', 'golden-2042'],
          ['a', '1'],
        ],
      }),
    ).toBe(key);
  });

  it('changes with the template hash, a filter or a variable’s value, which it never shows', () => {
    const keys = [
      buildRecordKey(base),
      buildRecordKey({ ...base, templateHash: `sha256:${'cd'.repeat(32)}` }),
      buildRecordKey({ ...base, only: ['null.a'] }),
      buildRecordKey({ ...base, except: ['null.a'] }),
      buildRecordKey({ ...base, vars: [['region', 'eu-west-1']] }),
      buildRecordKey({ ...base, vars: [['region', 'us-east-1']] }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.join()).not.toMatch(/region|eu-west-1/);
  });
});

describe('actionsCacheBuildRecords', () => {
  it('builds, saying so once, where the runner offers no cache service', async () => {
    const saved = {
      ACTIONS_RESULTS_URL: process.env.ACTIONS_RESULTS_URL,
      ACTIONS_CACHE_URL: process.env.ACTIONS_CACHE_URL,
    };
    delete process.env.ACTIONS_RESULTS_URL;
    delete process.env.ACTIONS_CACHE_URL;
    try {
      const logger = new RecordingLogger();
      const records = actionsCacheBuildRecords(tmpdir(), logger);
      expect(await records.find('iac-packer-x')).toBeUndefined();
      await records.record('iac-packer-x', {} as BuildMetadata);
      expect(logger.messages('warning')).toEqual([
        'skip-unchanged needs the Actions cache service, which this runner does not offer; the image is built.',
      ]);
    } finally {
      Object.assign(
        process.env,
        Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)),
      );
    }
  });
});
