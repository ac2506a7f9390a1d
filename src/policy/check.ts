import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File, sortedFindings } from '../contracts/digest.js';
import { toWorkspacePath, type PolicyFinding, type PolicyResult } from '../contracts/manifest.js';
import { ConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { findOnPath } from '../terraform/tool.js';
import { conftestVersion, runConftest, type RawFinding } from './conftest.js';

/**
 * The policy check of a plan: conftest on its JSON with the `policy` directories, recorded with what
 * decided it (each policy and data file's sha256, conftest's version) so that the record can go into the
 * plan digest. A failure is a result, not an error: the plan is still bundled, and the gate and tf-apply
 * hold it until a policy owner accepts exactly those failures (or `policy-mode: warn` was chosen).
 */

export interface PolicyCheckOptions {
  /** Absolute directories of Rego policies (the input layer keeps them inside the workspace). */
  policyDirs: readonly string[];
  dataFiles: readonly string[];
  namespace: string;
  mode: PolicyResult['mode'];
  /** The plan's `show -json`, as bundled. */
  planJson: string;
  /** The resource addresses of the plan, to name the one a message mentions when the rule gave none. */
  addresses: readonly string[];
  workspace: string;
  /** Hides the plan's sensitive values in the policies' messages, which may quote any value of the plan. */
  redact?: ((text: string) => string) | undefined;
}

export interface PolicyCheckDependencies {
  exec: Exec;
  logger: Logger;
  /** Where conftest is looked for; the process's PATH by default. */
  searchPath?: string;
}

export async function checkPolicy(
  options: PolicyCheckOptions,
  deps: PolicyCheckDependencies,
): Promise<PolicyResult> {
  const shown = options.policyDirs.map((dir) => toWorkspacePath(options.workspace, dir, 'policy')).join(', ');
  const binary = findOnPath('conftest', deps.searchPath ?? process.env.PATH ?? '');
  if (!binary) {
    throw new ConfigurationError(
      'Input "policy" is given, but conftest is not on PATH: run the setup action with conftest-version in an earlier step of this job (or install conftest yourself). The plan was not bundled: a policy check that cannot run never passes.',
    );
  }
  const policies = await policyFiles(options, shown);
  const [version, outcome] = await Promise.all([
    conftestVersion(binary, deps.exec),
    runConftest(
      {
        binary,
        input: options.planJson,
        policyDirs: options.policyDirs,
        dataFiles: options.dataFiles,
        namespace: options.namespace,
        shownPolicies: shown,
      },
      deps.exec,
    ),
  ]);
  const named = (found: RawFinding): PolicyFinding => {
    const address = found.address ?? addressIn(found.message, options.addresses);
    const message = options.redact ? options.redact(found.message) : found.message;
    return { rule: found.rule, message, ...(address ? { address } : {}) };
  };
  const result: PolicyResult = {
    mode: options.mode,
    namespace: options.namespace,
    conftestVersion: version,
    policies,
    data: await Promise.all(
      options.dataFiles.map(async (path) => ({
        path: toWorkspacePath(options.workspace, path, 'policy-data'),
        sha256: await sha256File(path),
      })),
    ),
    evaluated: outcome.evaluated,
    failures: sortedFindings(outcome.failures.map(named)),
    warnings: sortedFindings(outcome.warnings.map(named)),
    passed: outcome.failures.length === 0,
  };
  deps.logger.info(
    `Policy check (conftest ${version}, namespace ${options.namespace}, ${policies.length} policy file(s)): ${result.evaluated} rule(s) evaluated, ${result.failures.length} failure(s), ${result.warnings.length} warning(s).`,
  );
  return result;
}

/** Every Rego file below the directories, as conftest loads them, with its sha256; none is an error. */
async function policyFiles(
  options: Pick<PolicyCheckOptions, 'policyDirs' | 'workspace'>,
  shown: string,
): Promise<PolicyResult['policies']> {
  const files: string[] = [];
  for (const dir of options.policyDirs) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.rego')) files.push(join(entry.parentPath, entry.name));
    }
  }
  if (files.length === 0) {
    throw new ConfigurationError(
      `Input "policy": ${shown} holds no .rego file, so there is no policy to check the plan against. Give the directories of your Rego policies.`,
    );
  }
  files.sort();
  return Promise.all(
    files.map(async (path) => ({
      path: toWorkspacePath(options.workspace, path, 'policy'),
      sha256: await sha256File(path),
    })),
  );
}

/** The longest resource address of the plan that the message names, as a word of its own. */
export function addressIn(message: string, addresses: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const address of addresses) {
    if (found && address.length <= found.length) continue;
    let at = message.indexOf(address);
    while (at >= 0) {
      const rest = message.slice(at + address.length);
      const before = at === 0 ? ' ' : (message[at - 1] ?? ' ');
      // `aws_instance.web` is not named by `aws_instance.web2`, `aws_instance.web[0]` or
      // `module.x.aws_instance.web`; a full stop after it ends the sentence.
      if (!/^(?:[\w[\]-]|\.\w)/.test(rest) && !/[\w.-]/.test(before)) {
        found = address;
        break;
      }
      at = message.indexOf(address, at + 1);
    }
  }
  return found;
}
