/** The plan's renderings: what tf-plan, the multi-stack comment and the CLI use. */
export {
  buildPlanModel,
  PlanModelBuilder,
  type PlanModel,
  type ResourceEntry,
  type AttributeChange,
  type OutputEntry,
  type CheckEntry,
  type PlanCounts,
  type ShownValue,
} from './model.js';
export {
  renderPlanComment,
  renderPlanSummary,
  COMMENT_LIMIT,
  SUMMARY_LIMIT_BYTES,
  type PlanRenderContext,
  type CommentOptions,
  type SummaryOptions,
} from './plan-markdown.js';
export { readPlanModel } from './plan-stream.js';
export { renderPlanText } from './plan-text.js';
export { renderMultiStackComment } from './multi-stack.js';
