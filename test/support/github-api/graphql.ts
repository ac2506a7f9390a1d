/**
 * `POST /graphql`: GraphQL is not in the REST description, so nothing validates it for us. The stand-in
 * answers only the query shapes the suite sends, and answers any other with a GraphQL error, recorded as a
 * violation: code that starts asking GraphQL something new must teach the stand-in first.
 *
 * Deliberate simplifications (so tests do not rely on behaviour we do not model): queries are matched by their
 * text with whitespace folded, not parsed; variables are not read; there is no rate limit of GraphQL's own
 * (points), the request counts against the REST bucket.
 */
import type { Reply } from './context.js';
import type { GitHubUser } from './state.js';

const GRAPHQL_DOCS = 'https://docs.github.com/graphql';

/** The shapes the suite sends, whitespace folded, and what each answers for the token's user. */
const QUERIES: Record<string, (user: GitHubUser) => unknown> = {
  // An installation token's viewer is its bot account, named as REST names it: `<slug>[bot]`.
  'query { viewer { login } }': (user) => ({ viewer: { login: user.login } }),
  '{ viewer { login } }': (user) => ({ viewer: { login: user.login } }),
};

export interface GraphqlOutcome {
  reply: Reply;
  violation?: string;
}

/** GitHub answers GraphQL errors with 200 and an `errors` list. */
const graphqlError = (message: string, violation: string): GraphqlOutcome => ({
  reply: { status: 200, body: { errors: [{ message }] } },
  violation,
});

export function answerGraphql(user: GitHubUser, raw: string): GraphqlOutcome {
  let request: unknown;
  try {
    request = JSON.parse(raw);
  } catch {
    return {
      reply: { status: 400, body: { message: 'Problems parsing JSON', documentation_url: GRAPHQL_DOCS } },
      violation: 'graphql: request body is not JSON',
    };
  }
  const query = (request as { query?: unknown } | null)?.query;
  if (typeof query !== 'string') {
    return graphqlError('A query attribute must be specified and must be a string.', 'graphql: no query');
  }
  const shape = fold(query);
  const answer = QUERIES[shape];
  if (!answer) {
    return graphqlError(
      `The stand-in does not model this query: ${shape.slice(0, 80)}`,
      `graphql: query not modelled by the stand-in: ${shape.slice(0, 200)}`,
    );
  }
  return { reply: { status: 200, body: { data: answer(user) } } };
}

/** Whitespace folded, one space around every brace: `query{viewer{login}}` folds like the pretty form. */
function fold(query: string): string {
  return query
    .replace(/([{}()])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}
