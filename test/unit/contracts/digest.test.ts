import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planDigest, sha256File, shortDigest, type PlanDigestInput } from '../../../src/contracts/digest.js';
import type { ReleaseBinding } from '../../../src/contracts/manifest.js';
import { tempDir } from './fixtures.js';

const base: PlanDigestInput = {
  planfile: Buffer.from('planfile bytes\u0000\u00ff', 'latin1'),
  lockFile: Buffer.from('provider "registry.opentofu.org/hashicorp/null" {}\n'),
  stack: 'network',
  workingDirectory: 'infra/network',
  workspace: 'default',
  toolName: 'tofu',
  toolMajor: 1,
};

/** The backend of the pinned backend case, in the construction's order. */
const BACKEND = {
  type: 's3',
  bucket: 'acme-state',
  key: 'network/terraform.tfstate',
  region: 'eu-west-1',
  endpoint: '127.0.0.1:9000',
};

/** A rollback's binding with every optional part, in the construction's order. */
const SOURCE: ReleaseBinding = {
  kind: 'rollback',
  scope: 'release',
  environment: 'prod',
  deploymentId: 4711,
  runId: 8123456789,
  runAttempt: 2,
  commit: '3f5e2a9c1b7d4e6f8a0b2c4d6e8f0a1b3c5d7e9f',
  createdAt: '2026-03-02T09:15:00.000Z',
  image: { id: 'ami-0c55b159cbfafe1f0', name: 'web-base' },
  imageVariable: { name: 'image_id', value: 'ami-0c55b159cbfafe1f0' },
  smoke: { passed: 21, total: 22 },
};

/** The same binding without its optional parts: a release that built no image and ran no smoke checks. */
const MINIMAL_SOURCE: ReleaseBinding = {
  kind: 'rollback',
  scope: 'release',
  environment: 'prod',
  deploymentId: 4711,
  runId: 8123456789,
  runAttempt: 2,
  commit: '3f5e2a9c1b7d4e6f8a0b2c4d6e8f0a1b3c5d7e9f',
  createdAt: '2026-03-02T09:15:00.000Z',
};

