import { defineOutputs, output } from '../../core/outputs.js';
import type { ReportOutputs } from '../../report/report.js';

export const reportOutputs = defineOutputs<ReportOutputs>({
  'report-path': output.string(),
  'html-path': output.string(),
  'json-path': output.string(),
  'reproduce-path': output.string(),
  outcome: output.string(),
  'artifact-name': output.string(),
  notified: output.boolean(),
  'audit-path': output.string(),
  'audit-events': output.number(),
  'audit-delivered': output.boolean(),
  'metrics-path': output.string(),
});
