import { cellSpan, cellText, codeSpan } from '../markdown/escape.js';
import type { RunContext } from '../core/run-context.js';
import type { PackerBuildResult } from './build.js';

// Custom data and artifacts are the template's to choose; a few hundred rows is already too many to read.
const MAX_ROWS = 200;

/** The job summary of an image build: the image id to hand on, what made it, and what it recorded. */
export function imageSummaryMarkdown(result: PackerBuildResult, run: RunContext): string {
  const { metadata } = result;
  const lines = [
    `## Image ${codeSpan(metadata.name)}`,
    '',
    metadata.skipped
      ? `**Skipped:** the template is unchanged since [run ${metadata.builtBy.runId}](${run.serverUrl}/${run.owner}/${run.repo}/actions/runs/${metadata.builtBy.runId}) built this image.`
      : '',
    '',
    '| | |',
    '| --- | --- |',
    `| Image id | ${metadata.imageId ? cellSpan(metadata.imageId) : '_none_'} |`,
    `| Template | ${cellSpan(metadata.template.path)} (${metadata.template.format === 'hcl2' ? 'HCL2' : 'JSON'}) |`,
    `| Template hash | ${cellSpan(metadata.templateHash)} |`,
    `| Built | ${cellText(metadata.buildTime)} with Packer ${cellText(metadata.packerVersion)} |`,
    `| Artifact | ${cellSpan(result.artifactName)} |`,
    '',
  ];
  if (metadata.artifacts.length > 0) {
    lines.push(
      `### Artifacts (${metadata.artifacts.length})`,
      '',
      '| build | id | files |',
      '| --- | --- | ---: |',
    );
    for (const artifact of metadata.artifacts.slice(0, MAX_ROWS)) {
      lines.push(
        `| ${cellSpan(artifact.build)} | ${artifact.id ? cellSpan(artifact.id) : '_none_'} | ${artifact.files.length} |`,
      );
    }
    if (metadata.artifacts.length > MAX_ROWS)
      lines.push('', `…and ${metadata.artifacts.length - MAX_ROWS} more.`);
    lines.push('');
  }
  const custom = Object.entries(metadata.customData);
  if (custom.length > 0) {
    lines.push('### Recorded by the template', '', '| name | value |', '| --- | --- |');
    for (const [name, value] of custom.slice(0, MAX_ROWS))
      lines.push(`| ${cellSpan(name)} | ${cellSpan(value)} |`);
    if (custom.length > MAX_ROWS) lines.push('', `…and ${custom.length - MAX_ROWS} more.`);
    lines.push('');
  }
  lines.push(`Commit \`${run.sha.slice(0, 12)}\` · [run](${run.runUrl})`, '');
  return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n');
}
