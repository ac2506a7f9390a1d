import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/core/errors.js';
import { parseChecks } from '../../../src/smoke/checks.js';
import { smokeChecksSchema } from '../../../src/smoke/checks-schema.js';
import { repoRoot } from '../../support/tools.js';

function refusal(text: string): string {
  try {
    parseChecks(text, 'smoke.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('the checks file was accepted');
}

const check = (lines: string[]) =>
  ['checks:', '  - name: web', ...lines.map((l) => `    ${l}`), ''].join('\n');

describe('the checks file', () => {
  it('is published as schemas/smoke-checks.schema.json, equal to the schema the action validates with', () => {
    const published: unknown = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'smoke-checks.schema.json'), 'utf8'),
    );
    expect(published).toEqual(JSON.parse(JSON.stringify(smokeChecksSchema)));
  });

  it('reads every kind, with defaults, camel-cased fields and each check line', () => {
    const file = parseChecks(
      [
        'ssh: { user: deploy, known-hosts: known_hosts }',
        'checks:',
        '  - { name: a, kind: tcp, category: connectivity, group: web, port: 22, tags: [ssh] }',
        '  - { name: b, kind: http, category: service, url: "https://{host}/", host: web-1, tls-verify: false }',
        '  - { name: c, kind: ssh-command, category: security, group: web, command: "sshd -T", exit-code: 0 }',
        '  - { name: d, kind: command, category: functionality, command: [docker, info], timeout-seconds: 2.5 }',
        '  - { name: e, kind: dns, category: connectivity, host: localhost, addresses: [127.0.0.1] }',
        '  - { name: f, kind: tls-cert, category: security, url: "https://example.test", min-days: 7, retries: 0 }',
      ].join('\n'),
      'smoke.yml',
    );
    expect(file.ssh).toEqual({ user: 'deploy', knownHosts: 'known_hosts' });
    expect(file.checks.map((c) => [c.name, c.kind, c.line])).toEqual([
      ['a', 'tcp', 3],
      ['b', 'http', 4],
      ['c', 'ssh-command', 5],
      ['d', 'command', 6],
      ['e', 'dns', 7],
      ['f', 'tls-cert', 8],
    ]);
    expect(file.checks[0]).toMatchObject({ tags: ['ssh'], port: 22, group: 'web' });
    expect(file.checks[1]).toMatchObject({ tlsVerify: false, tags: [] });
    expect(file.checks[3]).toMatchObject({ command: ['docker', 'info'], timeoutSeconds: 2.5 });
    expect(file.checks[5]).toMatchObject({ minDays: 7, retries: 0 });
  });

  it.each([
    [
      check(['kind: tcp', 'category: connectivity', 'host: a', 'port: eighty']),
      'line 6: check "web" (tcp): "port" must be a whole number',
    ],
    [check(['kind: tcp', 'category: connectivity']), 'line 2: check "web" (tcp): needs a host or a group'],
    [
      check(['kind: ping', 'category: connectivity']),
      'line 3: check "web": "kind" must be one of: tcp, http, ssh-command, command, dns, tls-cert',
    ],
    [
      check(['kind: http', 'category: service', 'url: http://a', 'port: 80']),
      'line 6: check "web" (http): has an unknown field "port" (a field of tcp, ssh-command, tls-cert checks)',
    ],
    [
      check(['kind: http', 'category: services', 'url: http://a']),
      'line 4: check "web" (http): "category" must be one of: connectivity, service, security, functionality',
    ],
    [
      check(['kind: http', 'category: service', 'url: ftp://a']),
      'line 5: check "web" (http): "url" must be an http:// or https:// URL',
    ],
    [
      check(['kind: http', 'category: service', 'url: http://a', 'body: "(["']),
      'line 6: check "web" (http): "body" must be a valid regular expression',
    ],
    [
      check(['kind: http', 'category: service', 'url: http://a', 'group: web']),
      'line 2: check "web" (http): targets a host or group, so its url needs "{host}"',
    ],
    [check(['kind: dns', 'category: service']), 'line 2: check "web" (dns): needs a host or a group'],
    [
      check(['kind: dns', 'category: service', 'host: a', 'group: b']),
      'line 2: check "web" (dns): gives both host and group: give one',
    ],
    [
      check(['kind: command', 'category: service', 'command: "rm -rf /"']),
      'line 5: check "web" (command): "command" must be a list',
    ],
    [
      'checks:\n  - name: a\n    kind: dns\n    category: service\n    host: a\n  - name: a\n    kind: dns\n    category: service\n    host: b\n',
      'line 6: the name "a" is given to another check too (line 2)',
    ],
    ['checks: [\n', 'line 2: is not valid YAML'],
    ['checks:\n  - name: a\n    name: b\n', 'line 3: is not valid YAML: Map keys must be unique'],
    ['checks: []\n', 'line 1: "checks" must not be empty'],
    ['- a\n', 'line 1: must be a mapping with a "checks" list'],
    ['check: []\n', 'line 1: needs "checks"'],
  ])('refuses a mistake, naming the line: %#', (text, message) => {
    const refused = refusal(text);
    expect(refused.startsWith(`The checks file smoke.yml, ${message}`)).toBe(true);
    expect(refused).not.toContain('\n');
  });
});

describe('the README example', () => {
  it('is a valid checks file', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const example = /```yaml\n# smoke\.yml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(parseChecks(example ?? '', 'smoke.yml').checks).toHaveLength(7);
  });
});
