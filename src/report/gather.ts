import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readAnsibleResults, RESULTS_FILE, type AnsibleResults } from '../ansible/results.js';
import type { ArtifactStore } from '../artifacts/store.js';
import {
  APPROVAL_RECORD_FILE,
  APPROVAL_RECORD_SCHEMA,
  approvalRecordSchema,
  type ApprovalRecord,
} from '../contracts/approval-record.js';
import { BUILD_METADATA_FILE, readBuildMetadata, type BuildMetadata } from '../contracts/build-metadata.js';
import { ENCRYPTED_BUNDLE_FILE } from '../contracts/encryption.js';
import { MANIFEST_FILE, readContract, readPlanManifest, type PlanManifest } from '../contracts/manifest.js';
import { readRelease, RELEASE_FILE, type Release } from '../contracts/release.js';
import { ConfigurationError, errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { DESTROYED_FILE, readDestroyedRecord, type DestroyedRecord } from '../terraform/destroyed.js';
import { readSmokeResults, SMOKE_RESULTS_FILE, type SmokeResults } from './smoke.js';

/**
 * Gathers every artifact of the run that carries the prefix and reads each with its contract. Nothing
 * here throws for an artifact: one that cannot be downloaded or read is kept with the reason, so the
 * report says so and goes on (the report runs with `if: always()`, after stages that may have failed).
 */

/** The kinds the report reads, longest first so that `errored-state` is not taken for another kind. */
export const READ_KINDS = [
  'errored-state',
  'inventory',
  'approval',
  'outputs',
  'ansible',
  'release',
  'validate',
  'image',
  'smoke',
  'plan',
] as const;
export type ReadKind = (typeof READ_KINDS)[number];

/** Artifacts the report itself makes, which it must not read back on a re-run; and the audit parts it gathers apart. */
export const OWN_KINDS = ['report', 'state-backup', 'audit'] as const;

interface Base {
  name: string;
  stack: string;
  createdAt?: string | undefined;
  /** Why it could not be read; the artifact is then reported as unreadable. */
  problem?: string;
}

export type GatheredArtifact = Base &
  (
    | { kind: 'plan'; manifest?: PlanManifest; encrypted: boolean }
    | { kind: 'approval'; record?: ApprovalRecord }
    | { kind: 'image'; metadata?: BuildMetadata }
    /** `destroyed` when tf-apply applied a destroy plan: the stack has no outputs, and says when it went. */
    | { kind: 'outputs'; outputNames?: string[]; destroyed?: DestroyedRecord }
    | { kind: 'inventory'; hosts?: string[] }
    | { kind: 'ansible'; results?: AnsibleResults }
    | { kind: 'smoke'; smoke?: SmokeResults }
    /** `<prefix>-release-<environment>`: the stack slot of the name holds the environment. */
    | { kind: 'release'; release?: Release }
    | { kind: 'errored-state'; encrypted: boolean }
    | { kind: 'validate'; files?: string[] }
    | { kind: 'other'; files?: string[] }
  );

export interface GatherDependencies {
  artifacts: ArtifactStore;
  logger: Logger;
}

/** `<prefix>-<kind>-<stack>` → kind and stack; `<prefix>-validate` has no stack. */
export function classify(prefix: string, name: string): { kind: ReadKind | 'other'; stack: string } {
  const rest = name.slice(prefix.length + 1);
  for (const kind of READ_KINDS) {
    if (rest === kind) return { kind, stack: '' };
    if (rest.startsWith(`${kind}-`)) return { kind, stack: rest.slice(kind.length + 1) };
  }
  return { kind: 'other', stack: '' };
}

function isOwn(prefix: string, name: string): boolean {
  const rest = name.slice(prefix.length + 1);
  return OWN_KINDS.some((kind) => rest === kind || rest.startsWith(`${kind}-`));
}

// Downloads run a few at a time: each is a round trip to the results service and a blob fetch.
const CONCURRENT_DOWNLOADS = 4;

export async function gatherArtifacts(
  prefix: string,
  scratch: string,
  deps: GatherDependencies,
): Promise<GatheredArtifact[]> {
  const listed = (await deps.artifacts.list(`${prefix}-`)).filter((a) => !isOwn(prefix, a.name));
  deps.logger.info(
    listed.length > 0
      ? `Gathering ${listed.length} artifact(s): ${listed.map((a) => a.name).join(', ')}`
      : `No artifacts named ${prefix}-* in this run.`,
  );
  const gathered: GatheredArtifact[] = [];
  for (let start = 0; start < listed.length; start += CONCURRENT_DOWNLOADS) {
    const batch = listed.slice(start, start + CONCURRENT_DOWNLOADS);
    gathered.push(
      ...(await Promise.all(
        batch.map(async (artifact, offset) => {
          const dir = join(scratch, String(start + offset));
          const { kind, stack } = classify(prefix, artifact.name);
          const base = {
            name: artifact.name,
            stack,
            ...(artifact.createdAt ? { createdAt: artifact.createdAt } : {}),
          };
          try {
            await mkdir(dir, { recursive: true });
            await deps.artifacts.download(artifact.name, dir);
            return await readArtifact(kind, base, dir);
          } catch (error) {
            deps.logger.warning(`Could not read the artifact ${artifact.name}: ${errorMessage(error)}`);
            return { ...base, kind, problem: errorMessage(error) } as GatheredArtifact;
          }
        }),
      )),
    );
  }
  return gathered;
}

const MAX_LISTED_FILES = 50;

async function readArtifact(kind: ReadKind | 'other', base: Base, dir: string): Promise<GatheredArtifact> {
  const text = (file: string) => readFile(join(dir, file), 'utf8');
  switch (kind) {
    case 'plan': {
      // A sealed bundle keeps manifest.json readable beside bundle.iacenc: that is all the report needs.
      const manifest = readPlanManifest(
        await text(MANIFEST_FILE),
        'report',
        'use the same iac-pipeline version in every job',
      );
      return { ...base, kind, manifest, encrypted: existsSync(join(dir, ENCRYPTED_BUNDLE_FILE)) };
    }
    case 'approval': {
      const record = readContract(
        await text(APPROVAL_RECORD_FILE),
        APPROVAL_RECORD_SCHEMA.split('@')[0] ?? '',
        { 1: approvalRecordSchema },
        { file: APPROVAL_RECORD_FILE, reader: 'report' },
      );
      return { ...base, kind, record };
    }
    case 'image':
      return { ...base, kind, metadata: readBuildMetadata(await text(BUILD_METADATA_FILE), 'report') };
    case 'outputs': {
      const outputs = z.record(z.string(), z.unknown()).parse(JSON.parse(await text('outputs.json')));
      const destroyed = existsSync(join(dir, DESTROYED_FILE))
        ? readDestroyedRecord(await text(DESTROYED_FILE))
        : undefined;
      return { ...base, kind, outputNames: Object.keys(outputs).sort(), ...(destroyed ? { destroyed } : {}) };
    }
    case 'inventory':
      return { ...base, kind, hosts: inventoryHosts(parseYaml(await text('inventory.yml'))) };
    case 'ansible':
      return { ...base, kind, results: readAnsibleResults(await text(RESULTS_FILE), 'report') };
    case 'smoke':
      return {
        ...base,
        kind,
        smoke: readSmokeResults(await text(MANIFEST_FILE), await text(SMOKE_RESULTS_FILE)),
      };
    case 'release': {
      // Named by artifact in messages: a run may record releases of several environments.
      const file = `${base.name}/${RELEASE_FILE}`;
      if (!existsSync(join(dir, RELEASE_FILE))) throw new ConfigurationError(`${file} is missing`);
      const release = readRelease(await text(RELEASE_FILE), {
        reader: 'report',
        file,
      });
      return { ...base, kind, release };
    }
    case 'errored-state':
      return { ...base, kind, encrypted: existsSync(join(dir, ENCRYPTED_BUNDLE_FILE)) };
    case 'validate':
    case 'other': {
      const files = (await readdir(dir, { recursive: true })).sort().slice(0, MAX_LISTED_FILES);
      return { ...base, kind, files };
    }
  }
}

/** Every host name of an Ansible YAML inventory (`group: {hosts: {name: vars}, children: {...}}`). */
export function inventoryHosts(inventory: unknown): string[] {
  const hosts = new Set<string>();
  const visit = (group: unknown, depth: number) => {
    if (depth > 20 || group === null || typeof group !== 'object') return;
    const { hosts: members, children } = group as { hosts?: unknown; children?: unknown };
    if (members && typeof members === 'object') for (const name of Object.keys(members)) hosts.add(name);
    if (children && typeof children === 'object') {
      for (const child of Object.values(children)) visit(child, depth + 1);
    }
  };
  if (inventory && typeof inventory === 'object') {
    for (const group of Object.values(inventory)) visit(group, 0);
  }
  return [...hosts].sort();
}
