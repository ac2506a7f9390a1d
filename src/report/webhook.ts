import pRetry, { AbortError } from 'p-retry';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ReportModel } from './model.js';

/**
 * The outcome message for a Slack or Teams incoming webhook: the title, the outcome, each stage's
 * status and a link to the run. Sent with retries (a 5xx, a 429 or a dropped connection is tried
 * again with back-off; another 4xx is not: the URL or the payload is wrong). A notification that still
 * fails is a warning: the deployment's outcome does not depend on a chat message.
 */

export type WebhookKind = 'slack' | 'teams';

export interface WebhookDependencies {
  fetch: typeof globalThis.fetch;
  logger: Logger;
  /** Retries after the first attempt. */
  retries?: number;
  /** The first back-off, doubled each retry. */
  minTimeoutMs?: number;
  /** Each attempt's own time limit. */
  attemptTimeoutMs?: number;
}

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

class HttpStatusError extends Error {}

/** Sends the message; true when the receiver took it. Never throws: a failure is a warning. */
export async function notify(
  url: string,
  kind: WebhookKind,
  model: ReportModel,
  deps: WebhookDependencies,
): Promise<boolean> {
  const body = JSON.stringify(webhookPayload(kind, model));
  const attempt = async () => {
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(deps.attemptTimeoutMs ?? 10_000),
      });
    } catch (error) {
      // Never the URL in a message: it is the secret. The cause says what went wrong with the connection.
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new HttpStatusError(`the request failed (${errorMessage(error)}${cause})`);
    }
    // The body is read and dropped either way, so the connection is freed; the status is the answer, so a
    // body that cannot be read is ignored.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const problem = new HttpStatusError(`the receiver answered ${response.status}`);
    if (response.status === 429 || response.status >= 500) throw problem;
    throw new AbortError(problem);
  };
  try {
    await pRetry(attempt, {
      retries: deps.retries ?? 3,
      minTimeout: deps.minTimeoutMs ?? 500,
      factor: 2,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0) {
          deps.logger.info(
            `The ${kind} notification failed (attempt ${attemptNumber}: ${error.message}); trying again.`,
          );
        }
      },
    });
    deps.logger.info(`Sent the ${kind} notification.`);
    return true;
  } catch (error) {
    deps.logger.warning(
      `The ${kind} notification was not sent: ${errorMessage(error)}. The report is complete without it.`,
      {
        title: 'Notification failed',
      },
    );
    return false;
  }
}
