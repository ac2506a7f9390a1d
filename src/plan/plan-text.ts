import { destructiveResources, type PlanModel, type ResourceEntry } from './model.js';
import type { PlanRenderContext } from './plan-markdown.js';
import {
  countsPhrase,
  destructiveVerb,
  diffLine,
  driftNotes,
  groupResources,
  outputLine,
  plural,
  resourceNotes,
  type Phrase,
} from './phrases.js';
import { oneLine } from '../markdown/escape.js';
import type { PolicyFinding, PolicyResult } from '../contracts/manifest.js';
import { findingPrefix, policyHeadline } from './policy.js';

/**
 * The plan as plain text for the log: everything, with no size budget and no markup. Every line the
 * text holds starts with our own words or indentation, never with text from the plan, and text from
 * the plan is kept on one line (line breaks escaped), except diagnostics' details, which are indented.
 */

const phrase = (p: Phrase) =>
  p.map((segment) => (typeof segment === 'string' ? segment : oneLine(segment.code))).join('');
const notes = (list: Phrase[]) => (list.length > 0 ? ` (${list.map(phrase).join('; ')})` : '');

function resourceLines(entry: ResourceEntry, notesOf: (entry: ResourceEntry) => Phrase[]): string[] {
  return [
    `  ${oneLine(entry.address)}${notes(notesOf(entry))}`,
    ...entry.attributes.map((attribute) => `      ${diffLine(attribute)}`),
  ];
}

function heading(ctx: Partial<PlanRenderContext>): string {
  const where = [
    ctx.workspace ? `workspace ${oneLine(ctx.workspace)}` : '',
    ctx.environment ? `environment ${oneLine(ctx.environment)}` : '',
  ].filter(Boolean);
  return `Plan for ${ctx.stack ? oneLine(ctx.stack) : 'the configuration'}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}

export function renderPlanText(model: PlanModel, ctx: Partial<PlanRenderContext> = {}): string {
  const lines: string[] = [heading(ctx)];
  if (ctx.source) lines.push(oneLine(ctx.source));
  lines.push(...inputsText(ctx));
  if (ctx.policy) lines.push(...policyText(ctx.policy, ctx.planDigest ?? ''));
  if (model.errored)
    lines.push('The plan failed. What follows is what it planned before the error; it cannot be applied.');
  lines.push(
    model.hasChanges || model.errored
      ? `Plan: ${countsPhrase(model.counts)}.`
      : 'No changes. The infrastructure matches the configuration.',
  );
  if (model.unchanged > 0 && model.hasChanges)
    lines.push(`${plural(model.unchanged, 'resource')} unchanged.`);
  if (model.counts.drift > 0)
    lines.push(`Drift: ${plural(model.counts.drift, 'resource')} changed outside of the configuration.`);

  const destructive = destructiveResources(model);
  if (destructive.length > 0) {
    lines.push('', `${plural(destructive.length, 'resource')} will be destroyed or replaced:`);
    for (const entry of destructive)
      lines.push(`  - ${oneLine(entry.address)} ${destructiveVerb(entry)}${notes(resourceNotes(entry))}`);
  }
  for (const group of groupResources(model.resources)) {
    lines.push('', `${group.title} (${group.entries.length}):`);
    for (const entry of group.entries) lines.push(...resourceLines(entry, resourceNotes));
  }
  if (model.drift.length > 0) {
    lines.push('', `Drift: changed outside of the configuration (${model.drift.length}):`);
    for (const entry of model.drift) lines.push(...resourceLines(entry, driftNotes));
  }
  if (model.outputs.length > 0) {
    lines.push('', `Output changes (${model.outputs.length}):`);
    for (const output of model.outputs)
      lines.push(`  ${outputLine(output.name, output.before, output.after)}`);
  }
  const failed = model.checks.filter((check) => check.status === 'fail' || check.status === 'error');
  const unknown = model.checks.filter((check) => check.status === 'unknown').length;
  if (failed.length > 0 || unknown > 0) {
    const passed = model.checks.filter((check) => check.status === 'pass').length;
    lines.push('', `Checks: ${failed.length} failed, ${unknown} known only after apply, ${passed} passed`);
    for (const check of failed) {
      const what = check.status === 'error' ? 'could not be evaluated' : 'failed';
      lines.push(
        `  ${oneLine(check.address)} ${what}${check.problems.length > 0 ? `: ${check.problems.map(oneLine).join('; ')}` : ''}`,
      );
    }
  }
  if (model.diagnostics.length > 0) {
    lines.push('', 'Errors and warnings:');
    for (const diagnostic of model.diagnostics) {
      const where = diagnostic.location ? ` (${oneLine(diagnostic.location)})` : '';
      lines.push(
        `  ${diagnostic.severity === 'error' ? 'Error' : 'Warning'}: ${oneLine(diagnostic.summary)}${where}`,
      );
      for (const line of diagnostic.detail.trim().split(/\r\n|\r|\n/)) {
        if (line.trim() !== '') lines.push(`      ${oneLine(line)}`);
      }
    }
  }
  const footer = [
    ctx.planDigest ? `plan digest ${oneLine(ctx.planDigest)}` : '',
    ctx.commit ? `commit ${oneLine(ctx.commit.slice(0, 12))}` : '',
    ctx.tool
      ? `${oneLine(ctx.tool.name)} ${oneLine(ctx.tool.version)}`
      : model.toolVersion
        ? `version ${oneLine(model.toolVersion)}`
        : '',
    ctx.runUrl ? `run ${oneLine(ctx.runUrl)}` : '',
  ].filter(Boolean);
  if (footer.length > 0) lines.push('', footer.join(' · '));
  return lines.join('\n') + '\n';
}

/** The inputs from other stacks, one a line; a provisional plan says so first. */
function inputsText(ctx: Partial<PlanRenderContext>): string[] {
  const inputs = ctx.inputs ?? [];
  if (inputs.length === 0) return [];
  const pending = [...new Set(inputs.flatMap((i) => (i.pendingOn ? [i.pendingOn] : [])))];
  const lines: string[] = [];
  if (pending.length > 0) {
    lines.push(
      `Provisional plan: ${pending.join(', ')} not applied yet; the inputs from ${pending.length === 1 ? 'it' : 'them'} are placeholders, and this plan cannot be approved or applied.`,
    );
  }
  lines.push('Inputs from other stacks:');
  for (const input of inputs) {
    const value = input.pendingOn
      ? `known after ${input.pendingOn} is applied`
      : input.sensitive
        ? '(sensitive)'
        : oneLine(input.value ?? 'null').slice(0, 120);
    lines.push(`  ${oneLine(input.variable)} <- ${oneLine(input.from)}: ${value}`);
  }
  return lines;
}

/** The policy check: passed, or every failure; then every warning. */
function policyText(policy: PolicyResult, planDigest: string): string[] {
  const { title, detail } = policyHeadline(policy, planDigest);
  const item = (finding: PolicyFinding) => `  ${phrase(findingPrefix(finding))}${oneLine(finding.message)}`;
  const lines = [`${title}. ${phrase(detail)}`, ...policy.failures.map(item)];
  if (policy.warnings.length > 0) {
    lines.push(`Policy warnings (${policy.warnings.length}):`, ...policy.warnings.map(item));
  }
  return lines;
}
