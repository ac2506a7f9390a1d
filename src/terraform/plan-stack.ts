import { NO_AUDIT, type AuditLog, type OpenAuditEvent } from '../audit/log.js';
import { ConfigurationError } from '../core/errors.js';
import { withoutWorkflowCommands } from '../core/logger.js';
import type { StepReport } from '../core/outputs.js';
import { driftedResources, reportDrift } from '../github/drift-report.js';
import { openPlanComments, planCommentKey, settle } from '../github/plan-comment-session.js';
import {
  plan,
  planStack,
  type TfPlanDependencies,
  type TfPlanInputs,
  type TfPlanOutputs,
  type TfPlanResult,
} from './plan.js';
import { planCommentBodies, planJobSummary, planLogText, renderContext } from './plan-summaries.js';

/**
 * tf-plan's modes plan and drift: plans one stack, and reports the plan in the step's outputs, its log,
 * the job summary, the pull request's plan comment and (drift) the stack's drift issue.
 */
export async function planOneStack(
  inputs: TfPlanInputs,
  deps: TfPlanDependencies & StepReport<TfPlanOutputs>,
): Promise<void> {
  const { logger, run, setOutputs } = deps;
  const stack = planStack(inputs, run);
  const key = planCommentKey(stack);
  const event = (deps.audit ?? NO_AUDIT).begin('plan', { stack, environment: inputs.environment });
  // Found while the tool runs; the old plan is marked outdated at once, so nobody approves it meanwhile.
  const commenting = openPlanComments(inputs, run, logger).then(async (session) => {
    await session?.markOutdated(key, `is being planned: [the run](${run.runUrl}).`);
    return session;
  });
  // Awaited after the plan; until then a failure must not count as an unhandled rejection.
  commenting.catch(() => undefined);
  let result: TfPlanResult;
  try {
    result = await plan(inputs, deps);
  } catch (error) {
    const session = await commenting.catch(() => undefined);
    await session?.markOutdated(key, `could not be planned: see [the run](${run.runUrl}).`);
    throw error;
  }
  const { summary } = result;
  recordPlan(event, result, deps.audit ?? NO_AUDIT, inputs.environment);
  setOutputs({
    'has-changes': summary.hasChanges,
    add: summary.add,
    change: summary.change,
    destroy: summary.destroy,
    replace: summary.replace,
    import: summary.import,
    move: summary.move,
    destroys: summary.destroys,
    'plan-digest': result.manifest.planDigest,
    'artifact-name': result.artifactName,
    'artifact-id': result.artifact?.id,
    'json-path': result.jsonPath,
    exitcode: result.exitCode,
  });
  const { policy } = result.manifest;
  if (policy) {
    setOutputs({
      'policy-passed': policy.passed,
      'policy-failures': policy.failures.length,
      'policy-sarif': result.policySarif,
    });
  }
  if (result.drift !== undefined) {
    setOutputs({ drift: result.drift, drifted: driftedResources(result) });
    if (result.drift) {
      logger.warning(`${result.model.counts.drift} resource(s) changed outside of the configuration.`, {
        title: `Drift in stack ${result.stack}`,
      });
    }
  }

  const { session, failure } = await settle(commenting);
  const ctx = renderContext(result, run, {
    commit: session?.commit ?? run.sha,
    ...(inputs.environment ? { environment: inputs.environment } : {}),
  });
  await withoutWorkflowCommands(logger, () => logger.info(planLogText(result, ctx)));
  await deps.writeSummary(planJobSummary(result, ctx));
  if (failure !== undefined) throw failure;
  if (session) {
    // An uploaded bundle is named in the comment, so that a gate run by a comment can find the plan.
    const origin = result.artifact
      ? { runId: run.runId, artifact: result.artifactName, digest: result.manifest.planDigest }
      : undefined;
    setOutputs({ 'comment-url': await session.publish(key, planCommentBodies(result, ctx), origin) });
  }
  if (result.drift !== undefined) {
    const issue = await reportDrift(result, ctx, inputs, run, logger);
    if (issue?.url) setOutputs({ 'drift-issue-url': issue.url });
  }
  if (result.refusal) throw new ConfigurationError(result.refusal);
}

/** The plan event, and the policy result as an event of its own: what was planned, and what the rules said. */
function recordPlan(
  event: OpenAuditEvent,
  result: TfPlanResult,
  audit: AuditLog,
  environment: string | undefined,
): void {
  const { manifest, summary } = result;
  const kind = manifest.destroy ? 'A destroy plan' : result.drift !== undefined ? 'A drift check' : 'A plan';
  const counts = `${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy, ${summary.replace} to replace`;
  event.update({ planDigest: manifest.planDigest });
  if (result.refusal) event.finish('failure', `${kind}: ${counts}; refused, and no bundle was uploaded.`);
  else event.finish('success', `${kind}: ${summary.hasChanges ? counts : 'no changes'}.`);
  const { policy } = manifest;
  if (!policy) return;
  const outcome = policy.passed ? 'success' : policy.mode === 'warn' ? 'warning' : 'failure';
  audit.record('policy', {
    stack: result.stack,
    environment,
    planDigest: manifest.planDigest,
    outcome,
    detail: `${policy.evaluated} rule(s) of ${policy.namespace} evaluated (${policy.mode}): ${policy.failures.length} failure(s), ${policy.warnings.length} warning(s).`,
  });
}
