import { dirname, relative } from 'node:path';
import { isConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { hasInit, PackerCli, PackerFailure, PackerTemplateError, resolvePacker } from '../packer/cli.js';
import type { PackerDiagnostic } from '../packer/diagnostics.js';
import { analyseTemplate, discoverTemplate, workspacePath } from '../packer/template.js';
import { skipped, type CheckResult, type Finding } from './checks.js';

/**
 * `packer validate` of the template the packer-template input names, through the same Packer wrapper
 * packer-build uses: machine-readable output, errors annotated on the template's files as they stream.
 * Packer runs in the template's directory (a directory template, or a file's own), as people run it.
 */

export interface PackerCheckDependencies {
  exec: Exec;
  logger: Logger;
  workspace: string;
  searchPath?: string;
}

const TITLE = 'packer validate';

export async function checkPacker(
  templatePath: string | undefined,
  deps: PackerCheckDependencies,
): Promise<CheckResult> {
  const { logger, workspace } = deps;
  if (templatePath === undefined) return skipped('packer', TITLE, '-', 'no packer-template given');
  const subject = workspacePath(workspace, templatePath);
  let tool;
  try {
    tool = await resolvePacker(deps.exec, deps.searchPath);
  } catch (error) {
    if (!isConfigurationError(error)) throw error;
    logger.warning(`packer validate was skipped: ${error.message}`, { title: 'Check skipped' });
    return skipped('packer', TITLE, subject, 'packer is not on PATH');
  }
  const started = Date.now();
  const template = await discoverTemplate(templatePath);
  const cwd = template.isDirectory ? template.path : dirname(template.path);
  const cli = new PackerCli({
    tool,
    exec: deps.exec,
    logger,
    template: template.isDirectory ? '.' : relative(cwd, template.path),
    place: {
      cwd,
      relativeDir: workspacePath(workspace, cwd),
      ...(template.isDirectory ? {} : { templateFile: subject }),
    },
  });
  return logger.group(`packer validate (${subject})`, async () => {
    try {
      const analysis = await analyseTemplate(template, cwd, logger);
      if (analysis.requiredPlugins.length > 0 && hasInit(tool)) await cli.init();
      await cli.validate({});
      logger.info('The template is valid.');
      return {
        id: 'packer',
        title: TITLE,
        subject,
        status: 'passed',
        findings: [],
        durationMs: Date.now() - started,
      };
    } catch (error) {
      if (error instanceof PackerTemplateError) {
        return {
          id: 'packer',
          title: TITLE,
          subject,
          status: 'failed',
          reason: `${error.diagnostics.filter((d) => d.severity === 'error').length} error(s)`,
          findings: error.diagnostics.map(findingOf),
          durationMs: Date.now() - started,
        };
      }
      if (error instanceof PackerFailure || isConfigurationError(error)) {
        return {
          id: 'packer',
          title: TITLE,
          subject,
          status: 'failed',
          reason: error.message,
          findings: [
            {
              rule: 'packer/validate',
              ruleDescription: 'Packer template is invalid',
              level: 'error',
              message: error.message,
              ...(template.isDirectory ? {} : { file: subject }),
            },
          ],
          durationMs: Date.now() - started,
        };
      }
      throw error;
    }
  });
}

function findingOf(diagnostic: PackerDiagnostic): Finding {
  const detail = diagnostic.detail ? `: ${diagnostic.detail.split('\n')[0]}` : '';
  return {
    rule: 'packer/validate',
    ruleDescription: 'Packer template is invalid',
    level: diagnostic.severity,
    message: `${diagnostic.summary}${detail}`,
    ...(diagnostic.file !== undefined ? { file: diagnostic.file } : {}),
    ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}),
    ...(diagnostic.column !== undefined ? { column: diagnostic.column } : {}),
  };
}