describe('planDigest', () => {
  it('is stable: a fixed input gives this digest, in every version (approvals name it)', () => {
    // Pinned from an independent implementation (Python hashlib + struct) of the construction.
    expect(planDigest(base)).toBe('sha256:5860597ee90e48f7d8bf08e4cb7898d9056e75d92b74d8cbc17dd00f18ee83cf');
    expect(planDigest({ ...base, lockFile: undefined })).toBe(
      'sha256:44059fad57c514172e7eb0c61f7d4e8d6732a72c988fee786793ff6c385b7757',
    );
  });

  it('binds the backend when the manifest records it, in the documented field order', () => {
    // Pinned from Python hashlib + struct over the header the construction gives, backend last.
    const backend = {
      endpoint: '127.0.0.1:9000',
      region: 'eu-west-1',
      key: 'network/terraform.tfstate',
      bucket: 'acme-state',
      type: 's3',
    };
    expect(planDigest({ ...base, backend })).toBe(
      'sha256:20690974a2a02e1cec0ed44c7a9529f5c194834b93c1f0eedfd1adb0b5a69d55',
    );
    expect(planDigest({ ...base, backend: { ...backend, key: 'other/terraform.tfstate' } })).not.toBe(
      planDigest({ ...base, backend }),
    );
    expect(planDigest({ ...base, backend: undefined })).toBe(planDigest(base));
  });

  it('binds the release a plan deploys again, in the documented field order', () => {
    // Pinned from this independent implementation of the construction (python3; it gives the two pins
    // above too). Python's dicts keep insertion order, so each is written in the construction's order.
    //
    //   import hashlib, json, struct
    //   def frame(b): return struct.pack('>Q', len(b)) + b
    //   def digest(header, planfile, lock):
    //       h = json.dumps(header, separators=(',', ':')).encode()
    //       s = frame(b'iac/plan-digest@1') + frame(h) + frame(planfile) + frame(lock or b'')
    //       return 'sha256:' + hashlib.sha256(s).hexdigest()
    //   planfile = 'planfile bytes\u0000\u00ff'.encode('latin1')
    //   lock = b'provider "registry.opentofu.org/hashicorp/null" {}\n'
    //   header = {"stack": "network", "workingDirectory": "infra/network", "workspace": "default",
    //             "toolName": "tofu", "toolMajor": 1, "lockFile": True}
    //   backend = {"type": "s3", "bucket": "acme-state", "key": "network/terraform.tfstate",
    //              "region": "eu-west-1", "endpoint": "127.0.0.1:9000"}
    //   source = {"kind": "rollback", "scope": "release", "environment": "prod", "deploymentId": 4711,
    //             "runId": 8123456789, "runAttempt": 2, "commit": "3f5e2a9c1b7d4e6f8a0b2c4d6e8f0a1b3c5d7e9f",
    //             "createdAt": "2026-03-02T09:15:00.000Z",
    //             "image": {"id": "ami-0c55b159cbfafe1f0", "name": "web-base"},
    //             "imageVariable": {"name": "image_id", "value": "ami-0c55b159cbfafe1f0"},
    //             "smoke": {"passed": 21, "total": 22}}
    //   minimal = {k: source[k] for k in ["kind", "scope", "environment", "deploymentId", "runId",
    //                                     "runAttempt", "commit", "createdAt"]}
    //   print(digest({**header, "backend": backend, "source": source}, planfile, lock))
    //   print(digest({**header, "source": minimal}, planfile, lock))
    expect(planDigest({ ...base, backend: BACKEND, source: SOURCE })).toBe(
      'sha256:1b200cfc064d8e89ae37e874e9ad0af3765513d586e68be7399a54381bd8bbe9',
    );
    expect(planDigest({ ...base, source: MINIMAL_SOURCE })).toBe(
      'sha256:69d1990ee355ee5a70d3961d66e1ffcd0f63a29f0d601b15161562eb15a4af49',
    );
  });

  it('binds the stack inputs, provisional and destroy, in the documented order', () => {
    // Pinned from the Python construction above, with
    //   header = {"stack": "vms", "workingDirectory": "infra/vms", ...the rest as above}
    //   be = {"type": "s3", "bucket": "acme-state", "key": "dev/network.tfstate"}
    //   inputs = [{"variable": "network_id", "stack": "network", "output": "id", "sensitive": False,
    //              "workingDirectory": "infra/network", "workspace": "default", "backend": be,
    //              "state": {"lineage": "de046030-440d-ac99-bacc-37b60b069daa", "serial": 3}, "sha256": "a" * 64},
    //             {"variable": "token", "stack": "network", "output": "token", "sensitive": True,
    //              "workingDirectory": "infra/network", "workspace": "default", "backend": be}]
    //   print(digest({**header, "inputs": inputs, "provisional": True}, planfile, lock))
    //   print(digest({**header, "destroy": True}, planfile, lock))
    const vms = { ...base, stack: 'vms', workingDirectory: 'infra/vms' };
    const backend = { key: 'dev/network.tfstate', bucket: 'acme-state', type: 's3' };
    const at = { workingDirectory: 'infra/network', workspace: 'default', backend };
    const networkId = {
      sha256: 'a'.repeat(64),
      state: { serial: 3, lineage: 'de046030-440d-ac99-bacc-37b60b069daa' },
      variable: 'network_id',
      stack: 'network',
      output: 'id',
      sensitive: false,
      ...at,
    };
    const token = { variable: 'token', stack: 'network', output: 'token', sensitive: true, ...at };
    // Given in another order than the construction's: it sorts them by variable.
    expect(planDigest({ ...vms, inputs: [token, networkId], provisional: true })).toBe(
      'sha256:246f64a2bfc351ef788c91a970e5136fd05cd2a694cddacf80850f88e9f7bea9',
    );
    expect(planDigest({ ...vms, destroy: true })).toBe(
      'sha256:d61fe76e8b9e7ddb8667c93cad1671459ef2e49680807b7ad712392b72efd362',
    );
    // Absent, empty and false are the plan without them: older bundles keep their digests.
    expect(planDigest({ ...vms, inputs: [], provisional: false, destroy: false })).toBe(planDigest(vms));
    const moved = { ...networkId, state: { ...networkId.state, serial: 4 } };
    expect(planDigest({ ...vms, inputs: [moved, token] })).not.toBe(
      planDigest({ ...vms, inputs: [networkId, token] }),
    );
    expect(planDigest({ ...vms, inputs: [{ ...networkId, sha256: 'b'.repeat(64) }] })).not.toBe(
      planDigest({ ...vms, inputs: [networkId] }),
    );
  });

  it('binds the policy result, in the documented order whatever order it is given in', () => {
    // Pinned from the Python construction above, with header as for vms and, last,
    //   "policy": {"mode": "enforce", "namespace": "terraform", "conftestVersion": "0.71.1",
    //     "policies": [{"path": "policy/a.rego", "sha256": "1"*64}, {"path": "policy/b.rego", "sha256": "2"*64}],
    //     "data": [{"path": "data/sizes.json", "sha256": "3"*64}], "evaluated": 3,
    //     "failures": [{"rule": "deny_missing_owner", "message": "terraform_data.db has no owner tag",
    //                   "address": "terraform_data.db"}, {"rule": "deny_vm_size", "message": "too big"}],
    //     "warnings": [], "passed": False}
    const vms = { ...base, stack: 'vms', workingDirectory: 'infra/vms' };
    const owner = {
      address: 'terraform_data.db',
      message: 'terraform_data.db has no owner tag',
      rule: 'deny_missing_owner',
    };
    const size = { message: 'too big', rule: 'deny_vm_size' };
    const policy = {
      passed: false,
      warnings: [],
      failures: [size, owner],
      evaluated: 3,
      data: [{ sha256: '3'.repeat(64), path: 'data/sizes.json' }],
      policies: [
        { path: 'policy/b.rego', sha256: '2'.repeat(64) },
        { path: 'policy/a.rego', sha256: '1'.repeat(64) },
      ],
      conftestVersion: '0.71.1',
      namespace: 'terraform',
      mode: 'enforce' as const,
    };
    expect(planDigest({ ...vms, policy })).toBe(
      'sha256:fc2d9dba3887871b047fb6b21e162f9976bbac174e4d79e1c21dc61ed0607fe2',
    );
    // A re-plan is a new result: another failure, warn mode, another policy file each give another digest.
    const digests = new Set([
      planDigest({ ...vms, policy }),
      planDigest({ ...vms, policy: { ...policy, failures: [owner] } }),
      planDigest({ ...vms, policy: { ...policy, mode: 'warn' } }),
      planDigest({
        ...vms,
        policy: { ...policy, policies: [{ path: 'policy/a.rego', sha256: '4'.repeat(64) }] },
      }),
      planDigest(vms),
    ]);
    expect(digests.size).toBe(5);
  });

  it('differs for a plan bound to a release and the same plan unbound', () => {
    expect(planDigest({ ...base, source: SOURCE })).not.toBe(planDigest(base));
    expect(planDigest({ ...base, source: MINIMAL_SOURCE })).not.toBe(planDigest(base));
    expect(planDigest({ ...base, backend: BACKEND, source: SOURCE })).not.toBe(
      planDigest({ ...base, backend: BACKEND }),
    );
    expect(planDigest({ ...base, source: undefined })).toBe(planDigest(base));
  });

  it('changes with every field of the binding, and with each optional part present or not', () => {
    const { image, imageVariable, smoke, ...required } = SOURCE;
    const variants: ReleaseBinding[] = [
      { ...SOURCE, kind: 'promotion' },
      { ...SOURCE, scope: 'image' },
      { ...SOURCE, environment: 'staging' },
      { ...SOURCE, deploymentId: 4712 },
      { ...SOURCE, runId: 8123456790 },
      { ...SOURCE, runAttempt: 1 },
      { ...SOURCE, commit: 'e'.repeat(40) },
      { ...SOURCE, createdAt: '2026-03-02T09:15:01.000Z' },
      { ...SOURCE, image: { id: 'ami-0ffffffffffffffff', name: 'web-base' } },
      { ...SOURCE, image: { id: 'ami-0c55b159cbfafe1f0', name: 'web-next' } },
      { ...SOURCE, image: { id: '', name: 'web-base' } },
      { ...SOURCE, imageVariable: { name: 'ami', value: 'ami-0c55b159cbfafe1f0' } },
      { ...SOURCE, imageVariable: { name: 'image_id', value: 'ami-0ffffffffffffffff' } },
      { ...SOURCE, smoke: { passed: 22, total: 22 } },
      { ...SOURCE, smoke: { passed: 21, total: 23 } },
      { ...required, imageVariable, smoke },
      { ...required, image, smoke },
      { ...required, image, imageVariable },
    ];
    const digests = new Set([SOURCE, ...variants].map((source) => planDigest({ ...base, source })));
    expect(digests.size).toBe(variants.length + 1);
  });

  it('does not depend on the order of the fields in the binding it is given', () => {
    const reversed = <T extends object>(value: T): T =>
      Object.fromEntries(Object.entries(value).reverse()) as T;
    const shuffled: ReleaseBinding = {
      ...reversed({ ...SOURCE, image: undefined, imageVariable: undefined, smoke: undefined }),
      smoke: reversed(SOURCE.smoke!),
      imageVariable: reversed(SOURCE.imageVariable!),
      image: reversed(SOURCE.image!),
    };
    expect(Object.keys(shuffled)[0]).toBe('smoke');
    expect(Object.keys(shuffled.image!)).toEqual(['name', 'id']);
    expect(planDigest({ ...base, backend: BACKEND, source: shuffled })).toBe(
      planDigest({ ...base, backend: BACKEND, source: SOURCE }),
    );
  });

  it('follows the documented construction', () => {
    const frame = (bytes: Buffer) => {
      const length = Buffer.alloc(8);
      length.writeBigUInt64BE(BigInt(bytes.length));
      return Buffer.concat([length, bytes]);
    };
    const header =
      '{"stack":"network","workingDirectory":"infra/network","workspace":"default",' +
      '"toolName":"tofu","toolMajor":1,"lockFile":true}';
    const stream = Buffer.concat([
      frame(Buffer.from('iac/plan-digest@1')),
      frame(Buffer.from(header)),
      frame(base.planfile),
      frame(base.lockFile as Buffer),
    ]);
    expect(planDigest(base)).toBe(`sha256:${createHash('sha256').update(stream).digest('hex')}`);
  });

  it('changes with every input', () => {
    const variants: PlanDigestInput[] = [
      { ...base, planfile: Buffer.from('planfile bytes\u0000\u00fe', 'latin1') },
      { ...base, lockFile: Buffer.from('provider "registry.opentofu.org/hashicorp/null" {} \n') },
      { ...base, lockFile: undefined },
      { ...base, lockFile: Buffer.alloc(0) },
      { ...base, stack: 'network2' },
      { ...base, workingDirectory: 'infra/network2' },
      { ...base, workspace: 'prod' },
      { ...base, toolName: 'terraform' },
      { ...base, toolMajor: 2 },
    ];
    const digests = new Set([planDigest(base), ...variants.map(planDigest)]);
    expect(digests.size).toBe(variants.length + 1);
  });

  it('frames its parts unambiguously', () => {
    const pairs: Array<[Partial<PlanDigestInput>, Partial<PlanDigestInput>]> = [
      [
        { stack: 'a', workspace: 'bc' },
        { stack: 'ab', workspace: 'c' },
      ],
      [
        { stack: 'a', workingDirectory: 'b' },
        { stack: 'a","workingDirectory":"b', workingDirectory: '' },
      ],
      [
        { planfile: Buffer.from('ab'), lockFile: Buffer.from('c') },
        { planfile: Buffer.from('a'), lockFile: Buffer.from('bc') },
      ],
      [{ lockFile: undefined }, { lockFile: Buffer.alloc(0) }],
    ];
    for (const [one, other] of pairs) {
      expect(planDigest({ ...base, ...one })).not.toBe(planDigest({ ...base, ...other }));
    }
  });

  it('has the form sha256:<64 hex>', () => {
    expect(planDigest(base)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(shortDigest(planDigest(base))).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  it('refuses inputs of the wrong type (a bug in the caller)', () => {
    expect(() => planDigest({ ...base, toolMajor: 1.5 })).toThrow(TypeError);
    expect(() => planDigest({ ...base, stack: undefined as unknown as string })).toThrow(TypeError);
  });
});

describe('sha256File', () => {
  it('hashes a file larger than one read chunk', async () => {
    const path = join(tempDir(), 'big');
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    writeFileSync(path, bytes);
    expect(await sha256File(path)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('hashes an empty file', async () => {
    const path = join(tempDir(), 'empty');
    writeFileSync(path, '');
    expect(await sha256File(path)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
