import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import type { PolicyFinding, PolicyResult } from '../contracts/manifest.js';
import type { Logger } from '../core/logger.js';
import type { Finding } from '../validate/checks.js';
import { toSarif } from '../validate/sarif.js';

/**
 * Where a policy finding points: the block of the configuration that declares the resource it names.
 * Only the root module's blocks are found (`aws_instance.web[0]` → `resource "aws_instance" "web"`);
 * a resource inside a module call, or a finding without an address, is annotated without a file.
 */

export interface BlockLocation {
  /** Relative to the workspace, POSIX. */
  file: string;
  line: number;
}

const BLOCK = /^\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"/;

/** `type.name` (and `data.type.name`) → where its block starts, for the .tf files of one directory. */
export async function blockLocations(
  directory: string,
  shownDirectory: string,
): Promise<Map<string, BlockLocation>> {
  const locations = new Map<string, BlockLocation>();
  const names = (await readdir(directory)).filter((name) => name.endsWith('.tf')).sort();
  for (const name of names) {
    const lines = (await readFile(join(directory, name), 'utf8')).split('\n');
    for (const [index, line] of lines.entries()) {
      const match = BLOCK.exec(line);
      if (!match) continue;
      const key = `${match[1] === 'data' ? 'data.' : ''}${match[2]}.${match[3]}`;
      if (!locations.has(key)) {
        const file = shownDirectory === '.' ? name : `${shownDirectory}/${name}`;
        locations.set(key, { file, line: index + 1 });
      }
    }
  }
  return locations;
}

/** The root-module block an address belongs to: its instance key dropped. */
export function blockOf(address: string): string | undefined {
  if (address.startsWith('module.')) return undefined;
  return address.replace(/\[[^\]]*\]$/, '');
}

function locate(
  finding: PolicyFinding,
  locations: ReadonlyMap<string, BlockLocation>,
): BlockLocation | undefined {
  const block = finding.address ? blockOf(finding.address) : undefined;
  return block ? locations.get(block) : undefined;
}

/**
 * One annotation per failure (an error in enforce mode, a warning in warn mode) and per warning, on the
 * block of the resource it names.
 */
export function annotatePolicy(
  result: PolicyResult,
  locations: ReadonlyMap<string, BlockLocation>,
  logger: Logger,
): void {
  const annotate = (finding: PolicyFinding, level: 'error' | 'warning') => {
    const at = locate(finding, locations);
    const text = `${finding.address ? `${finding.address}: ` : ''}${finding.message}`;
    const properties = {
      title: `Policy ${result.namespace}/${finding.rule}`,
      ...(at ? { file: at.file, startLine: at.line } : {}),
    };
    if (level === 'error') logger.error(text, properties);
    else logger.warning(text, properties);
  };
  for (const failure of result.failures) annotate(failure, result.mode === 'enforce' ? 'error' : 'warning');
  for (const warning of result.warnings) annotate(warning, 'warning');
}

export const POLICY_SARIF_TOOL = 'iac-pipeline policy';

/** The policy findings as SARIF, rule ids `policy/<namespace>/<rule>`, on the blocks they name. */
export function policySarif(
  result: PolicyResult,
  locations: ReadonlyMap<string, BlockLocation>,
  subject: string,
): Sarif.Log {
  const findingOf = (finding: PolicyFinding, level: Finding['level']): Finding => {
    const at = locate(finding, locations);
    return {
      rule: `policy/${result.namespace}/${finding.rule}`,
      ruleDescription: `Policy rule ${finding.rule} of namespace ${result.namespace}`,
      level,
      message: `${finding.address ? `${finding.address}: ` : ''}${finding.message}`,
      ...(at ? { file: at.file, line: at.line } : {}),
    };
  };
  const findings = [
    ...result.failures.map((f) => findingOf(f, result.mode === 'enforce' ? 'error' : 'warning')),
    ...result.warnings.map((f) => findingOf(f, 'warning')),
  ];
  return toSarif(
    [
      {
        id: 'policy',
        title: `conftest ${result.conftestVersion}`,
        subject,
        status: result.passed ? 'passed' : 'failed',
        findings,
      },
    ],
    POLICY_SARIF_TOOL,
  );
}
