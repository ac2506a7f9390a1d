import { describe, expect, it } from '@jest/globals';
import type { PolicyResult } from '../../../src/contracts/manifest.js';
import { buildPlanModel } from '../../../src/plan/model.js';
import { summarizePlan, type PlanDocument } from '../../../src/terraform/plan-summary.js';
import {
  planCommentBodies,
  planJobSummary,
  planLogText,
  withInputs,
} from '../../../src/terraform/plan-summaries.js';
import type { TfPlanResult } from '../../../src/terraform/plan.js';
import { sampleManifest, samplePolicyResult } from '../contracts/fixtures.js';
import { change, CTX, plan } from '../plan/documents.js';

/**
 * How tf-plan's renderings get the policy check: the render context takes it from the manifest where
 * it takes the inputs (so the gathered comment shows it too), and the line under the plan says how a
 * policy owner accepts failures that block.
 */

const failed = samplePolicyResult({
  policies: [{ path: 'policy/vms.rego', sha256: 'b'.repeat(64) }],
  failures: [{ rule: 'deny_vm_size', message: 'too big', address: 'terraform_data.web' }],
});

function result(policy?: PolicyResult): TfPlanResult {
  const document = plan([change('terraform_data.web', ['create'], { after: { input: { size: 'huge' } } })]);
  const manifest = { ...sampleManifest(), ...(policy ? { policy } : {}) };
  return {
    stack: manifest.stack,
    workspace: manifest.workspace,
    exitCode: 2,
    summary: summarizePlan(document as PlanDocument),
    model: buildPlanModel(document),
    manifest,
    jsonPath: '/t/plan.json',
    artifactName: 'iac-plan-network',
  };
}

describe("the plan's renderings", () => {
  it('take the policy check from the manifest beside the inputs, and nothing when there is none', () => {
    const withPolicy = result(failed);
    expect(withInputs(withPolicy.manifest, withPolicy.model)).toEqual({ policy: failed });
    const without = result();
    expect(withInputs(without.manifest, without.model)).toEqual({});
  });

  it('show the Policy section, and say beside the approve command how a policy owner accepts', () => {
    const r = result(failed);
    const ctx = { ...CTX, planDigest: r.manifest.planDigest, ...withInputs(r.manifest, r.model) };
    const short = r.manifest.planDigest.slice(7, 19);
    const [body = ''] = planCommentBodies(r, ctx);
    expect(body).toContain('> **Policy: 1 failure.**');
    expect(body).toContain(
      `Artifact \`iac-plan-network\` · approve with \`/approve ${short}\` · a policy owner accepts the failures with \`/approve-policy ${short}\``,
    );
    expect(planJobSummary(r, ctx)).toContain(`\`/approve-policy ${short}\``);
    expect(planLogText(r, ctx)).toContain('  deny_vm_size on terraform_data.web: too big');
  });

  it('name no acceptance when nothing blocks: a passed check, or failures under policy-mode: warn', () => {
    for (const policy of [
      { ...failed, failures: [], passed: true },
      { ...failed, mode: 'warn' as const },
    ]) {
      const r = result(policy);
      const ctx = { ...CTX, ...withInputs(r.manifest, r.model) };
      expect(planJobSummary(r, ctx)).not.toContain('/approve-policy');
    }
  });
});
