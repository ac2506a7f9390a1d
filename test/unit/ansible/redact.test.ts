import { describe, expect, it } from '@jest/globals';
import { Redactor } from '../../../src/ansible/redact.js';
import { RecordingLogger } from '../../support/recording-logger.js';

describe('Redactor', () => {
  it('masks a secret, each line of a multi-line one, and its JSON-escaped form', () => {
    const logger = new RecordingLogger();
    const redactor = new Redactor(logger);
    const key = '-----BEGIN KEY-----\nAAAAline1secret\nBBBBline2secret\n-----END KEY-----';
    redactor.add(key);
    expect(logger.masks).toEqual(
      expect.arrayContaining([key, 'AAAAline1secret', 'BBBBline2secret', JSON.stringify(key).slice(1, -1)]),
    );
    expect(redactor.redact(`ssh said: BBBBline2secret`)).toBe('ssh said: ***');
    expect(redactor.redact(JSON.stringify({ key }))).not.toMatch(/line\dsecret/);
  });

  it('takes every string of the extra variables, at any depth, but not their names or short words', () => {
    const logger = new RecordingLogger();
    const redactor = new Redactor(logger);
    redactor.addLeaves({ db: { password: 'hunter22', users: ['alice-admin'] }, port: 5432, env: 'qa' });
    expect(logger.masks.sort()).toEqual(['alice-admin', 'hunter22']);
    expect(redactor.redact('password=hunter22 user=alice-admin env=qa')).toBe('password=*** user=*** env=qa');
  });

  it('replaces a longer secret whole even when it contains a shorter one', () => {
    const redactor = new Redactor();
    redactor.add('token');
    redactor.add('token-with-suffix');
    expect(redactor.redact('a token-with-suffix b')).toBe('a *** b');
  });
});
