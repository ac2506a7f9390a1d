import { withState } from './backend.js';
import { shortDigest } from '../contracts/digest.js';
import type { RunContext } from '../core/run-context.js';
import {
  renderPlanSummary,
  renderPlanText,
  SUMMARY_LIMIT_BYTES,
  type PlanRenderContext,
} from '../plan/index.js';
import type { PlanInputLine } from '../plan/plan-markdown.js';
import type { PlanModel } from '../plan/model.js';
import type { PlanManifest, PolicyResult } from '../contracts/manifest.js';
import { approvePolicyCommand, policyBlocks } from '../plan/policy.js';
import { codeSpan } from '../markdown/escape.js';
import { FOOTER_ROOM, planCommentBodies as commentBodies } from '../github/plan-comment.js';
import type { TfPlanResult } from './plan.js';
import { describeSource } from '../releases/promotion.js';

/** The context every rendering of a plan names: stack, workspace, digest, commit and the run. */
export function renderContext(
  result: TfPlanResult,
  run: RunContext,
  options: { commit: string; environment?: string; now?: number },
): PlanRenderContext {
  return {
    stack: result.stack,
    workspace: result.workspace,
    ...(options.environment ? { environment: options.environment } : {}),
    planDigest: result.manifest.planDigest,
    commit: options.commit,
    runUrl: run.runUrl,
    tool: result.manifest.tool,
    ...withState(result.manifest.backend),
    ...(result.manifest.source
      ? { source: describeSource(result.manifest.source, options.now ?? Date.now()) }
      : {}),
    ...withInputs(result.manifest, result.model),
  };
}

/**
 * What a plan's render context takes from the manifest's records beside the plan: `inputs`, each input
 * with where it came from and its value as the plan received it (the model keeps the values of
 * variables not declared sensitive only), and `policy`, the policy check. One function, so that every
 * rendering of a bundle (tf-plan's, the gathered comment's) shows both.
 */
export function withInputs(
  manifest: PlanManifest,
  model: PlanModel,
): { inputs?: PlanInputLine[]; policy?: PolicyResult } {
  return {
    ...(manifest.policy ? { policy: manifest.policy } : {}),
    ...inputLines(manifest, model),
  };
}

function inputLines(manifest: PlanManifest, model: PlanModel): { inputs?: PlanInputLine[] } {
  if (!manifest.inputs || manifest.inputs.length === 0) return {};
  return {
    inputs: manifest.inputs.map((input) => ({
      variable: input.variable,
      from: `${input.stack}.${input.output}`,
      sensitive: input.sensitive,
      ...(input.state ? { serial: input.state.serial } : { pendingOn: input.stack }),
      ...(input.state && !input.sensitive && input.variable in model.variables
        ? { value: JSON.stringify(model.variables[input.variable]) }
        : {}),
    })),
  };
}

/**
 * What happened to the plan bundle, under the plan: the artifact to apply and the command that approves
 * it, or why nothing was uploaded. Kept out of the renderer, which knows plans, not artifacts.
 */
function delivery(result: TfPlanResult): string {
  if (result.refusal) {
    return '> [!CAUTION]\n> **Not uploaded.** `on-destroy` is `fail` and this plan deletes or replaces resources: no job can apply it.';
  }
  const digest = result.manifest.planDigest;
  const approve = `approve with \`/approve ${shortDigest(digest).replace(/^sha256:/, '')}\``;
  // Failures that block need a policy owner's acceptance as well: say how beside the approval.
  const accept =
    result.manifest.policy && policyBlocks(result.manifest.policy)
      ? ` · a policy owner accepts the failures with \`${approvePolicyCommand(digest)}\``
      : '';
  const drift =
    result.drift === undefined
      ? ''
      : result.drift
        ? ' · **drift:** the real infrastructure differs from the state'
        : ' · no drift';
  return `Artifact ${codeSpan(result.artifactName)} · ${approve}${accept}${drift}`;
}

// Room under each limit for the delivery line, which is short and bounded (the artifact name is a
// validated name, the digest fixed length).
const DELIVERY_ROOM = FOOTER_ROOM;

/** The job summary: the whole plan within GitHub's 1 MiB, degraded in steps when it does not fit. */
export function planJobSummary(result: TfPlanResult, ctx: PlanRenderContext): string {
  const body = renderPlanSummary(result.model, ctx, { limitBytes: SUMMARY_LIMIT_BYTES - DELIVERY_ROOM });
  return `${body.trimEnd()}\n\n${delivery(result)}\n`;
}

/**
 * The pull-request comment's bodies: the first, then continuations when the destroyed and replaced
 * resources alone do not fit one. Each leaves room for the markers the comment writer adds.
 */
export function planCommentBodies(result: TfPlanResult, ctx: PlanRenderContext): string[] {
  return commentBodies(result.model, ctx, delivery(result));
}

/** The plan as plain text for the step's log. */
export function planLogText(result: TfPlanResult, ctx: PlanRenderContext): string {
  return renderPlanText(result.model, ctx);
}
