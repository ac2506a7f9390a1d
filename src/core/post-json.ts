import pRetry, { AbortError } from 'p-retry';
import { errorMessage } from './errors.js';
import type { Logger } from './logger.js';

/**
 * POSTs a JSON body to a receiver (a chat webhook, a log collector) with retries: a 5xx, a 429 or a
 * dropped connection is tried again with back-off; another 4xx is not, since the URL or the payload is
 * wrong. Never throws: what is sent here is a copy of a record the run keeps as an artifact, so a
 * receiver that stays down is a warning, and the answer is whether it took the body.
 */

export interface PostJsonDependencies {
  fetch: typeof globalThis.fetch;
  logger: Logger;
  /** Retries after the first attempt. */
  retries?: number;
  /** The first back-off, doubled each retry. */
  minTimeoutMs?: number;
  /** Each attempt's own time limit. */
  attemptTimeoutMs?: number;
}

export interface PostJsonRequest {
  /** The JSON text, sent byte for byte as given (a signature may be over it). */
  body: string;
  headers?: Record<string, string>;
  /** What is being sent, for the log: `the slack notification`. */
  what: string;
  /** What the warning says still holds when the receiver never took it. */
  fallback: string;
  /** The warning annotation's title. */
  title: string;
}

class HttpStatusError extends Error {}

export async function postJson(
  url: string,
  request: PostJsonRequest,
  deps: PostJsonDependencies,
): Promise<boolean> {
  const attempt = async () => {
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...request.headers },
        body: request.body,
        redirect: 'error',
        signal: AbortSignal.timeout(deps.attemptTimeoutMs ?? 10_000),
      });
    } catch (error) {
      // Never the URL in a message: it is a secret. The cause says what went wrong with the connection.
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
            `${capitalized(request.what)} failed (attempt ${attemptNumber}: ${error.message}); trying again.`,
          );
        }
      },
    });
    deps.logger.info(`Sent ${request.what}.`);
    return true;
  } catch (error) {
    deps.logger.warning(
      `${capitalized(request.what)} was not sent: ${errorMessage(error)}. ${request.fallback}`,
      {
        title: request.title,
      },
    );
    return false;
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
