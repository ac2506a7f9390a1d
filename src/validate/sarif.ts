import type * as Sarif from 'sarif';
import { SUITE_VERSION } from '../core/version.js';
import type { CheckResult, Finding } from './checks.js';

/**
 * One SARIF 2.1.0 log for every finding of every check, in one run of one tool ("iac-pipeline
 * validate") whose rules are the checks' rule ids: code scanning no longer merges several runs of one
 * upload, so one run is the shape upload-sarif takes without surprises. Paths are relative to the
 * repository root (%SRCROOT%), which is where code scanning looks for them.
 */

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_TOOL_NAME = 'iac-pipeline validate';

export function toSarif(checks: readonly CheckResult[], toolName = SARIF_TOOL_NAME): Sarif.Log {
  const findings = checks.flatMap((check) => check.findings);
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of findings) {
    if (ruleIndex.has(finding.rule)) continue;
    ruleIndex.set(finding.rule, rules.length);
    rules.push({
      id: finding.rule,
      shortDescription: { text: finding.ruleDescription },
      defaultConfiguration: { level: finding.level },
      properties: { tags: tagsOf(finding.rule) },
    });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: toolName, version: SUITE_VERSION, semanticVersion: SUITE_VERSION, rules },
        },
        results: findings.map((finding) => resultOf(finding, ruleIndex.get(finding.rule) ?? 0)),
        invocations: [
          {
            executionSuccessful: true,
            // Checks that could not run are said in the log as notifications, so nobody reads silence as a pass.
            toolExecutionNotifications: checks
              .filter((check) => check.status === 'skipped')
              .map((check) => ({
                level: 'note' as const,
                message: {
                  text: `${check.title} (${check.subject}) was skipped: ${check.reason ?? 'no reason given'}`,
                },
              })),
          },
        ],
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

function resultOf(finding: Finding, index: number): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.rule,
    ruleIndex: index,
    level: finding.level,
    message: { text: finding.message },
  };
  if (finding.file !== undefined) {
    const region: Sarif.Region = {};
    if (finding.line !== undefined) {
      region.startLine = finding.line;
      if (finding.column !== undefined) region.startColumn = finding.column;
      if (finding.endLine !== undefined && finding.endLine >= finding.line) region.endLine = finding.endLine;
      if (finding.endColumn !== undefined && finding.column !== undefined) {
        const sameLine = (finding.endLine ?? finding.line) === finding.line;
        if (!sameLine || finding.endColumn > finding.column) region.endColumn = finding.endColumn;
      }
    }
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
          ...(region.startLine !== undefined ? { region } : {}),
        },
      },
    ];
  }
  return result;
}

function tagsOf(rule: string): string[] {
  if (rule.startsWith('secrets/')) return ['security', 'secrets'];
  if (rule.endsWith('/fmt')) return ['style'];
  return ['correctness'];
}
