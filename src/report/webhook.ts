import { postJson, type PostJsonDependencies } from '../core/post-json.js';
import type { ReportModel } from './model.js';

/**
 * The outcome message for a Slack or Teams incoming webhook: the title, the outcome, each stage's
 * status and a link to the run. Sent with postJson's retries; a notification that still fails is a
 * warning: the deployment's outcome does not depend on a chat message.
 */

export type WebhookKind = 'slack' | 'teams';

export type WebhookDependencies = PostJsonDependencies;

const OUTCOME_WORD = { success: 'succeeded', failure: 'failed', pending: 'is waiting' } as const;

/** Slack's mrkdwn reads &, < and > as markup: https://api.slack.com/reference/surfaces/formatting#escaping */
function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function stageLines(model: ReportModel): string[] {
  return model.stages.map((r) => `${r.stage}${r.stack ? ` (${r.stack})` : ''}: ${r.status}`);
}

export function webhookPayload(kind: WebhookKind, model: ReportModel): unknown {
  const headline = `${model.title} ${OUTCOME_WORD[model.outcome]}`;
  const emoji =
    model.outcome === 'success' ? ':white_check_mark:' : model.outcome === 'failure' ? ':x:' : ':hourglass:';
  if (kind === 'slack') {
    const stages = stageLines(model).map(slackText).join('\n');
    return {
      text: `${emoji} ${slackText(headline)}: ${model.run.url}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `${emoji} *${slackText(headline)}*` } },
        ...(stages ? [{ type: 'section', text: { type: 'mrkdwn', text: stages } }] : []),
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: `<${model.run.url}|Run ${model.run.runId}> · commit ${slackText(model.run.commit.slice(0, 12))} · ${slackText(model.run.ref)}`,
            },
          ],
        },
      ],
    };
  }
  // Teams workflows (Power Automate) webhooks take an Adaptive Card as a message attachment.
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              size: 'Medium',
              weight: 'Bolder',
              wrap: true,
              color:
                model.outcome === 'success' ? 'Good' : model.outcome === 'failure' ? 'Attention' : 'Warning',
              text: headline,
            },
            {
              type: 'FactSet',
              facts: [
                ...model.stages.map((r) => ({
                  title: `${r.stage}${r.stack ? ` (${r.stack})` : ''}`,
                  value: r.status,
                })),
                { title: 'commit', value: model.run.commit.slice(0, 12) },
                { title: 'ref', value: model.run.ref },
              ],
            },
          ],
          actions: [{ type: 'Action.OpenUrl', title: `Open run ${model.run.runId}`, url: model.run.url }],
        },
      },
    ],
  };
}

/** Sends the message; true when the receiver took it. Never throws: a failure is a warning. */
export function notify(
  url: string,
  kind: WebhookKind,
  model: ReportModel,
  deps: WebhookDependencies,
): Promise<boolean> {
  return postJson(
    url,
    {
      body: JSON.stringify(webhookPayload(kind, model)),
      what: `the ${kind} notification`,
      fallback: 'The report is complete without it.',
      title: 'Notification failed',
    },
    deps,
  );
}
