export const id = 191;
export const ids = [191];
export const modules = {

/***/ 93191:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runApprovalGate: () => (/* binding */ runApprovalGate)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/core/inputs.js
var inputs = __webpack_require__(50662);
;// CONCATENATED MODULE: ./lib/artifacts/names.js



function artifactName(prefix, kind, stack) {
    return `${prefix}-${kind}-${stack}`;
}
/**
 * The stack's name: the `stack` input, else the working directory's name, else (for the workspace
 * root, whose directory name is the runner's) the repository's name.
 */
function stackName(given, workingDirectory, workspace, repo) {
    if (given)
        return given;
    const name = relative(workspace, workingDirectory) === '' ? repo : basename(workingDirectory);
    if (!NAME_PART.test(name)) {
        throw new ConfigurationError(`Input "stack" is needed: the working directory's name "${name}" cannot be part of an artifact name (use letters, digits, ".", "_" or "-").`);
    }
    return name;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./lib/contracts/manifest.js
var contracts_manifest = __webpack_require__(21330);
;// CONCATENATED MODULE: ./lib/contracts/approval-record.js


/**
 * `approval-record.json`, the artifact `<prefix>-approval-<stack>` that approval-gate uploads on every
 * decision: which plan digest was decided, how, by whom and when. tf-apply is handed the digest; the
 * record is what an auditor reads afterwards.
 */
const APPROVAL_RECORD_FILE = 'approval-record.json';
const APPROVAL_RECORD_SCHEMA = 'iac/approval@1';
const approval_record_text = schemas/* string */.YjP().min(1);
const isoTime = iso/* datetime */.w$({ offset: true });
const approvalVoteSchema = schemas/* object */.Ikc({
    login: approval_record_text,
    /** The repository role the person had when the gate decided, or `environment-reviewer`, or `policy`. */
    permission: approval_record_text,
    at: isoTime,
    commentUrl: schemas/* string */.YjP().optional(),
    /** A reject's reason, or the comment an environment reviewer left. */
    comment: schemas/* string */.YjP().optional(),
});
/** One policy owner's acceptance of a plan's policy failures. */
const policyAcceptanceSchema = schemas/* object */.Ikc({
    login: approval_record_text,
    at: isoTime,
    /** How it was given: an `/approve-policy <digest>` comment, or an approval of the environment's review. */
    via: schemas/* enum */.k5n(['comment', 'environment']),
    commentUrl: schemas/* string */.YjP().optional(),
});
/**
 * The plan's policy check as the gate saw it in the bundle, and who accepted which failures. Absent when
 * the plan had no policy check or its bundle was not read. Acceptances name no digest of their own: the
 * record's `planDigest` is the one they accepted, and the digest covers the policy result, so a new plan
 * (a new digest) has none.
 */
const recordPolicySchema = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['enforce', 'warn']),
    namespace: approval_record_text,
    passed: schemas/* boolean */.zMY(),
    /** The failures of the plan, in canonicalFindings order (src/contracts/digest.ts). */
    failures: schemas/* array */.YOg(contracts_manifest/* policyFindingSchema */.T),
    /**
     * Present when policy owners accepted the failures of an enforce-mode check: tf-apply applies such a
     * plan only when these are exactly the bundle's failures.
     */
    accepted: schemas/* object */.Ikc({ by: schemas/* array */.YOg(policyAcceptanceSchema).min(1), failures: schemas/* array */.YOg(contracts_manifest/* policyFindingSchema */.T) })
        .optional(),
});
const approvalRecordSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(APPROVAL_RECORD_SCHEMA),
    producer: contracts_manifest/* producerSchema */.yO,
    mode: schemas/* enum */.k5n(['environment', 'comment', 'wait', 'policy']),
    /** Who decided in the end: the reviewers (comments), the environment's reviewers, the policy, or an override. */
    decidedBy: schemas/* enum */.k5n(['reviewers', 'environment', 'policy', 'override']),
    status: schemas/* enum */.k5n(['approved', 'rejected', 'pending']),
    planDigest: schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/),
    stack: approval_record_text,
    environment: schemas/* string */.YjP().optional(),
    pullRequest: schemas/* number */.aig().int().positive().optional(),
    /** The commit the plan was made at, when the bundle was read. */
    commit: schemas/* string */.YjP().optional(),
    /** The release the plan deploys again (a promotion's source, a rollback's target), from the bundle. */
    source: contracts_manifest/* releaseBindingSchema */.Un.optional(),
    approvers: schemas/* array */.YOg(approvalVoteSchema),
    /** The policy result and its acceptance; see recordPolicySchema. */
    policy: recordPolicySchema.optional(),
    rejects: schemas/* array */.YOg(approvalVoteSchema),
    minApprovals: schemas/* number */.aig().int().positive(),
    override: schemas/* object */.Ikc({ by: approval_record_text, justification: approval_record_text, accepted: schemas/* boolean */.zMY(), at: isoTime }).optional(),
    runId: schemas/* number */.aig().int().positive(),
    runAttempt: schemas/* number */.aig().int().positive(),
    decidedAt: isoTime,
});

// EXTERNAL MODULE: ./lib/core/errors.js
var errors = __webpack_require__(3828);
;// CONCATENATED MODULE: ./lib/github/dispatch.js

async function dispatchApply(client, repository, dispatch) {
    const { data: pull } = await client.rest.pulls.get({ ...repository, pull_number: dispatch.pullRequest });
    // A fork's branch is not in this repository, so there is no ref to run the apply on.
    const head = pull.head.repo?.full_name;
    // Repository names are case-insensitive on GitHub.
    if (head && head.toLowerCase() !== `${repository.owner}/${repository.repo}`.toLowerCase()) {
        throw new errors/* StepFailure */.pH(`Pull request #${dispatch.pullRequest} comes from the fork ${head}: its plan can only be applied from a branch of this repository`);
    }
    await client.rest.actions.createWorkflowDispatch({
        ...repository,
        workflow_id: dispatch.workflow,
        ref: pull.head.ref,
        inputs: {
            'plan-run-id': String(dispatch.planRunId),
            'plan-digest': dispatch.planDigest,
            stack: dispatch.stack,
            'pr-number': String(dispatch.pullRequest),
        },
    });
    return { ref: pull.head.ref };
}

;// CONCATENATED MODULE: ./lib/github/lazy-client.js
/**
 * The GitHub client, made on first use and then shared. Octokit is loaded only then: the runs that never
 * talk to GitHub do not pay for it (start-up time is measured). Without a token, the first use throws what
 * `missingToken` makes: the message that names the input and why this step needs it.
 */
function lazyGitHubClient(token, logger, run, missingToken) {
    let client;
    return () => (client ??= (async () => {
        if (!token)
            throw missingToken();
        const { createGitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(913), __webpack_require__.e(530), __webpack_require__.e(757)]).then(__webpack_require__.bind(__webpack_require__, 61757));
        return createGitHubClient(token, logger, { apiUrl: run.apiUrl });
    })());
}

// EXTERNAL MODULE: ./lib/core/version.js
var version = __webpack_require__(18067);
// EXTERNAL MODULE: ./lib/github/marked-comments.js
var marked_comments = __webpack_require__(45778);
;// CONCATENATED MODULE: ./lib/github/pull-request.js

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/**
 * The pull request from the `pr-number` input, else from the event: pull_request and pull_request_target
 * carry it, and issue_comment does when the comment is on a pull request. Any other event has none.
 */
async function pullRequestOf(run, prNumber) {
    const event = await readEvent(run.eventPath);
    const fromEvent = PULL_REQUEST_EVENTS.has(run.eventName) ? event.pull_request : undefined;
    if (prNumber !== undefined) {
        const headSha = fromEvent?.number === prNumber ? fromEvent.head?.sha : undefined;
        return { number: prNumber, ...(headSha ? { headSha } : {}) };
    }
    if (fromEvent?.number) {
        return { number: fromEvent.number, ...(fromEvent.head?.sha ? { headSha: fromEvent.head.sha } : {}) };
    }
    if (run.eventName === 'issue_comment' && event.issue?.pull_request && event.issue.number) {
        return { number: event.issue.number };
    }
    return undefined;
}
/** The comment an issue_comment event is about: the command that ran this job. */
async function triggeringCommentId(run) {
    if (run.eventName !== 'issue_comment')
        return undefined;
    const id = (await readEvent(run.eventPath)).comment?.id;
    return typeof id === 'number' ? id : undefined;
}
/** Fills in the head commit when the event did not name it (issue_comment, or a `pr-number` input). */
async function withHeadSha(client, repository, target) {
    if (target.headSha)
        return { number: target.number, headSha: target.headSha };
    const { data } = await client.rest.pulls.get({ ...repository, pull_number: target.number });
    return { number: target.number, headSha: data.head.sha };
}
async function readEvent(path) {
    if (!path)
        return {};
    try {
        const parsed = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
        return parsed !== null && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        // The runner always writes the event file; without one there is simply no pull request to find.
        return {};
    }
}

;// CONCATENATED MODULE: ./lib/approval/commands.js
/**
 * The approval commands a pull-request comment may carry. A comment is a command only when its whole
 * text is one: `/approve <12 to 64 hex digits of the plan digest>` alone, `/approve-policy <the same>`
 * (a policy owner accepting the policy failures of exactly that plan), or `/reject <reason>`. A command
 * quoted, put in a code block, followed by more words, or missing its digest is not one: a reviewer
 * must have meant exactly this plan.
 */
const APPROVE = /^\/(approve|approve-policy)[ \t]+(?:sha256:)?([0-9a-fA-F]{12,64})$/;
const REJECT = /^\/reject(?:[ \t]+([\s\S]*))?$/;
function parseCommand(body) {
    const text = body.replace(/\r\n?/g, '\n').trim();
    const approve = APPROVE.exec(text);
    if (approve?.[1] && approve[2]) {
        const kind = approve[1] === 'approve' ? 'approve' : 'approve-policy';
        return { kind, digestPrefix: approve[2].toLowerCase() };
    }
    const reject = REJECT.exec(text);
    // A reject must say why: the reason goes into the record and the status comment.
    const reason = reject?.[1]?.trim();
    if (reason)
        return { kind: 'reject', reason };
    return undefined;
}
/** Why a comment that looks like a command is not one, to tell its author; undefined when it is not command-like. */
function commandProblem(body) {
    const text = body.trim();
    if (parseCommand(text))
        return undefined;
    // Before /approve: `\b` also ends a word at the hyphen of /approve-policy.
    if (/^\/approve-policy\b/.test(text)) {
        return 'write `/approve-policy` and the first 12 or more hex digits of the plan digest, and nothing else';
    }
    if (/^\/approve\b/.test(text)) {
        return 'write `/approve` and the first 12 or more hex digits of the plan digest, and nothing else';
    }
    if (/^\/reject\s*$/.test(text))
        return 'write `/reject` followed by the reason';
    return undefined;
}
/** True when `prefix` (12+ hex digits) names `digest` (`sha256:<hex>`). */
function namesDigest(prefix, digest) {
    return digest.replace(/^sha256:/, '').startsWith(prefix.toLowerCase());
}

;// CONCATENATED MODULE: ./lib/approval/decide.js

/** Repository roles, lowest first, as `role_name` of the collaborator permission API names them. */
const ROLES = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];
const atLeastRole = (role, minimum) => ROLES.indexOf(role) >= ROLES.indexOf(minimum);
/** What a plan held to the destroy rule (destroy-rule.ts) is called in sentences. */
const destroySubject = (rule) => rule.known ? 'a destroy plan' : 'a plan whose bundle was not read (it may be a destroy)';
/**
 * Decides from the commands on the pull request. Each eligible person's latest command for this plan
 * counts once: an approval must name this plan's digest, so a push that makes a new plan sets every
 * earlier approval aside; a reject from anyone eligible wins over any number of approvals. A command
 * whose comment was edited after it was written counts for nothing: the words may not be its author's.
 */
function decide(comments, standings, rules) {
    const ignored = [];
    const edited = [];
    const latest = new Map();
    const accepting = new Map();
    const ordered = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
    for (const comment of ordered) {
        if (comment.editedAt !== undefined) {
            edited.push({
                login: comment.author,
                commentUrl: comment.url,
                kind: comment.command.kind,
                editedAt: comment.editedAt,
            });
            continue;
        }
        const login = comment.author.toLowerCase();
        const standing = standings.get(login) ?? { role: 'none', listed: false };
        // An acceptance is its own decision: it neither replaces nor is replaced by the person's /approve.
        if (comment.command.kind === 'approve-policy') {
            const refused = acceptanceIneligibility(comment, standing, rules);
            if (refused)
                ignored.push({ login: comment.author, commentUrl: comment.url, why: refused });
            else
                accepting.set(login, comment);
            continue;
        }
        const why = ineligibility(comment, standing, rules);
        if (why) {
            ignored.push({ login: comment.author, commentUrl: comment.url, why });
            continue;
        }
        latest.set(login, { comment, standing });
    }
    const votes = [...latest.values()].map(({ comment, standing }) => ({
        login: comment.author,
        role: standing.role,
        at: comment.createdAt,
        commentUrl: comment.url,
        commentId: comment.id,
        ...(comment.command.kind === 'reject' ? { reason: comment.command.reason } : {}),
    }));
    const approvals = votes.filter((vote) => vote.reason === undefined);
    const rejects = votes.filter((vote) => vote.reason !== undefined);
    const acceptances = [...accepting.values()].map((comment) => ({
        login: comment.author,
        role: standings.get(comment.author.toLowerCase())?.role ?? 'none',
        at: comment.createdAt,
        commentUrl: comment.url,
        commentId: comment.id,
    }));
    const policyPending = rules.policyRule !== undefined && acceptances.length === 0;
    const enough = approvals.length >= rules.minApprovals;
    const status = rejects.length > 0 ? 'rejected' : enough && !policyPending ? 'approved' : 'pending';
    return {
        status,
        approvals,
        rejects,
        ignored,
        edited,
        missing: status === 'approved' ? 0 : Math.max(0, rules.minApprovals - approvals.length),
        acceptances,
        policyPending,
    };
}
function ineligibility(comment, standing, rules) {
    const { command } = comment;
    if (command.kind === 'approve' && !namesDigest(command.digestPrefix, rules.planDigest)) {
        return `approves ${command.digestPrefix.slice(0, 12)}, which is not the current plan`;
    }
    if (command.kind === 'reject' && rules.planCreatedAt && comment.createdAt < rules.planCreatedAt) {
        return 'rejected an earlier plan';
    }
    if (rules.destroyRule && !atLeastRole(standing.role, rules.destroyRule.permission)) {
        return `has ${standing.role === 'none' ? 'no' : `the ${standing.role}`} permission on the repository, and ${destroySubject(rules.destroyRule)} needs ${rules.destroyRule.permission} (destroy-min-permission)`;
    }
    if (!standing.listed && !atLeastRole(standing.role, rules.minPermission)) {
        return `has ${standing.role === 'none' ? 'no' : `the ${standing.role}`} permission on the repository, and ${rules.minPermission} or a place in approvers is needed`;
    }
    if (command.kind === 'approve' &&
        !rules.allowSelfApproval &&
        rules.selfLogins.has(comment.author.toLowerCase())) {
        return 'is the author of the pull request or pushed the planned commit, and allow-self-approval is off';
    }
    return undefined;
}
/**
 * Why an `/approve-policy` does not count. Only the digest, a place in policy-owners and not being the
 * change's own author matter: the repository role does not (the list is the standing), and
 * allow-self-approval does not reach it — a failed policy accepted by the person who wrote the change is
 * the hole policy owners exist to close.
 */
function acceptanceIneligibility(comment, standing, rules) {
    const { command } = comment;
    if (command.kind !== 'approve-policy')
        return undefined;
    if (!namesDigest(command.digestPrefix, rules.planDigest)) {
        return `accepts the policy failures of ${command.digestPrefix.slice(0, 12)}, which is not the current plan`;
    }
    if (!rules.policyRule) {
        return 'accepts policy failures, and none are known for this plan: its policies passed, ran with policy-mode: warn or were not checked, or its bundle was not read';
    }
    if (!standing.policyOwner) {
        return `is not in policy-owners${rules.policyRule.owners.length === 0 ? ' (which is empty)' : ''}, so cannot accept policy failures`;
    }
    if (rules.selfLogins.has(comment.author.toLowerCase())) {
        return 'is the author of the pull request or pushed the planned commit, and nobody accepts the policy failures of their own change (allow-self-approval does not extend to this)';
    }
    return undefined;
}

;// CONCATENATED MODULE: ./lib/markdown/escape.js
/**
 * The one Markdown escaper: every job summary, pull-request comment, issue and report puts text it did
 * not write (from plans, pull requests, templates, inventories, tool output) into GitHub Markdown
 * through these functions, without letting it change the layout or add markup. Such text goes into a
 * code span, a `<code>` element or a fenced code block: GitHub does not turn @mentions, #references
 * or :emoji: into links there, and Markdown inside is not parsed. What remains is to make sure the
 * text cannot end its container early, which each function below handles for its own container.
 * Plain text (`cellText`, `htmlText`, `headingText`) is escaped so that it reads as itself.
 */
// Characters that are invisible or reorder text (the "Trojan Source" family), and the two line
// separators JSON.stringify leaves raw: each is shown as its \u escape instead.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;
function escape_escapeInvisible(text) {
    return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Text made safe to show on one line: line breaks and other control characters become escapes. */
function escape_oneLine(text) {
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u001F\u007F-\u009F]/g;
    return escape_escapeInvisible(text).replace(controls, (c) => {
        if (c === '\n')
            return '\\n';
        if (c === '\r')
            return '\\r';
        if (c === '\t')
            return '\\t';
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
/** Longest run of `char` in text. */
function longestRun(text, char) {
    let longest = 0;
    let current = 0;
    for (const c of text) {
        current = c === char ? current + 1 : 0;
        if (current > longest)
            longest = current;
    }
    return longest;
}
/**
 * A code span for running text and list items (not table cells: see `cellCode`). A span ends at the
 * next run of exactly as many backticks as opened it, so the fence is one longer than any run inside;
 * the padding spaces keep a leading or trailing backtick from joining the fence (CommonMark strips one
 * space on each side).
 */
function escape_codeSpan(text) {
    const content = escape_oneLine(text);
    if (content === '')
        return '` `';
    const fence = '`'.repeat(longestRun(content, '`') + 1);
    // A content of spaces only is not stripped, so it takes no padding.
    const pad = content.startsWith('`') || content.endsWith('`') || (/^ .* $/.test(content) && /[^ ]/.test(content))
        ? ' '
        : '';
    return `${fence}${pad}${content}${pad}${fence}`;
}
const HTML_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/**
 * Plain text in a table cell or list item, where code would not read well (names, messages): the
 * characters Markdown and the table read as syntax backslash-escaped, on one line.
 */
function cellText(text) {
    return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}
/** Text inside an HTML block (such as a `<summary>` line): HTML-escaped, on one line. */
function escape_htmlText(text) {
    return escape_oneLine(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
/**
 * Code inside a GFM table cell. A pipe splits the cell even inside a code span, and whether a
 * backslash before it escapes it depends on the backslashes before that, so no span is used: a
 * `<code>` element with every ASCII punctuation character as a numeric reference, which neither the
 * table nor Markdown reads as syntax.
 */
function cellCode(text) {
    const content = escape_oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<code>${content}</code>`;
}
/**
 * Code in a GFM table cell where a code span reads as one: a span when the text has no pipe (the only
 * character that splits a cell inside a span), else `cellCode`, since no escaping of a pipe inside a
 * span shows every text as itself.
 */
function cellSpan(text) {
    return text.includes('|') ? cellCode(text) : escape_codeSpan(text);
}
/**
 * Text as a heading (or any running text outside code): no markup, no HTML, and no @mention (a word
 * joiner after each `@`), since headings are made of repository, workflow and stack names.
 */
function escape_headingText(text) {
    return escape_oneLine(text)
        .replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c)
        .replace(/[\\`*_{}[\]|#!~]/g, (c) => `\\${c}`)
        .replace(/@/g, '@\u2060');
}
/** A link target GitHub renders as given: http(s) only, with the characters that end a link encoded. */
function escape_linkUrl(url) {
    if (!url)
        return undefined;
    try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
            return undefined;
        return parsed.href.replace(/[()[\]<> "'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
    catch {
        return undefined;
    }
}
/**
 * A fenced code block. It ends at a line that starts (after up to three spaces) with a run of at least
 * as many backticks as opened it, so the fence is longer than any run in the content.
 */
function escape_codeBlock(content, info = '') {
    const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
    return `${fence}${info}\n${content}\n${fence}`;
}
/** Multi-line text for a code block: control characters other than the line breaks escaped. */
function escape_blockText(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map((line) => escape_oneLine(line))
        .join('\n');
}
/** Shortens text to at most `max` characters, saying how much was left out. */
function escape_truncate(text, max) {
    if (text.length <= max)
        return text;
    // Never cut a surrogate pair in half: a lone surrogate is not valid text for the API.
    const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
    return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

;// CONCATENATED MODULE: ./lib/approval/destroy-rule.js


/** The rule when the plan under review is (or may be) a destroy plan; none for any other plan. */
function destroyRuleFor(manifest, permission) {
    if (manifest && manifest.destroy !== true)
        return undefined;
    return { permission, known: manifest !== undefined };
}
/** The higher of two roles: what a comment approval of a destroy plan needs. */
function higherRole(a, b) {
    return atLeastRole(a, b) ? a : b;
}
/** Environment reviewers of a destroy plan: only those with the rule's permission count. */
function countedReviewers(reviewers, rule) {
    const counted = reviewers.filter((r) => atLeastRole(r.role, rule.permission));
    const uncounted = reviewers.filter((r) => !atLeastRole(r.role, rule.permission));
    return { counted, uncounted };
}
const roleText = (role) => (role === 'none' ? 'no permission' : role);
/** The one sentence an environment gate fails with when no reviewer who approved had the permission. */
function noCountedReviewerMessage(environment, stack, reviewers, rule) {
    const who = reviewers.map((r) => `${r.login} has ${roleText(r.role)}`).join(', ');
    return (`The plan of ${stack} is ${rule.known ? 'a destroy plan' : 'a plan whose bundle was not read, so it may be a destroy'}, which needs ${rule.permission} permission on the repository, ` +
        `and no reviewer who approved ${environment} has it (${who}): have someone with ${rule.permission} permission approve the environment, or change destroy-min-permission.`);
}
/** The lines the status comment and the job summary show for a plan held to the rule. */
function destroyRuleLines({ rule, minPermission }, stack) {
    const higher = minPermission ? higherRole(minPermission, rule.permission) : rule.permission;
    const needs = higher === rule.permission
        ? `an approval counts only from someone with **${rule.permission}** permission on the repository (destroy-min-permission)`
        : `an approval counts only from someone with **${higher}** permission on the repository (min-permission), or with **${rule.permission}** (destroy-min-permission) and a place in approvers`;
    return [
        '> [!IMPORTANT]',
        rule.known
            ? `> **Destroy plan:** it deletes the whole stack ${escape_codeSpan(stack)}; ${needs}.`
            : `> **Possibly a destroy plan:** the plan bundle was not read, so nothing shows that it is not a destroy; ${needs}.`,
        '',
    ];
}

;// CONCATENATED MODULE: ./lib/approval/github.js


const isNotFound = (error) => error.status === 404;
/** The approval commands among a pull request's comments, and the comments that tried and failed to be one. */
function commandsIn(comments) {
    const commands = [];
    const malformed = [];
    for (const comment of comments) {
        const author = comment.user?.login;
        if (!author || !comment.body)
            continue;
        const command = parseCommand(comment.body);
        if (command) {
            const editedAt = editedAtOf(comment);
            commands.push({
                id: comment.id,
                url: comment.html_url,
                author,
                createdAt: comment.created_at,
                ...(editedAt ? { editedAt } : {}),
                command,
            });
            continue;
        }
        const problem = commandProblem(comment.body);
        if (problem)
            malformed.push({ author, url: comment.html_url, problem });
    }
    return { commands, malformed };
}
/**
 * When a comment was edited after it was written: REST's `updated_at` later than its `created_at`. Both
 * have whole seconds, so an edit within the second the comment was written does not show here.
 */
function editedAtOf(comment) {
    const created = Date.parse(comment.created_at);
    const updated = Date.parse(comment.updated_at);
    if (Number.isNaN(created) || Number.isNaN(updated))
        return undefined;
    return updated > created ? comment.updated_at : undefined;
}
/**
 * Each person's standing: their repository role, and whether `approvers` names them or a team they are
 * an active member of. Asked once per person, all at once. With `policy`, whether `policy-owners` names
 * them is asked too, of the authors of `/approve-policy` commands only (`policy.of`): nobody else's
 * place in that list decides anything.
 */
async function standingsOf(client, repository, logins, approvers, policy) {
    const owners = new Set((policy?.of ?? []).map((login) => login.toLowerCase()));
    const unique = [...new Set(logins.map((login) => login.toLowerCase()))];
    const entries = await Promise.all(unique.map(async (login) => {
        const [role, listed, policyOwner] = await Promise.all([
            roleOf(client, repository, login),
            listedIn(client, approvers, login),
            policy && owners.has(login) ? listedIn(client, policy.owners, login) : Promise.resolve(undefined),
        ]);
        return [login, { role, listed, ...(policyOwner !== undefined ? { policyOwner } : {}) }];
    }));
    return new Map(entries);
}
/** Whether a list of users and `org/team` slugs names `login`, or a team it is an active member of. */
async function listedIn(client, list, login) {
    const users = new Set(list.filter((a) => !a.includes('/')).map((a) => a.toLowerCase()));
    if (users.has(login.toLowerCase()))
        return true;
    return memberOfAny(client, list.filter((a) => a.includes('/')), login);
}
async function roleOf(client, repository, login) {
    try {
        const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
            ...repository,
            username: login,
        });
        // role_name knows maintain and triage; the legacy `permission` folds them into write and read.
        const name = data.role_name ?? data.permission;
        return ROLES.includes(name) ? name : 'none';
    }
    catch (error) {
        if (isNotFound(error))
            return 'none';
        throw error;
    }
}
async function memberOfAny(client, teams, login) {
    for (const team of teams) {
        const [org = '', slug = ''] = team.split('/');
        try {
            const { data } = await client.rest.teams.getMembershipForUserInOrg({
                org,
                team_slug: slug,
                username: login,
            });
            if (data.state === 'active')
                return true;
        }
        catch (error) {
            if (!isNotFound(error))
                throw error;
        }
    }
    return false;
}
/**
 * Who may not approve their own change: the pull request's author, and the authors and committers of
 * its head commit (the commit that was planned).
 */
async function selfLoginsOf(client, repository, pullNumber) {
    const [{ data: pull }, commits] = await Promise.all([
        client.rest.pulls.get({ ...repository, pull_number: pullNumber }),
        client.paginate(client.rest.pulls.listCommits, { ...repository, pull_number: pullNumber, per_page: 100 }),
    ]);
    const logins = new Set();
    if (pull.user?.login)
        logins.add(pull.user.login.toLowerCase());
    const head = commits.find((commit) => commit.sha === pull.head.sha) ?? commits.at(-1);
    for (const login of [head?.author?.login, head?.committer?.login]) {
        // GitHub commits its own merges and web edits; "web-flow" is no person.
        if (login && login !== 'web-flow')
            logins.add(login.toLowerCase());
    }
    return { logins, headSha: pull.head.sha };
}
/** Acknowledges a counted command on its comment; a reaction that exists already is not an error. */
async function react(client, repository, commentId, content) {
    await client.rest.reactions.createForIssueComment({ ...repository, comment_id: commentId, content });
}
/** Whether the environment makes a job wait for reviewers, and the reviews this run's jobs got for it. */
async function environmentReviews(client, repository, environment, runId) {
    let protectedByReviewers;
    try {
        const { data } = await client.rest.repos.getEnvironment({ ...repository, environment_name: environment });
        protectedByReviewers = (data.protection_rules ?? []).some((rule) => rule.type === 'required_reviewers');
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
        return { exists: false, protectedByReviewers: false, reviews: [] };
    }
    const { data } = await client.rest.actions.getReviewsForRun({ ...repository, run_id: runId });
    const reviews = data
        .filter((review) => review.environments.some((env) => env.name?.toLowerCase() === environment.toLowerCase()))
        .map((review) => ({
        login: review.user.login,
        state: review.state === 'approved' ? 'approved' : 'rejected',
        comment: review.comment,
    }));
    return { exists: true, protectedByReviewers, reviews };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./lib/contracts/digest.js


/** Names this construction; a different construction would take another label (and schema major). */
const PLAN_DIGEST_LABEL = 'iac/plan-digest@1';
/**
 * The plan digest: what an approval names and what tf-apply checks before it applies. It is a
 * contract, so the construction is fixed and written down here:
 *
 *   planDigest = "sha256:" + lowercase hex of SHA-256( frame(label) ‖ frame(header) ‖ frame(planfile) ‖ frame(lock) )
 *
 *   frame(b) = the length of b in bytes as an unsigned 64-bit big-endian integer, then b
 *   label    = the UTF-8 bytes of "iac/plan-digest@1"
 *   header   = the UTF-8 bytes of JSON.stringify of an object with exactly these keys, in this order:
 *              {"stack": string, "workingDirectory": string, "workspace": string,
 *               "toolName": "tofu" | "terraform", "toolMajor": integer, "lockFile": boolean}
 *              (no whitespace; `lockFile` says whether a lock file is bundled), and when the manifest records
 *              the backend, last, "backend": {"type": string, then those of "bucket", "key", "region",
 *              "endpoint", "workspaceKeyPrefix" that it has, in this order, each a string}; and when
 *              the manifest records the release it deploys again, after that, "source": {"kind",
 *              "scope", "environment", "deploymentId", "runId", "runAttempt", "commit", "createdAt",
 *              then those of "image" {"id", "name", and "identifier" when it has one}, "imageVariable"
 *              {"name", "value"} and
 *              "smoke" {"passed", "total"} that it has, in this order}; and when the manifest records
 *              stack inputs, after that, "inputs": a list ordered by variable of {"variable", "stack",
 *              "output", "sensitive", "workingDirectory", "workspace", "backend" (as above), then those of
 *              "state" {"lineage", "serial"} and "sha256" that it has}; then "provisional": true and
 *              "destroy": true, each only when the manifest says so; and when the manifest records a
 *              policy check, last, "policy": {"mode", "namespace", "conftestVersion", "policies" and
 *              "data" (each a list ordered by path of {"path", "sha256"}), "evaluated", "failures" and
 *              "warnings" (each a list ordered by rule, then address, then message, of {"rule",
 *              "message", then "address" when it has one}), "passed"}
 *   planfile = the bytes of `tfplan`
 *   lock     = the bytes of `.terraform.lock.hcl`, or no bytes when there is none
 *
 * Every part is length-framed and the fields are JSON-encoded strings in a fixed order, so no two
 * different inputs give the same byte stream: stack "a" + workspace "bc" and stack "ab" +
 * workspace "c" differ in the header, and an empty lock file differs from none through `lockFile`.
 */
function planDigest(input) {
    const { stack, workingDirectory, workspace, toolName, toolMajor } = input;
    for (const [name, value] of Object.entries({ stack, workingDirectory, workspace, toolName })) {
        if (typeof value !== 'string')
            throw new TypeError(`planDigest: ${name} must be a string`);
    }
    if (!Number.isSafeInteger(toolMajor) || toolMajor < 0) {
        throw new TypeError('planDigest: toolMajor must be a whole number');
    }
    const header = JSON.stringify({
        stack,
        workingDirectory,
        workspace,
        toolName,
        toolMajor,
        lockFile: input.lockFile !== undefined,
        ...(input.backend ? { backend: canonicalBackend(input.backend) } : {}),
        ...(input.source ? { source: canonicalSource(input.source) } : {}),
        ...(input.inputs && input.inputs.length > 0 ? { inputs: canonicalInputs(input.inputs) } : {}),
        ...(input.provisional ? { provisional: true } : {}),
        ...(input.destroy ? { destroy: true } : {}),
        ...(input.policy ? { policy: canonicalPolicy(input.policy) } : {}),
    });
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const frame = (bytes) => {
        const length = Buffer.alloc(8);
        length.writeBigUInt64BE(BigInt(bytes.length));
        hash.update(length);
        hash.update(bytes);
    };
    frame(Buffer.from(PLAN_DIGEST_LABEL, 'utf8'));
    frame(Buffer.from(header, 'utf8'));
    frame(input.planfile);
    frame(input.lockFile ?? Buffer.alloc(0));
    return `sha256:${hash.digest('hex')}`;
}
/** The backend's fields in the fixed order the construction names, whatever order the record had. */
function canonicalBackend(backend) {
    const fields = ['type', 'bucket', 'key', 'region', 'endpoint', 'workspaceKeyPrefix'];
    const canonical = {};
    for (const field of fields) {
        const value = backend[field];
        if (value !== undefined)
            canonical[field] = value;
    }
    return canonical;
}
/** The binding's fields in the fixed order the construction names, whatever order the record had. */
function canonicalSource(source) {
    const { image, imageVariable, smoke } = source;
    return {
        kind: source.kind,
        scope: source.scope,
        environment: source.environment,
        deploymentId: source.deploymentId,
        runId: source.runId,
        runAttempt: source.runAttempt,
        commit: source.commit,
        createdAt: source.createdAt,
        ...(image
            ? {
                image: {
                    id: image.id,
                    name: image.name,
                    ...(image.identifier !== undefined ? { identifier: image.identifier } : {}),
                },
            }
            : {}),
        ...(imageVariable ? { imageVariable: { name: imageVariable.name, value: imageVariable.value } } : {}),
        ...(smoke ? { smoke: { passed: smoke.passed, total: smoke.total } } : {}),
    };
}
/** The inputs in the fixed order the construction names: by variable, each with its fields in order. */
function canonicalInputs(inputs) {
    return [...inputs]
        .sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : 0))
        .map((input) => ({
        variable: input.variable,
        stack: input.stack,
        output: input.output,
        sensitive: input.sensitive,
        workingDirectory: input.workingDirectory,
        workspace: input.workspace,
        backend: canonicalBackend(input.backend),
        ...(input.state ? { state: { lineage: input.state.lineage, serial: input.state.serial } } : {}),
        ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
    }));
}
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Findings by rule, then address, then message: the order the manifest keeps and the digest takes. */
function sortedFindings(findings) {
    return [...findings].sort((a, b) => byText(a.rule, b.rule) || byText(a.address ?? '', b.address ?? '') || byText(a.message, b.message));
}
/** Findings in the fixed order the construction names, so the order conftest printed them in is no part of it. */
function canonicalFindings(findings) {
    return sortedFindings(findings).map((f) => ({
        rule: f.rule,
        message: f.message,
        ...(f.address !== undefined ? { address: f.address } : {}),
    }));
}
function canonicalPolicy(policy) {
    const files = (list) => [...list].sort((a, b) => byText(a.path, b.path)).map((f) => ({ path: f.path, sha256: f.sha256 }));
    return {
        mode: policy.mode,
        namespace: policy.namespace,
        conftestVersion: policy.conftestVersion,
        policies: files(policy.policies),
        data: files(policy.data),
        evaluated: policy.evaluated,
        failures: canonicalFindings(policy.failures),
        warnings: canonicalFindings(policy.warnings),
        passed: policy.passed,
    };
}
/** The sha256 of a file, lowercase hex, read as a stream (planfiles can be large). */
async function digest_sha256File(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
function digest_shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
}

;// CONCATENATED MODULE: ./lib/approval/policy-rule.js



/** Findings in the fixed order of the plan digest (canonicalFindings), as findings. */
function inCanonicalOrder(findings) {
    return canonicalFindings(findings).map((finding) => contracts_manifest/* policyFindingSchema */.T.parse(finding));
}
/** The rule when the plan's policies failed in enforce mode; none for any other plan. */
function policyRuleFor(manifest, owners) {
    const policy = manifest?.policy;
    if (!policy || policy.mode !== 'enforce' || policy.passed)
        return undefined;
    return { namespace: policy.namespace, failures: inCanonicalOrder(policy.failures), owners };
}
/** The record's `policy`: the result the gate saw, and the acceptances that count, if any. */
function recordPolicy(manifest, acceptances) {
    const policy = manifest?.policy;
    if (!policy)
        return undefined;
    const failures = inCanonicalOrder(policy.failures);
    const accepts = policy.mode === 'enforce' && !policy.passed && acceptances.length > 0;
    return {
        mode: policy.mode,
        namespace: policy.namespace,
        passed: policy.passed,
        failures,
        ...(accepts ? { accepted: { by: [...acceptances], failures } } : {}),
    };
}
/** `rule` on `address`, for one-line messages. */
function findingText(finding) {
    return finding.address ? `${finding.rule} on ${finding.address}` : finding.rule;
}
/** The failures in a sentence: the first few by rule and address, and how many more. */
function failuresInBrief(failures, shown = 5) {
    const named = failures.slice(0, shown).map(findingText).join(', ');
    const more = failures.length - shown;
    return more > 0 ? `${named} and ${more} more` : named;
}
const policy_rule_plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Who may accept, in a sentence: the owners, or that nobody is listed. */
function ownersText(owners) {
    return owners.length > 0
        ? `someone in policy-owners (${owners.join(', ')}) who is not the pull request's author nor the pusher of the planned commit`
        : 'nobody: policy-owners is empty';
}
/** The one sentence an environment gate fails with when no reviewer who approved could accept the failures. */
function noAcceptingReviewerMessage(environment, stack, reviewers, rule) {
    const failed = `The policies of the plan of ${stack} failed (${policy_rule_plural(rule.failures.length, 'failure')}: ${failuresInBrief(rule.failures)})`;
    const who = reviewers.length > 0
        ? `no reviewer who approved ${environment} may accept them (${reviewers.map((r) => `${r.login} ${r.why}`).join('; ')})`
        : `${environment} has no required reviewers, so nobody accepted them (allow-unprotected does not accept policy failures)`;
    const fix = rule.owners.length > 0
        ? `have one of ${rule.owners.join(', ')} approve the environment, or change the plan so that its policies pass`
        : 'list who may accept them in policy-owners, or change the plan so that its policies pass';
    return `${failed}, and ${who}: ${fix}.`;
}
/** Above this many characters the list of failures in the status comment stops: the plan comment lists every one. */
const FAILURES_BUDGET = 24_000;
function findingLines(findings) {
    const lines = [];
    let used = 0;
    for (const [index, finding] of findings.entries()) {
        const address = finding.address ? ` ${escape_codeSpan(finding.address)}` : '';
        const line = `- ${escape_codeSpan(finding.rule)}${address}: ${escape_codeSpan(finding.message)}`;
        used += line.length + 1;
        if (used > FAILURES_BUDGET) {
            lines.push(`- … and ${findings.length - index} more, not shown here to keep this comment within GitHub's size limit: the plan comment and the plan bundle list every one.`);
            break;
        }
        lines.push(line);
    }
    return lines;
}
/** The lines the status comment and the job summary show about the plan's policy check. */
function policyLines(manifest, record, report) {
    if (!manifest) {
        // Only said where policies are in use: a gate given policy owners.
        return report.owners.length > 0
            ? [
                '> [!NOTE]',
                '> **Policy result unknown:** the plan bundle was not read, so this decision accepts no policy failures; if its policies failed, tf-apply refuses it.',
                '',
            ]
            : [];
    }
    const policy = manifest.policy;
    if (!policy)
        return [];
    const where = `namespace ${escape_codeSpan(policy.namespace)}, ${policy_rule_plural(policy.evaluated, 'rule')} evaluated`;
    const warnings = policy.warnings.length > 0 ? `, ${policy_rule_plural(policy.warnings.length, 'warning')}` : '';
    if (policy.passed)
        return [`**Policy:** :white_check_mark: passed (${where}${warnings}).`, ''];
    const failures = findingLines(inCanonicalOrder(policy.failures));
    const count = policy_rule_plural(policy.failures.length, 'failure');
    if (policy.mode === 'warn') {
        return [
            '> [!NOTE]',
            `> **Policy failed, not blocking:** ${count} (${where}); the plan was made with ${escape_codeSpan('policy-mode: warn')}, so they are shown and need no acceptance.`,
            '',
            ...failures,
            '',
        ];
    }
    if (record?.accepted) {
        const by = record.accepted.by
            .map((a) => `@${a.login}${a.commentUrl ? ` ([comment](${a.commentUrl}))` : ` (${a.via})`}`)
            .join(', ');
        return [
            '> [!WARNING]',
            `> **Policy failed, failures accepted** by ${by}: ${count} (${where}).`,
            '',
            ...failures,
            '',
        ];
    }
    const how = report.owners.length === 0
        ? 'Nobody can accept them here, since policy-owners is empty: change the plan so that its policies pass.'
        : report.via === 'environment'
            ? `An approval of the environment accepts them only from ${ownersText(report.owners)}.`
            : `An ${escape_codeSpan('/approve')} does not accept them: ${ownersText(report.owners)} must also comment exactly ${escape_codeSpan(`/approve-policy ${report.digest12}`)}.`;
    return ['> [!CAUTION]', `> **Policy failed:** ${count} (${where}). ${how}`, '', ...failures, ''];
}

;// CONCATENATED MODULE: ./lib/contracts/bundle.js





/** Copies the files into `dir` (created; must be empty), writes manifest.json and returns it. */
async function writePlanBundle(dir, input) {
    await mkdir(dir, { recursive: true });
    const existing = await readdir(dir);
    if (existing.length > 0)
        throw new Error(`the plan bundle directory ${dir} is not empty`);
    const files = {};
    for (const [name, source] of Object.entries(input.files)) {
        if (!isSafeFileName(name) || name === MANIFEST_FILE) {
            throw new Error(`cannot bundle a file named ${JSON.stringify(name)}`);
        }
        await copyFile(source, join(dir, name));
        files[name] = await sha256File(join(dir, name));
    }
    if (!(PLAN_FILE in files))
        throw new Error(`a plan bundle needs ${PLAN_FILE}`);
    const { files: _sources, createdAt, ...fields } = input;
    const manifest = validatePlanManifest({
        schema: PLAN_SCHEMA,
        ...fields,
        createdAt: createdAt ?? new Date().toISOString(),
        files,
        planDigest: await digestOf(dir, { ...fields, files }),
    });
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
}
/** Recomputes the plan digest from the bundled planfile and lock file and the manifest's fields. */
async function digestOf(dir, manifest) {
    return planDigest({
        planfile: await (0,promises_.readFile)((0,external_node_path_.join)(dir, contracts_manifest/* PLAN_FILE */.VI)),
        lockFile: contracts_manifest/* LOCK_FILE */.FI in manifest.files ? await (0,promises_.readFile)((0,external_node_path_.join)(dir, contracts_manifest/* LOCK_FILE */.FI)) : undefined,
        stack: manifest.stack,
        workingDirectory: manifest.workingDirectory,
        workspace: manifest.workspace,
        toolName: manifest.tool.name,
        toolMajor: (0,contracts_manifest/* toolMajor */.yw)(manifest.tool.version),
        backend: manifest.backend,
        source: manifest.source,
        inputs: manifest.inputs,
        provisional: manifest.provisional,
        destroy: manifest.destroy,
        policy: manifest.policy,
    });
}
const AGAIN = 'run tf-plan again and apply the new plan';
const notRegularFile = ({ others }) => others[0] === undefined
    ? undefined
    : `the plan bundle holds ${others[0]}, which is not a regular file: the artifact was altered after tf-plan wrote it; ${AGAIN}`;
const missingFile = ({ manifest, files }) => {
    const name = Object.keys(manifest.files).find((listed) => !files.has(listed));
    return name === undefined
        ? undefined
        : `the plan bundle has no ${name}, which ${contracts_manifest/* MANIFEST_FILE */.h1} lists: the artifact is incomplete or was altered after tf-plan wrote it; ${AGAIN}`;
};
const extraFile = ({ manifest, files }) => {
    const name = [...files].find((present) => !(present in manifest.files));
    return name === undefined
        ? undefined
        : `the plan bundle holds ${name}, which ${contracts_manifest/* MANIFEST_FILE */.h1} does not list: the artifact was altered after tf-plan wrote it; ${AGAIN}`;
};
const changedFile = ({ manifest, sha256 }) => {
    const name = Object.keys(manifest.files).find((listed) => sha256[listed] !== manifest.files[listed]);
    if (name === undefined)
        return undefined;
    const [actual, recorded] = [sha256[name] ?? '', manifest.files[name] ?? ''];
    return (`the plan bundle's ${name} is not the file tf-plan wrote: its sha256 is ${actual.slice(0, 12)}…, ` +
        `${contracts_manifest/* MANIFEST_FILE */.h1} records ${recorded.slice(0, 12)}…; the artifact was altered; ${AGAIN}`);
};
const changedDigest = ({ manifest, digest }) => digest === undefined || digest === manifest.planDigest
    ? undefined
    : `the plan digest recomputed from the bundle (${digest_shortDigest(digest)}…) differs from the one in ${contracts_manifest/* MANIFEST_FILE */.h1} ` +
        `(${digest_shortDigest(manifest.planDigest)}…): ${contracts_manifest/* MANIFEST_FILE */.h1} was edited after tf-plan wrote it; ${AGAIN}`;
const otherStack = ({ manifest }, expected) => manifest.stack === expected.stack
    ? undefined
    : `the plan bundle was made for stack "${manifest.stack}", but this job applies stack "${expected.stack}": ` +
        `apply the plan of stack "${expected.stack}" (plan-artifact), or set stack: ${manifest.stack} if that is the stack you mean`;
const otherWorkingDirectory = ({ manifest }, expected) => manifest.workingDirectory === expected.workingDirectory
    ? undefined
    : `the plan bundle was planned in working directory "${manifest.workingDirectory}", but this job applies ` +
        `"${expected.workingDirectory}": set working-directory: ${manifest.workingDirectory}, or apply a plan made in "${expected.workingDirectory}"`;
const otherWorkspace = ({ manifest }, expected) => manifest.workspace === expected.workspace
    ? undefined
    : `the plan bundle was planned for workspace "${manifest.workspace}", but this job applies workspace ` +
        `"${expected.workspace}": set workspace: ${manifest.workspace}, or plan again for workspace "${expected.workspace}"`;
const otherTool = ({ manifest }, expected) => {
    const [made, runs] = [manifest.tool, expected.tool];
    if (made.name !== runs.name) {
        return (`the plan bundle was made with ${made.name} ${made.version}, but this job runs ${runs.name} ${runs.version}: ` +
            `a plan applies only with the tool that made it; set binary: ${made.name}, or plan again with ${runs.name}`);
    }
    const [madeMajor, runsMajor] = [(0,contracts_manifest/* toolMajor */.yw)(made.version), (0,contracts_manifest/* toolMajor */.yw)(runs.version)];
    return madeMajor === runsMajor
        ? undefined
        : `the plan bundle was made with ${made.name} ${made.version} (${madeMajor}.x), but this job runs ${runs.name} ` +
            `${runs.version} (${runsMajor}.x): a plan applies only with the same major version; install ${made.name} ` +
            `${madeMajor}.x for this job, or plan again with ${runsMajor}.x`;
};
const otherCommit = ({ manifest }, expected) => !expected.requireSameCommit || manifest.commit === expected.commit
    ? undefined
    : `the plan bundle was made at commit ${manifest.commit}, but this job runs at commit ${expected.commit}: ` +
        `the configuration may have changed since the plan. Plan again at this commit, or set require-same-commit: false ` +
        `to apply a plan made at another commit (such as applying on merge the plan made on the pull request)`;
const unapprovedDigest = ({ manifest }, expected) => {
    if (expected.expectedDigest === undefined)
        return undefined;
    const approved = normaliseDigest(expected.expectedDigest);
    return approved === manifest.planDigest
        ? undefined
        : `the plan bundle's digest is ${digest_shortDigest(manifest.planDigest)}…, but expected-plan-digest is ` +
            `${digest_shortDigest(approved)}…: this is not the plan that was approved. A new plan needs a new approval: ` +
            `have this plan approved, or apply the bundle of the approved plan`;
};
function normaliseDigest(digest) {
    const hex = digest
        .trim()
        .toLowerCase()
        .replace(/^sha256:/, '');
    return `sha256:${hex}`;
}
/** In this order: the bytes are what tf-plan wrote, then they were made for this job, then approved. */
const INTEGRITY = [notRegularFile, missingFile, extraFile, changedFile];
const IDENTITY = [otherStack, otherWorkingDirectory, otherWorkspace, otherTool, otherCommit];
const APPROVAL = [unapprovedDigest];
/** Runs the checks in order; the first that finds a problem refuses the bundle. */
function refuseFirst(checks) {
    for (const check of checks) {
        const problem = check();
        if (problem !== undefined)
            throw new errors/* ConfigurationError */.j1(problem);
    }
}
/**
 * Re-reads manifest.json (validated), recomputes every file's sha256 and the plan digest, and checks
 * the bundle was made for what this job applies. Each refusal is one ConfigurationError that says
 * what differs and what to do. Returns the verified manifest.
 */
async function verifyPlanBundle(dir, expected) {
    const bundle = await intactBundle(dir, expected.reader ?? 'tf-apply');
    refuseFirst([...IDENTITY, ...APPROVAL].map((check) => () => check(bundle, expected)));
    return bundle.manifest;
}
/**
 * Checks only that the bundle is what tf-plan wrote (every file's sha256, the plan digest), for readers
 * that show a plan rather than apply it. Returns the manifest.
 */
async function readIntactPlanBundle(dir, reader) {
    return (await intactBundle(dir, reader)).manifest;
}
async function intactBundle(dir, reader) {
    const manifest = await readBundleManifest(dir, reader);
    const files = new Set();
    const others = [];
    for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
        if (entry.name === contracts_manifest/* MANIFEST_FILE */.h1)
            continue;
        if (entry.isFile())
            files.add(entry.name);
        else
            others.push(entry.name);
    }
    const bundle = { manifest, files, others, sha256: {} };
    for (const name of Object.keys(manifest.files)) {
        if (files.has(name))
            bundle.sha256[name] = await digest_sha256File((0,external_node_path_.join)(dir, name));
    }
    refuseFirst(INTEGRITY.map((check) => () => check(bundle)));
    bundle.digest = await digestOf(dir, manifest);
    refuseFirst([() => changedDigest(bundle)]);
    return bundle;
}
async function readBundleManifest(dir, reader) {
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, contracts_manifest/* MANIFEST_FILE */.h1), 'utf8');
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
        throw new errors/* ConfigurationError */.j1(`the plan bundle has no ${contracts_manifest/* MANIFEST_FILE */.h1}: it is not a bundle written by tf-plan; check plan-artifact`);
    }
    return (0,contracts_manifest/* readPlanManifest */.fE)(text, reader);
}

;// CONCATENATED MODULE: ./lib/contracts/encryption.js





/**
 * An encrypted bundle, for `encryption-key`: nothing in the uploaded artifact reveals a resource
 * value. One file, laid out as
 *
 *   offset  size  field
 *        0     7  magic "IACENC1" (the format and its version)
 *        7     1  KDF id: 1 = scrypt
 *        8     1  log2 of scrypt's N (15)
 *        9     1  scrypt r (8)
 *       10     1  scrypt p (1)
 *       11    16  salt, random
 *       27    12  AES-GCM IV, random
 *       39     …  AES-256-GCM ciphertext of the serialised directory
 *   end-16    16  GCM tag
 *
 * The key is scrypt(passphrase as UTF-8, salt, N, r, p) → 32 bytes. The 39 header bytes are the
 * GCM additional data, so a changed KDF parameter, salt or IV fails authentication like a changed
 * ciphertext byte does. The plaintext is the directory's regular files, sorted by name:
 *
 *   u32be count, then per file: u16be name length, name (UTF-8), u64be size, the bytes
 */
/** The file an encrypted bundle travels as, in place of the bundle's files. */
const ENCRYPTED_BUNDLE_FILE = 'bundle.iacenc';
const MAGIC = Buffer.from('IACENC1', 'ascii');
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 4 + SALT_BYTES + IV_BYTES;
/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB of memory. */
const LOG2_N = 15;
const R = 8;
const P = 1;
/** What a reader accepts from a header, so that a forged header cannot ask for gigabytes. */
const MAX_SCRYPT_MEMORY = (/* unused pure expression or super */ null && (256 * 1024 * 1024));
const DECRYPT_FAILED = 'could not decrypt the plan bundle: the encryption-key differs from the one tf-plan used, or the bundle was altered';
function isEncrypted(buffer) {
    return buffer.length >= MAGIC.length && buffer.subarray(0, MAGIC.length).equals(MAGIC);
}
function deriveKey(passphrase, salt, log2N, r, p) {
    const memory = 128 * 2 ** log2N * r;
    const options = { N: 2 ** log2N, r, p, maxmem: memory + 16 * 1024 * 1024 };
    return new Promise((resolve, reject) => {
        scrypt(Buffer.from(passphrase, 'utf8'), salt, KEY_BYTES, options, (error, key) => error ? reject(error) : resolve(key));
    });
}
function checkKey(key) {
    if (typeof key !== 'string' || key === '')
        throw new TypeError('the encryption key must be a non-empty string');
}
/** Serialises and encrypts the regular files of `dir` (flat: a subdirectory or link is a bug). */
async function encryptDirectory(dir, key) {
    checkKey(key);
    const plaintext = await serialiseDirectory(dir);
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const header = Buffer.concat([MAGIC, Buffer.from([KDF_SCRYPT, LOG2_N, R, P]), salt, iv]);
    const cipher = createCipheriv('aes-256-gcm', await deriveKey(key, salt, LOG2_N, R, P), iv, {
        authTagLength: TAG_BYTES,
    });
    cipher.setAAD(header);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}
/** Authenticates and decrypts `buffer`, writing its files into `dir` (created; existing names refused). */
async function decryptToDirectory(buffer, key, dir) {
    checkKey(key);
    const plaintext = await decrypt(buffer, key);
    const files = parseFiles(plaintext);
    await mkdir(dir, { recursive: true });
    for (const [name, bytes] of files)
        await writeFile(join(dir, name), bytes, { flag: 'wx' });
    return [...files.keys()];
}
async function decrypt(buffer, key) {
    if (!isEncrypted(buffer) || buffer.length < HEADER_BYTES + TAG_BYTES)
        throw new ConfigurationError(DECRYPT_FAILED);
    const header = buffer.subarray(0, HEADER_BYTES);
    const [kdf = 0, log2N = 0, r = 0, p = 0] = header.subarray(MAGIC.length, MAGIC.length + 4);
    const plausible = kdf === KDF_SCRYPT &&
        log2N >= 10 &&
        log2N <= 22 &&
        r >= 1 &&
        p >= 1 &&
        p <= 4 &&
        128 * 2 ** log2N * r <= MAX_SCRYPT_MEMORY;
    if (!plausible)
        throw new ConfigurationError(DECRYPT_FAILED);
    const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT_BYTES);
    const iv = header.subarray(MAGIC.length + 4 + SALT_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', await deriveKey(key, salt, log2N, r, p), iv, {
        authTagLength: TAG_BYTES,
    });
    decipher.setAAD(header);
    decipher.setAuthTag(buffer.subarray(buffer.length - TAG_BYTES));
    try {
        return Buffer.concat([
            decipher.update(buffer.subarray(HEADER_BYTES, buffer.length - TAG_BYTES)),
            decipher.final(),
        ]);
    }
    catch {
        // The only failure here is authentication; its message says nothing more, and the key is never in it.
        throw new ConfigurationError(DECRYPT_FAILED);
    }
}
async function serialiseDirectory(dir) {
    const names = (await readdir(dir)).sort();
    const parts = [u32(names.length)];
    for (const name of names) {
        if (!isSafeFileName(name))
            throw new Error(`cannot encrypt a file named ${JSON.stringify(name)}`);
        const path = join(dir, name);
        if (!(await lstat(path)).isFile())
            throw new Error(`cannot encrypt ${path}: not a regular file`);
        const nameBytes = Buffer.from(name, 'utf8');
        const bytes = await readFile(path);
        const size = Buffer.alloc(8);
        size.writeBigUInt64BE(BigInt(bytes.length));
        parts.push(u16(nameBytes.length), nameBytes, size, bytes);
    }
    return Buffer.concat(parts);
}
/**
 * Parses authenticated plaintext. Only a holder of the key could have made it, but names are still
 * checked: nothing is written outside `dir`.
 */
function parseFiles(plaintext) {
    const malformed = (why) => new ConfigurationError(`the decrypted plan bundle is malformed (${why}): it was not written by tf-plan`);
    const files = new Map();
    let offset = 0;
    const take = (length) => {
        if (offset + length > plaintext.length)
            throw malformed('truncated');
        const bytes = plaintext.subarray(offset, offset + length);
        offset += length;
        return bytes;
    };
    const count = take(4).readUInt32BE();
    for (let i = 0; i < count; i++) {
        const name = take(take(2).readUInt16BE()).toString('utf8');
        const size = take(8).readBigUInt64BE();
        if (size > BigInt(plaintext.length))
            throw malformed('truncated');
        if (!isSafeFileName(name))
            throw malformed(`an unsafe file name ${JSON.stringify(name)}`);
        if (files.has(name))
            throw malformed(`${name} twice`);
        files.set(name, Buffer.from(take(Number(size))));
    }
    if (offset !== plaintext.length)
        throw malformed('trailing bytes');
    return files;
}
function u32(value) {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value);
    return bytes;
}
function u16(value) {
    const bytes = Buffer.alloc(2);
    bytes.writeUInt16BE(value);
    return bytes;
}

;// CONCATENATED MODULE: ./lib/plan/values.js
/**
 * Display text for values and paths: one line, unambiguous, and free of characters that change how
 * the text around them reads (line breaks, bidirectional overrides, invisible format characters).
 */

/** A JSON literal of a primitive: strings quoted and escaped, so a value never spans lines. */
function values_displayLiteral(value) {
    if (typeof value === 'string')
        return escapeInvisible(JSON.stringify(value));
    if (typeof value === 'number' || typeof value === 'boolean' || value === null)
        return String(value);
    return escapeInvisible(JSON.stringify(value) ?? 'null');
}
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** `input.tags["a b"][0]`: bare names where they are identifiers, quoted keys otherwise. */
function values_displayPath(steps) {
    let path = '';
    steps.forEach((step, i) => {
        if (typeof step === 'number')
            path += `[${step}]`;
        else if (IDENTIFIER.test(step))
            path += i === 0 ? step : `.${step}`;
        else
            path += `[${values_displayLiteral(step)}]`;
    });
    return path;
}

;// CONCATENATED MODULE: ./lib/plan/sensitive.js

const sensitive_isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The part of a mask (`*_sensitive`, `after_unknown`) under one step: a `true` covers everything below it. */
function sensitive_maskAt(mask, step) {
    if (mask === true)
        return true;
    if (Array.isArray(mask))
        return typeof step === 'number' ? mask[step] : undefined;
    if (sensitive_isObject(mask))
        return typeof step === 'string' ? mask[step] : undefined;
    return undefined;
}
/** True when anything at or under this mask is set. */
function sensitive_anySet(mask) {
    if (mask === true)
        return true;
    if (Array.isArray(mask))
        return mask.some(sensitive_anySet);
    if (sensitive_isObject(mask))
        return Object.values(mask).some(sensitive_anySet);
    return false;
}
/**
 * Sensitive strings, gathered from every place the document marks one, so they can also be redacted
 * where the document forgot the mark: tofu 1.12 keeps `terraform_data.output` unmarked in the state
 * even when it copies a sensitive `input`, and prints the old value in its own plan. Shorter strings
 * are not collected: redacting every "on" or "80" would hide more than it protects.
 */
const MIN_SECRET_LENGTH = 4;
function collectSecrets(value, sensitive, into) {
    if (value === null || value === undefined || !sensitive_anySet(sensitive))
        return;
    if (sensitive === true) {
        if (typeof value === 'string') {
            if (value.length >= MIN_SECRET_LENGTH)
                into.add(value);
        }
        else if (Array.isArray(value)) {
            for (const item of value)
                collectSecrets(item, true, into);
        }
        else if (sensitive_isObject(value)) {
            for (const key in value)
                collectSecrets(value[key], true, into);
        }
        return;
    }
    if (Array.isArray(value))
        value.forEach((item, i) => collectSecrets(item, sensitive_maskAt(sensitive, i), into));
    else if (sensitive_isObject(value))
        for (const key in value)
            collectSecrets(value[key], sensitive_maskAt(sensitive, key), into);
}
/** Every form a secret takes in text, longest first, as one global pattern. */
function secretPattern(secrets) {
    // Values are shown as JSON literals, so a secret inside one appears JSON-escaped.
    const forms = new Set();
    for (const secret of secrets) {
        // The quoted literal first (longest first below), so a whole string shows as (sensitive), unquoted.
        forms.add(displayLiteral(secret));
        forms.add(displayLiteral(secret).slice(1, -1));
        forms.add(secret);
    }
    return new RegExp([...forms]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'), 'g');
}
/**
 * Replaces every gathered secret in the model's text (a value that is exactly one becomes sensitive),
 * and returns the same replacement for the attribute diffs, which are computed later.
 */
function redact(model, secrets) {
    if (secrets.size === 0)
        return undefined;
    const pattern = secretPattern(secrets);
    const literals = new Set([...secrets].map((secret) => displayLiteral(secret)));
    const text = (value) => value.replace(pattern, '(sensitive)');
    const value = (shownValue) => {
        if (shownValue.kind !== 'known')
            return shownValue;
        if (literals.has(shownValue.text))
            return { kind: 'sensitive' };
        pattern.lastIndex = 0;
        return pattern.test(shownValue.text) ? { kind: 'known', text: text(shownValue.text) } : shownValue;
    };
    for (const output of model.outputs) {
        output.before = value(output.before);
        output.after = value(output.after);
    }
    for (const check of model.checks)
        check.problems = check.problems.map(text);
    for (const diagnostic of model.diagnostics) {
        diagnostic.summary = text(diagnostic.summary);
        diagnostic.detail = text(diagnostic.detail);
    }
    return value;
}
/** The secrets of one plan, gathered as the builder reads it, then redacted from the finished model. */
class sensitive_SecretCollector {
    secrets = new Set();
    /** The strings of a value under a sensitivity mask. */
    add(value, sensitive) {
        collectSecrets(value, sensitive, this.secrets);
    }
    /** Both sides of a `resource_changes` or `resource_drift` entry. */
    addChange(raw) {
        if (!sensitive_isObject(raw) || !sensitive_isObject(raw.change))
            return;
        this.add(raw.change.before, raw.change.before_sensitive);
        this.add(raw.change.after, raw.change.after_sensitive);
    }
    /**
     * Root variables declared sensitive: `variables` holds their values, the configuration says which
     * are sensitive.
     */
    addVariables(values, configuration) {
        if (!sensitive_isObject(values) || !sensitive_isObject(configuration))
            return;
        const rootModule = configuration.root_module;
        const declared = sensitive_isObject(rootModule) && sensitive_isObject(rootModule.variables) ? rootModule.variables : {};
        for (const [name, declaration] of Object.entries(declared)) {
            const variable = values[name];
            if (sensitive_isObject(declaration) && declaration.sensitive === true && sensitive_isObject(variable)) {
                this.add(variable.value, true);
            }
        }
    }
    /**
     * A replacement of every gathered secret in free text that quotes the plan (a policy's messages, which
     * may print any value of its input); undefined when the plan has none.
     */
    textRedactor() {
        if (this.secrets.size === 0)
            return undefined;
        const pattern = secretPattern(this.secrets);
        return (text) => text.replace(pattern, '(sensitive)');
    }
    /** Redacts the model (see `redact`); the replacement for values computed later, if there is a secret. */
    redact(model) {
        return redact(model, this.secrets);
    }
}

;// CONCATENATED MODULE: ./lib/plan/model.js




const isComposite = (value) => typeof value === 'object' && value !== null;
function childAt(value, step) {
    if (Array.isArray(value))
        return typeof step === 'number' ? value[step] : undefined;
    if (isObject(value))
        return typeof step === 'string' ? value[step] : undefined;
    return undefined;
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (a === null || b === null || a === undefined || b === undefined)
        return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length)
            return false;
        return a.every((item, i) => deepEqual(item, b[i]));
    }
    if (isObject(a)) {
        if (!isObject(b))
            return false;
        const keys = Object.keys(a);
        if (keys.length !== Object.keys(b).length)
            return false;
        return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
    }
    return false;
}
/**
 * A value as compact display text, with every sensitive part replaced, so a composite that holds one
 * secret among other values can still be shown.
 */
/**
 * A whole value on one line. Parts unknown until apply show as such: the tool leaves them out of the
 * value (or null) and marks them in the unknown mask, so `[null, null]` would otherwise misread.
 */
function compactText(value, sensitive, unknown = undefined) {
    if (unknown === true)
        return '(known after apply)';
    if (sensitive === true)
        return '(sensitive)';
    if (Array.isArray(value)) {
        const items = value.map((item, i) => compactText(item, maskAt(sensitive, i), maskAt(unknown, i)));
        return `[${items.join(', ')}]`;
    }
    if (isObject(value)) {
        const keys = new Set(Object.keys(value));
        if (isObject(unknown))
            for (const key of Object.keys(unknown))
                if (anySet(unknown[key]))
                    keys.add(key);
        const parts = [...keys].map((key) => `${displayLiteral(key)}: ${compactText(value[key], maskAt(sensitive, key), maskAt(unknown, key))}`);
        return `{${parts.join(', ')}}`;
    }
    return displayLiteral(value ?? null);
}
function shown(value, sensitive, unknown = undefined) {
    if (unknown === true)
        return { kind: 'unknown' };
    if (value === null || value === undefined) {
        // A value known only after apply that the tool left out of `after` is unknown, not absent.
        return anySet(unknown) ? { kind: 'unknown' } : { kind: 'absent' };
    }
    if (sensitive === true)
        return { kind: 'sensitive' };
    return { kind: 'known', text: compactText(value, sensitive, unknown) };
}
const absentOrNull = (value) => value === null || value === undefined;
const emptyComposite = (value) => Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0;
/**
 * The leaf-level differences between before and after. Composites of the same kind are walked (objects
 * by key, lists by position); anything else is one change with both sides shown whole.
 */
function diffValues(sides, path, out) {
    const { before, after, beforeSensitive, afterSensitive, afterUnknown } = sides;
    const secret = beforeSensitive === true || afterSensitive === true;
    if (secret || afterUnknown === true) {
        if (afterUnknown !== true && deepEqual(before, after))
            return;
        if (afterUnknown !== true && absentOrNull(before) && absentOrNull(after))
            return;
        out.push({ path, change: sides });
        return;
    }
    const walkable = (Array.isArray(before) || absentOrNull(before)) && (Array.isArray(after) || absentOrNull(after))
        ? 'list'
        : (isObject(before) || absentOrNull(before)) && (isObject(after) || absentOrNull(after))
            ? 'object'
            : undefined;
    // An empty object or list beside nothing is shown as itself, unless parts of it are still unknown.
    const oneSideEmpty = !anySet(afterUnknown) &&
        ((emptyComposite(before) && absentOrNull(after)) || (emptyComposite(after) && absentOrNull(before)));
    if (walkable && (isComposite(before) || isComposite(after) || anySet(afterUnknown)) && !oneSideEmpty) {
        const steps = [];
        if (walkable === 'list') {
            const length = Math.max(Array.isArray(before) ? before.length : 0, Array.isArray(after) ? after.length : 0, Array.isArray(afterUnknown) ? afterUnknown.length : 0);
            for (let i = 0; i < length; i++)
                steps.push(i);
        }
        else {
            const keys = new Set();
            for (const side of [before, after, afterUnknown])
                if (isObject(side))
                    for (const k in side)
                        keys.add(k);
            steps.push(...[...keys].sort());
        }
        for (const step of steps) {
            diffValues({
                before: childAt(before, step),
                after: childAt(after, step),
                beforeSensitive: maskAt(beforeSensitive, step),
                afterSensitive: maskAt(afterSensitive, step),
                afterUnknown: maskAt(afterUnknown, step),
            }, [...path, step], out);
        }
        return;
    }
    if (deepEqual(before, after) && !anySet(afterUnknown))
        return;
    if (absentOrNull(before) && absentOrNull(after) && !anySet(afterUnknown))
        return;
    out.push({ path, change: sides });
}
function startsWith(path, prefix) {
    return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}
function attributeChanges(change, replacePaths) {
    const found = [];
    diffValues({
        before: change.before,
        after: change.after,
        beforeSensitive: change.before_sensitive,
        afterSensitive: change.after_sensitive,
        afterUnknown: change.after_unknown,
    }, [], found);
    return found.map(({ path, change: sides }) => {
        // A value sensitive on either side is hidden on both: a secret that stops being one is still a secret.
        const secret = sides.beforeSensitive === true || sides.afterSensitive === true;
        const before = shown(sides.before, secret ? true : sides.beforeSensitive);
        const after = shown(sides.after, secret ? true : sides.afterSensitive, sides.afterUnknown);
        return {
            path: path.length === 0 ? '(value)' : displayPath(path),
            before,
            after,
            forcesReplacement: replacePaths.some((prefix) => startsWith(path, prefix)),
        };
    });
}
function stringsOf(value) {
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}
function classify(actions) {
    const has = (action) => actions.includes(action);
    if (has('delete') && has('create')) {
        return {
            action: 'replace',
            replaceOrder: actions[0] === 'create' ? 'create-then-delete' : 'delete-then-create',
        };
    }
    if (has('forget') && has('create'))
        return { action: 'forget-then-create' };
    for (const action of ['delete', 'create', 'update', 'forget', 'read']) {
        if (has(action))
            return { action };
    }
    return { action: 'no-op' };
}
function pathSteps(value) {
    if (!Array.isArray(value))
        return [];
    return value
        .filter((path) => Array.isArray(path))
        .map((path) => path.filter((s) => typeof s === 'string' || typeof s === 'number'));
}
function notPlanDocument(what) {
    return new ConfigurationError(`the plan's show -json document is not one: ${what}`);
}
const newShared = () => ({ interned: new Map(), strings: new Map() });
function intern(shared, key, make) {
    let value = shared.interned.get(key);
    if (value === undefined) {
        value = make();
        shared.interned.set(key, value);
    }
    return value;
}
function internString(shared, value) {
    const known = shared.strings.get(value);
    if (known !== undefined)
        return known;
    shared.strings.set(value, value);
    return value;
}
/**
 * One `resource_changes` (or `resource_drift`) entry. The attribute diff is computed each time it is
 * read, from the entry's JSON text when the document is streamed, or from its parsed object: a plan of
 * 50,000 changes would otherwise hold every diff in memory although a comment shows only those that fit.
 */
class Entry {
    address;
    mode;
    type;
    name;
    actions;
    replacePaths;
    replaceSteps;
    source;
    shared;
    module = undefined;
    index = undefined;
    provider = undefined;
    deposed = undefined;
    replaceOrder = undefined;
    actionReason = undefined;
    importing = undefined;
    previousAddress = undefined;
    action;
    constructor(address, mode, type, name, actions, replacePaths, replaceSteps, source, shared) {
        this.address = address;
        this.mode = mode;
        this.type = type;
        this.name = name;
        this.actions = actions;
        this.replacePaths = replacePaths;
        this.replaceSteps = replaceSteps;
        this.source = source;
        this.shared = shared;
        const { action, replaceOrder } = classify(actions);
        this.action = action;
        this.replaceOrder = replaceOrder;
    }
    get attributes() {
        const change = 'text' in this.source && typeof this.source.text === 'function'
            ? JSON.parse(this.source.text()).change
            : this.source;
        const attributes = attributeChanges(change, this.replaceSteps);
        const redactValue = this.shared.redactValue;
        if (!redactValue)
            return attributes;
        return attributes.map((a) => ({ ...a, before: redactValue(a.before), after: redactValue(a.after) }));
    }
    /** The entry as data (`summarize --format json`): its fields and its attribute diff. */
    toJSON() {
        const data = {};
        for (const key of ENTRY_FIELDS)
            if (this[key] !== undefined)
                data[key] = this[key];
        data.attributes = this.attributes;
        return data;
    }
}
const ENTRY_FIELDS = (/* unused pure expression or super */ null && ([
    'address',
    'module',
    'mode',
    'type',
    'name',
    'index',
    'provider',
    'deposed',
    'action',
    'actions',
    'replaceOrder',
    'actionReason',
    'importing',
    'previousAddress',
    'replacePaths',
]));
function resourceEntry(raw, source, shared = newShared()) {
    if (!isObject(raw) || typeof raw.address !== 'string' || !isObject(raw.change)) {
        throw notPlanDocument('a resource change has no address or change');
    }
    const change = raw.change;
    const rawActions = stringsOf(change.actions);
    const actions = rawActions.length === 1
        ? intern(shared, rawActions[0], () => rawActions)
        : intern(shared, rawActions.join(','), () => rawActions);
    const replaceSteps = pathSteps(change.replace_paths);
    const replacePaths = replaceSteps.length === 0
        ? intern(shared, '[]', () => [])
        : intern(shared, JSON.stringify(replaceSteps), () => replaceSteps.map(displayPath));
    const entry = new Entry(raw.address, internString(shared, typeof raw.mode === 'string' ? raw.mode : 'managed'), internString(shared, typeof raw.type === 'string' ? raw.type : ''), internString(shared, typeof raw.name === 'string' ? raw.name : ''), actions, replacePaths, replaceSteps, source ?? change, shared);
    if (typeof raw.module_address === 'string' && raw.module_address) {
        entry.module = internString(shared, raw.module_address);
    }
    if (typeof raw.index === 'string' || typeof raw.index === 'number')
        entry.index = raw.index;
    if (typeof raw.provider_name === 'string')
        entry.provider = internString(shared, raw.provider_name);
    if (typeof raw.deposed === 'string' && raw.deposed)
        entry.deposed = raw.deposed;
    if (typeof raw.action_reason === 'string' && raw.action_reason) {
        entry.actionReason = internString(shared, raw.action_reason);
    }
    if (change.importing !== undefined && change.importing !== null) {
        const id = isObject(change.importing) ? change.importing.id : undefined;
        entry.importing = typeof id === 'string' ? { id } : {};
    }
    if (typeof raw.previous_address === 'string' && raw.previous_address !== raw.address) {
        entry.previousAddress = raw.previous_address;
    }
    return entry;
}
/** True unless every action is one that leaves infrastructure and state alone (as summarizePlan). */
const changesSomething = (actions) => actions.some((action) => action !== 'no-op' && action !== 'read');
function outputEntry(name, raw) {
    if (!isObject(raw))
        return undefined;
    const actions = stringsOf(raw.actions);
    if (!changesSomething(actions))
        return undefined;
    const action = actions.includes('delete') && !actions.includes('create') ? 'delete' : classify(actions).action;
    // An output marked sensitive on either side is hidden on both, like attributes.
    const secret = raw.before_sensitive === true || raw.after_sensitive === true;
    return {
        name,
        action: action === 'create' || action === 'delete' ? action : 'update',
        before: shown(raw.before, secret ? true : raw.before_sensitive),
        after: shown(raw.after, secret ? true : raw.after_sensitive, raw.after_unknown),
    };
}
const CHECK_STATUSES = (/* unused pure expression or super */ null && (['pass', 'fail', 'error', 'unknown']));
function checkEntries(raw) {
    if (!Array.isArray(raw))
        return [];
    return raw.filter(isObject).map((check) => {
        const address = isObject(check.address) ? check.address : {};
        const problems = [];
        for (const instance of Array.isArray(check.instances) ? check.instances : []) {
            if (!isObject(instance) || !Array.isArray(instance.problems))
                continue;
            for (const problem of instance.problems) {
                if (isObject(problem) && typeof problem.message === 'string')
                    problems.push(problem.message);
            }
        }
        const status = CHECK_STATUSES.find((s) => s === check.status) ?? 'unknown';
        return {
            address: typeof address.to_display === 'string' ? address.to_display : '(unnamed check)',
            kind: typeof address.kind === 'string' ? address.kind : 'check',
            status,
            problems,
        };
    });
}
function diagnosticEntry(diagnostic) {
    const entry = {
        severity: diagnostic.severity,
        summary: diagnostic.summary,
        detail: diagnostic.detail,
    };
    const file = diagnostic.file ?? diagnostic.range?.filename;
    if (file)
        entry.location = diagnostic.range ? `${file}:${diagnostic.range.start.line}` : file;
    return entry;
}
/**
 * Builds the model entry by entry, so a reader that streams `resource_changes` never holds the whole
 * document (see plan-stream.ts); buildPlanModel feeds it from a parsed document.
 */
class PlanModelBuilder {
    model;
    secrets = new SecretCollector();
    shared = newShared();
    constructor(head) {
        this.model = {
            formatVersion: head.formatVersion,
            ...(head.toolVersion ? { toolVersion: head.toolVersion } : {}),
            counts: {
                add: 0,
                change: 0,
                replace: 0,
                destroy: 0,
                import: 0,
                move: 0,
                forget: 0,
                read: 0,
                outputChanges: 0,
                drift: 0,
            },
            hasChanges: false,
            errored: false,
            resources: [],
            unchanged: 0,
            drift: [],
            outputs: [],
            checks: [],
            diagnostics: [],
            variables: {},
        };
    }
    /** One `resource_changes` entry, parsed; `source` is its JSON text when the document is streamed. */
    addResourceChange(raw, source) {
        const entry = resourceEntry(raw, source, this.shared);
        this.secrets.addChange(raw);
        const { counts } = this.model;
        if (entry.importing)
            counts.import += 1;
        if (entry.previousAddress)
            counts.move += 1;
        if (changesSomething(entry.actions) || entry.importing || entry.previousAddress)
            this.model.hasChanges = true;
        if (entry.action === 'replace') {
            counts.replace += 1;
        }
        else {
            // Any other combination counts each of its actions, as summarizePlan does (forget+create: a forget and an add).
            for (const action of entry.actions) {
                if (action === 'create')
                    counts.add += 1;
                else if (action === 'update')
                    counts.change += 1;
                else if (action === 'delete')
                    counts.destroy += 1;
                else if (action === 'forget')
                    counts.forget += 1;
                else if (action === 'read')
                    counts.read += 1;
            }
        }
        if (entry.action === 'no-op' && !entry.importing && !entry.previousAddress) {
            this.model.unchanged += 1;
            return;
        }
        this.model.resources.push(entry);
    }
    addDrift(raw, source) {
        const entry = resourceEntry(raw, source, this.shared);
        this.secrets.addChange(raw);
        if (entry.action === 'no-op')
            return;
        this.model.drift.push(entry);
        this.model.counts.drift += 1;
    }
    setOutputChanges(raw) {
        if (!isObject(raw))
            return;
        for (const [name, change] of Object.entries(raw)) {
            if (isObject(change)) {
                this.secrets.add(change.before, change.before_sensitive);
                this.secrets.add(change.after, change.after_sensitive);
            }
            const entry = outputEntry(name, change);
            if (entry)
                this.model.outputs.push(entry);
        }
        this.model.counts.outputChanges = this.model.outputs.length;
        if (this.model.outputs.length > 0)
            this.model.hasChanges = true;
    }
    setToolVersion(version) {
        this.model.toolVersion = version;
    }
    setChecks(raw) {
        this.model.checks = checkEntries(raw);
    }
    setErrored(errored) {
        this.model.errored = errored === true;
    }
    addDiagnostics(diagnostics) {
        this.model.diagnostics.push(...diagnostics.map(diagnosticEntry));
    }
    /**
     * Root variables declared sensitive: `variables` holds their values, the configuration says which
     * are sensitive.
     */
    setVariables(values, configuration) {
        this.secrets.addVariables(values, configuration);
        if (values === null || typeof values !== 'object')
            return;
        const root = configuration
            ?.root_module?.variables;
        // Without the declarations nothing says which are sensitive: keep none.
        if (!root)
            return;
        for (const [name, entry] of Object.entries(values)) {
            if (root?.[name]?.sensitive === true || entry === null || typeof entry !== 'object')
                continue;
            this.model.variables[name] = entry.value;
        }
    }
    finish() {
        const redactValue = this.secrets.redact(this.model);
        if (redactValue)
            this.shared.redactValue = redactValue;
        return this.model;
    }
}
/** Refuses what is not a plan (a state's show -json passes the format check but plans nothing). */
function assertPlanShape(doc) {
    const planKeys = ['planned_values', 'resource_changes', 'output_changes', 'errored'];
    if (!planKeys.some((key) => key in doc) && 'values' in doc) {
        throw notPlanDocument('it describes a state (it has `values` and no `planned_values`); run show -json on a planfile');
    }
    for (const key of ['resource_changes', 'resource_drift']) {
        if (doc[key] !== undefined && doc[key] !== null && !Array.isArray(doc[key])) {
            throw notPlanDocument(`\`${key}\` is not a list`);
        }
    }
}
function buildPlanModel(doc, options = {}) {
    assertPlanFormat(doc);
    assertPlanShape(doc);
    const builder = new PlanModelBuilder({
        formatVersion: doc.format_version,
        ...(typeof doc.terraform_version === 'string' ? { toolVersion: doc.terraform_version } : {}),
    });
    for (const change of doc.resource_changes ?? [])
        builder.addResourceChange(change);
    for (const drift of doc.resource_drift ?? [])
        builder.addDrift(drift);
    builder.setOutputChanges(doc.output_changes);
    builder.setChecks(doc.checks);
    builder.setErrored(doc.errored);
    builder.setVariables(doc.variables, doc.configuration);
    builder.addDiagnostics(options.diagnostics ?? []);
    return builder.finish();
}
/** The addresses a reviewer must see before approving: every delete and replace, in plan order. */
function model_destructiveResources(model) {
    // Renderers ask several times while they fit a plan into its limit; the list is made once per model.
    let found = destructiveCache.get(model.resources);
    if (!found) {
        found = model.resources.filter((entry) => entry.action === 'delete' || entry.action === 'replace');
        destructiveCache.set(model.resources, found);
    }
    return found;
}
const destructiveCache = new WeakMap();

;// CONCATENATED MODULE: ./lib/plan/phrases.js


const phrases_plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const REASONS = {
    replace_because_cannot_update: 'a changed attribute cannot be updated in place',
    replace_because_tainted: 'the object is tainted',
    replace_by_request: 'replacement was requested (-replace)',
    replace_by_triggers: 'replace_triggered_by',
    delete_because_no_resource_config: 'no longer in the configuration',
    delete_because_wrong_repetition: 'count or for_each was added or removed',
    delete_because_count_index: 'its count index is out of range',
    delete_because_each_key: 'its for_each key is gone',
    delete_because_enabled_false: 'enabled = false',
    delete_because_no_module: 'its module is no longer in the configuration',
    delete_because_no_move_target: 'a moved block points to an address that is not in the configuration',
    read_because_config_unknown: 'its configuration depends on values known only after apply',
    read_because_dependency_pending: 'it depends on a resource with changes pending',
    read_because_check_nested: 'it is inside a check block',
    forgot_because_lifecycle_destroy_in_state: 'lifecycle destroy = false',
    forgot_because_lifecycle_destroy_in_config: 'lifecycle destroy = false',
};
const GROUPS = [
    { key: 'delete', title: 'Destroy', matches: (e) => e.action === 'delete' },
    { key: 'replace', title: 'Replace', matches: (e) => e.action === 'replace' },
    {
        key: 'forget-then-create',
        title: 'Replace without destroying: the old object is only removed from the state',
        matches: (e) => e.action === 'forget-then-create',
    },
    { key: 'create', title: 'Create', matches: (e) => e.action === 'create' },
    { key: 'update', title: 'Update in place', matches: (e) => e.action === 'update' },
    { key: 'import', title: 'Import', matches: (e) => e.action === 'no-op' && e.importing !== undefined },
    {
        key: 'move',
        title: 'Move',
        matches: (e) => e.action === 'no-op' && e.importing === undefined && e.previousAddress !== undefined,
    },
    {
        key: 'forget',
        title: 'Forget: removed from the state, not destroyed',
        matches: (e) => e.action === 'forget',
    },
    { key: 'read', title: 'Read data sources during apply', matches: (e) => e.action === 'read' },
];
/** Destroys and replaces are the groups the banner lists in full. */
const phrases_DESTRUCTIVE_GROUPS = new Set(['delete', 'replace']);
/** The resources grouped by what happens to them, most consequential first; empty groups left out. */
function phrases_groupResources(entries) {
    let groups = groupCache.get(entries);
    if (!groups) {
        groups = makeGroups(entries);
        groupCache.set(entries, groups);
    }
    return groups;
}
// Renderers group the same list several times while they fit a plan into its limit.
const groupCache = new WeakMap();
function makeGroups(entries) {
    const groups = GROUPS.map(({ key, title }) => ({ key, title, entries: [] }));
    for (const entry of entries) {
        const index = GROUPS.findIndex((group) => group.matches(entry));
        if (index >= 0)
            groups[index]?.entries.push(entry);
    }
    return groups.filter((group) => group.entries.length > 0);
}
/** "2 to add, 1 to change, 0 to replace, 0 to destroy; 1 to import" and the rest that is not zero. */
function phrases_countsPhrase(counts) {
    const main = [
        `${counts.add} to add`,
        `${counts.change} to change`,
        `${counts.replace} to replace`,
        `${counts.destroy} to destroy`,
    ].join(', ');
    const extra = [
        counts.import > 0 ? `${counts.import} to import` : '',
        counts.move > 0 ? `${counts.move} to move` : '',
        counts.forget > 0 ? `${counts.forget} to forget` : '',
        counts.read > 0 ? phrases_plural(counts.read, 'data source') + ' to read' : '',
        counts.outputChanges > 0 ? phrases_plural(counts.outputChanges, 'output change') : '',
    ].filter(Boolean);
    return extra.length > 0 ? `${main}; ${extra.join(', ')}` : main;
}
function verdict(model) {
    if (model.errored)
        return 'The plan failed';
    return model.hasChanges ? 'Changes' : 'No changes';
}
const MAX_NAMED_PATHS = 5;
/** What else a reviewer should know about one resource, beside its address. */
function phrases_resourceNotes(entry) {
    const notes = [];
    if (entry.action === 'replace') {
        notes.push([
            entry.replaceOrder === 'create-then-delete'
                ? 'create the new object, then destroy the old (create_before_destroy)'
                : 'destroy, then create',
        ]);
    }
    if (entry.replacePaths.length > 0) {
        const named = entry.replacePaths.slice(0, MAX_NAMED_PATHS);
        const phrase = ['forced by '];
        named.forEach((path, i) => phrase.push(...(i > 0 ? [', '] : []), { code: path }));
        if (entry.replacePaths.length > named.length)
            phrase.push(` and ${entry.replacePaths.length - named.length} more`);
        notes.push(phrase);
    }
    else if (entry.actionReason) {
        const reason = REASONS[entry.actionReason];
        notes.push(reason ? [reason] : ['reason ', { code: entry.actionReason }]);
    }
    if (entry.importing)
        notes.push(entry.importing.id ? ['import ID ', { code: entry.importing.id }] : ['imported']);
    if (entry.previousAddress)
        notes.push(['moved from ', { code: entry.previousAddress }]);
    if (entry.deposed)
        notes.push(['deposed object ', { code: entry.deposed }]);
    return notes;
}
/** What the banner says happens to a destroyed or replaced resource. */
function phrases_destructiveVerb(entry) {
    return entry.action === 'replace' ? 'replaced' : 'destroyed';
}
function phrases_driftNotes(entry) {
    return [
        [
            entry.action === 'delete'
                ? 'deleted outside of the configuration'
                : 'changed outside of the configuration',
        ],
    ];
}
function valueText(value, maxLength = Infinity) {
    switch (value.kind) {
        case 'known':
            return truncate(value.text, maxLength);
        case 'sensitive':
            return '(sensitive)';
        case 'unknown':
            return '(known after apply)';
        case 'absent':
            return 'null';
    }
}
/** One line of a diff: `+ path = value`, `- path = value` or `! path = before -> after`. */
function phrases_diffLine(attribute, maxLength = Infinity) {
    const { before, after } = attribute;
    const suffix = attribute.forcesReplacement ? '  # forces replacement' : '';
    if (before.kind === 'absent')
        return `+ ${attribute.path} = ${valueText(after, maxLength)}${suffix}`;
    if (after.kind === 'absent')
        return `- ${attribute.path} = ${valueText(before, maxLength)}${suffix}`;
    return `! ${attribute.path} = ${valueText(before, maxLength)} -> ${valueText(after, maxLength)}${suffix}`;
}
function phrases_outputLine(name, before, after, maxLength = Infinity) {
    return phrases_diffLine({ path: displayPath([name]), before, after, forcesReplacement: false }, maxLength);
}

;// CONCATENATED MODULE: ./lib/plan/size-budget.js
/**
 * Output that must stay under a size limit: GitHub rejects a comment over 65,536 characters and drops
 * a job summary over 1 MiB whole. A Writer stops as soon as a rendering would pass its limit, so trying
 * a detailed rendering of a huge plan costs no more than the limit, not the size of the whole plan.
 */
/** JavaScript string length: what the comment limit counts. */
const size_budget_characters = (text) => text.length;
/** UTF-8 bytes: what the job summary limit counts. */
const size_budget_utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');
/** Thrown by a Writer that would pass its limit. */
class size_budget_BudgetExceeded extends Error {
    constructor() {
        super('the rendering does not fit its size limit');
    }
}
class size_budget_Writer {
    limit;
    measure;
    lines = [];
    used = 0;
    constructor(limit = Infinity, measure = size_budget_characters) {
        this.limit = limit;
        this.measure = measure;
    }
    /** Adds lines (each followed by a newline); throws BudgetExceeded rather than pass the limit. */
    line(...lines) {
        for (const line of lines) {
            const size = this.measure(line) + (this.lines.length > 0 ? 1 : 0);
            if (this.used + size > this.limit)
                throw new size_budget_BudgetExceeded();
            this.used += size;
            this.lines.push(line);
        }
        return this;
    }
    /** A blank line, unless the text so far is empty or already ends in one. */
    blank() {
        if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '')
            this.line('');
        return this;
    }
    text() {
        return this.lines.join('\n');
    }
}

;// CONCATENATED MODULE: ./lib/plan/policy.js


/**
 * The words of a plan's policy check (conftest's result in the manifest), shared by the Markdown and
 * the text renderings so the comment, the job summary and the log say the same thing. Messages are the
 * policies' own text: they are not phrases (whose plain parts are our words, written unescaped), each
 * renderer escapes them itself.
 */
/** The comment a policy owner writes to accept a plan's failures, with the digest reviewers see. */
function approvePolicyCommand(planDigest) {
    return `/approve-policy ${planDigest ? shortDigest(planDigest).replace(/^sha256:/, '') : '<digest>'}`;
}
/** Whether the failures hold the approval and the apply: enforce mode and at least one failure. */
function policyBlocks(policy) {
    return policy.mode === 'enforce' && !policy.passed;
}
const where = (policy) => [
    'namespace ',
    { code: policy.namespace },
    ', conftest ',
    { code: policy.conftestVersion },
];
/** The section's headline, bold in Markdown, and the sentence after it. */
function policy_policyHeadline(policy, planDigest) {
    const failures = policy.failures.length;
    if (policy.passed) {
        const warned = policy.mode === 'warn'
            ? ['; ', { code: 'policy-mode: warn' }, ': a failure would be shown, not enforced']
            : [];
        return {
            title: 'Policy: passed',
            detail: [`${plural(policy.evaluated, 'rule')} evaluated in `, ...where(policy), ...warned, '.'],
        };
    }
    if (policy.mode === 'warn') {
        return {
            title: `Policy: ${plural(failures, 'failure')}, not blocking`,
            detail: [
                { code: 'policy-mode: warn' },
                ': the failures are shown, not enforced, and hold neither the approval nor the apply (',
                ...where(policy),
                ').',
            ],
        };
    }
    return {
        title: `Policy: ${plural(failures, 'failure')}`,
        detail: [
            'This plan is not approved, and tf-apply does not apply it, until a policy owner accepts exactly these failures with ',
            { code: approvePolicyCommand(planDigest) },
            ' (',
            ...where(policy),
            ').',
        ],
    };
}
/** The check in a few words, for a table cell: `policy passed`, `2 policy failures (not blocking)`. */
function policyVerdict(policy) {
    if (policy.passed)
        return 'policy passed';
    const failures = plural(policy.failures.length, 'policy failure');
    return policy.mode === 'warn' ? `${failures} (not blocking)` : failures;
}
/** A finding before its message: the rule, and the resource it names when it names one. */
function policy_findingPrefix(finding) {
    return [{ code: finding.rule }, ...(finding.address ? [' on ', { code: finding.address }] : []), ': '];
}

;// CONCATENATED MODULE: ./lib/plan/plan-markdown.js






/** Inputs listed in full; the rest are counted, so that a stack with hundreds of inputs stays readable. */
const MAX_INPUTS = 25;
const MAX_INPUT_VALUE = 120;
/** The inputs a stack received, and the warning of a provisional plan, above its counts. */
function inputsLines(inputs) {
    if (!inputs || inputs.length === 0)
        return [];
    const pending = [...new Set(inputs.flatMap((i) => (i.pendingOn ? [i.pendingOn] : [])))];
    const lines = [];
    if (pending.length > 0) {
        lines.push('> [!WARNING]', `> **Provisional plan:** ${pending.map(code).join(', ')} ${pending.length === 1 ? 'is' : 'are'} not applied yet, so the inputs ${pending.length === 1 ? 'it gives are' : 'they give are'} placeholders. ` +
            'This plan shows the shape of the change; it cannot be approved or applied. Plan again once they are applied.', '');
    }
    lines.push('**Inputs from other stacks:**', '');
    for (const input of inputs.slice(0, MAX_INPUTS)) {
        const value = input.pendingOn
            ? `_known after ${headingText(input.pendingOn)} is applied_`
            : input.sensitive
                ? '_(sensitive)_'
                : code(truncate(input.value ?? 'null', MAX_INPUT_VALUE));
        const serial = input.serial !== undefined ? ` (state serial ${input.serial})` : '';
        lines.push(`- ${code(input.variable)} ← ${code(input.from)}${serial}: ${value}`);
    }
    if (inputs.length > MAX_INPUTS)
        lines.push(`- _and ${inputs.length - MAX_INPUTS} more_`);
    lines.push('');
    return lines;
}
/** GitHub refuses a comment body longer than this (in characters) with 422. */
const plan_markdown_COMMENT_LIMIT = 65_536;
const SUMMARY_LIMIT_BYTES = 1_000_000;
const DEFAULT_FIRST_N = 10;
// The smallest limit that always leaves room for the header, one banner line and the footer.
const MIN_LIMIT = 4_096;
/** Longest value shown in a diff, and longest address or message: enough to read, bounded in size. */
const MAX_VALUE = 500;
const MAX_NAME = 1_000;
const MAX_DETAIL = 2_000;
const MAX_ATTRIBUTE_NAMES = 20;
/** A policy rule's name is a Rego identifier: a longer one is cut, so that one failure always fits a body. */
const MAX_RULE = 200;
/** A policy message at its longest, and the shortest it is cut to before failures continue elsewhere. */
const POLICY_MESSAGE = 1_000;
const POLICY_MESSAGE_FLOOR = 80;
const code = (text) => escape_codeSpan(escape_truncate(text, MAX_NAME));
function md(phrase) {
    return phrase.map((segment) => (typeof segment === 'string' ? segment : code(segment.code))).join('');
}
function html(phrase) {
    return phrase
        .map((segment) => typeof segment === 'string'
        ? htmlText(segment)
        : `<code>${htmlText(truncate(segment.code, MAX_NAME))}</code>`)
        .join('');
}
const notesMd = (notes) => (notes.length > 0 ? ` — ${notes.map(md).join('; ')}` : '');
const notesHtml = (notes) => (notes.length > 0 ? ` — ${notes.map(html).join('; ')}` : '');
function stackTitle(ctx) {
    const parts = [ctx.stack ? code(ctx.stack) : 'the configuration'];
    if (ctx.workspace)
        parts.push(`workspace ${code(ctx.workspace)}`);
    if (ctx.environment)
        parts.push(`environment ${code(ctx.environment)}`);
    return parts.join(' · ');
}
function footer(part) {
    const { ctx, model } = part;
    const bits = [];
    if (ctx.planDigest)
        bits.push(`Plan digest ${code(ctx.planDigest)}`);
    if (ctx.commit)
        bits.push(`commit ${code(ctx.commit.slice(0, 12))}`);
    if (ctx.state)
        bits.push(`state ${code(ctx.state)}`);
    if (ctx.tool)
        bits.push(`${code(ctx.tool.name)} ${code(ctx.tool.version)}`);
    else if (model.toolVersion)
        bits.push(`version ${code(model.toolVersion)}`);
    const url = linkUrl(ctx.runUrl);
    if (url)
        bits.push(`[full plan in the run](${url})`);
    return bits.join(' · ');
}
function countsLines(model) {
    const lines = [];
    if (model.errored) {
        lines.push('> [!CAUTION]', '> **The plan failed.** What follows is what it planned before the error; it cannot be applied.', '');
    }
    if (model.hasChanges || model.errored)
        lines.push(`**Plan:** ${countsPhrase(model.counts)}.`);
    else
        lines.push('**No changes.** The infrastructure matches the configuration.');
    if (model.unchanged > 0 && model.hasChanges)
        lines.push(`${plural(model.unchanged, 'resource')} unchanged.`);
    if (model.counts.drift > 0) {
        lines.push(`**Drift:** ${plural(model.counts.drift, 'resource')} changed outside of the configuration.`);
    }
    return lines;
}
/** A destroyed or replaced resource's line, without the quote marker; made once per entry. */
function destructiveLine(entry) {
    let line = destructiveLines.get(entry);
    if (line === undefined) {
        line = `- ${code(entry.address)} ${destructiveVerb(entry)}${notesMd(resourceNotes(entry))}`;
        destructiveLines.set(entry, line);
    }
    return line;
}
const destructiveLines = new WeakMap();
function bannerItem(entry) {
    return `> ${destructiveLine(entry)}`;
}
function writeBanner(w, destructive, cut) {
    if (destructive.length === 0)
        return;
    w.blank().line('> [!WARNING]', `> **${plural(destructive.length, 'resource')} will be destroyed or replaced:**`);
    const shown = cut ? cut.shown : destructive.length;
    for (let i = 0; i < shown; i++)
        w.line(bannerItem(destructive[i]));
    if (cut && shown < destructive.length)
        w.line(restNote(destructive.length - shown, cut.rest));
}
function restNote(rest, where) {
    if (where === 'log')
        return `> - … and ${rest} more: the full list is in the plan in the run's log.`;
    const [first, last] = where.comments;
    const comments = first === last ? `continuation comment ${first}` : `continuation comments ${first} to ${last}`;
    return `> - … and ${rest} more, listed in ${comments}.`;
}
/**
 * A policy failure's or warning's list item: the rule, the address, the message cut to the mode's
 * length. The message is the policy's text with plan values in it, so it is code like every other text
 * from the plan: as running text GitHub would still link its URLs, @mentions and #references.
 */
function findingLine(finding, mode) {
    const prefix = md(findingPrefix({ ...finding, rule: truncate(finding.rule, MAX_RULE) }));
    return `- ${prefix}${codeSpan(truncate(finding.message, mode.message))}`;
}
/**
 * The Policy section, above the changes: a line when the check passed; otherwise a callout (CAUTION
 * when the failures block, WARNING under `policy-mode: warn`) with every failure, or as many as `cut`
 * says. Warnings follow, shortened with the changes, since only failures decide anything.
 */
function writePolicy(w, policy, planDigest, mode, cut) {
    const { title, detail } = policyHeadline(policy, planDigest);
    if (policy.passed) {
        w.line(`**${title}** — ${md(detail)}`);
    }
    else {
        w.line(policy.mode === 'enforce' ? '> [!CAUTION]' : '> [!WARNING]', `> **${title}.** ${md(detail)}`, '>');
        const shown = cut ? cut.shown : policy.failures.length;
        for (let i = 0; i < shown; i++)
            w.line(`> ${findingLine(policy.failures[i], mode)}`);
        if (cut && shown < policy.failures.length)
            w.line(restNote(policy.failures.length - shown, cut.rest));
    }
    const warnings = policy.warnings;
    if (warnings.length > 0) {
        w.blank().line(`**Policy warnings (${warnings.length}):**`, '');
        const shown = mode.level === 'minimal'
            ? 0
            : mode.level === 'counts'
                ? Math.min(mode.firstN, warnings.length)
                : warnings.length;
        for (const warning of warnings.slice(0, shown))
            w.line(findingLine(warning, mode));
        if (shown < warnings.length)
            w.line(`- … and ${warnings.length - shown} more`);
    }
    w.blank();
}
function diffDetails(w, entry, attributes, notes) {
    const lines = attributes.map((attribute) => diffLine(attribute, MAX_VALUE));
    w.line(`<details><summary><code>${htmlText(truncate(entry.address, MAX_NAME))}</code>${notesHtml(notes)}</summary>`);
    w.line('', codeBlock(lines.join('\n'), 'diff'), '', '</details>', '');
}
/** One resource at a level; `notes` is what the list says beside the address. */
function writeResource(w, entry, notes, level) {
    // Read once: the diff is computed on each read.
    const attributes = level === 'full' || level === 'collapsed' ? entry.attributes : [];
    if (level === 'full' && attributes.length > 0)
        return diffDetails(w, entry, attributes, notes);
    let line = `- ${code(entry.address)}${notesMd(notes)}`;
    if (level === 'full' || level === 'collapsed') {
        const names = attributes.slice(0, MAX_ATTRIBUTE_NAMES).map((a) => code(a.path));
        const more = attributes.length - names.length;
        if (names.length > 0)
            line += `: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    }
    w.line(line);
}
function writeEntries(w, title, entries, notesOf, mode) {
    w.blank().line(`#### ${title} (${entries.length})`, '');
    const shown = mode.level === 'counts' || mode.level === 'minimal'
        ? Math.min(mode.firstN, entries.length)
        : entries.length;
    for (let i = 0; i < shown; i++) {
        const entry = entries[i];
        writeResource(w, entry, notesOf(entry), mode.level);
    }
    if (shown < entries.length)
        w.line(`- … and ${entries.length - shown} more`);
    w.blank();
}
function writeGroups(w, model, mode) {
    for (const group of groupResources(model.resources)) {
        // At the counts level the banner already lists every destroy and replace.
        if ((mode.level === 'counts' || mode.level === 'minimal') && DESTRUCTIVE_GROUPS.has(group.key))
            continue;
        writeEntries(w, group.title, group.entries, resourceNotes, mode);
    }
    if (model.drift.length > 0) {
        writeEntries(w, 'Drift: changed outside of the configuration', model.drift, driftNotes, mode);
    }
}
function writeOutputs(w, model, mode) {
    if (model.outputs.length === 0)
        return;
    w.blank().line(`#### Output changes (${model.outputs.length})`, '');
    const detailed = mode.level === 'full' || mode.level === 'collapsed';
    const shown = detailed || mode.level === 'addresses'
        ? model.outputs.length
        : Math.min(mode.firstN, model.outputs.length);
    const lines = model.outputs
        .slice(0, shown)
        .map((output) => detailed
        ? outputLine(output.name, output.before, output.after, MAX_VALUE)
        : `${output.action === 'create' ? '+' : output.action === 'delete' ? '-' : '!'} ${oneLine(output.name)}`);
    if (shown < model.outputs.length)
        lines.push(`# … and ${model.outputs.length - shown} more`);
    if (lines.length > 0)
        w.line(codeBlock(lines.join('\n'), 'diff'));
    w.blank();
}
function writeChecks(w, model, mode) {
    const failed = model.checks.filter((check) => check.status === 'fail' || check.status === 'error');
    const unknown = model.checks.filter((check) => check.status === 'unknown').length;
    const passed = model.checks.filter((check) => check.status === 'pass').length;
    if (failed.length === 0 && unknown === 0)
        return;
    const tally = [
        failed.length > 0 ? `${failed.length} failed` : '',
        unknown > 0 ? `${unknown} known only after apply` : '',
        passed > 0 ? `${passed} passed` : '',
    ].filter(Boolean);
    w.blank().line(`#### Checks: ${tally.join(', ')}`, '');
    const shown = mode.level === 'counts' || mode.level === 'minimal'
        ? Math.min(mode.firstN, failed.length)
        : failed.length;
    for (const check of failed.slice(0, shown)) {
        const problems = check.problems.map((problem) => code(truncate(problem, MAX_VALUE)));
        w.line(`- ${code(check.address)} ${check.status === 'error' ? 'could not be evaluated' : 'failed'}${problems.length > 0 ? `: ${problems.join('; ')}` : ''}`);
    }
    if (shown < failed.length)
        w.line(`- … and ${failed.length - shown} more`);
    w.blank();
}
function writeDiagnostics(w, model, mode) {
    if (model.diagnostics.length === 0)
        return;
    const errors = model.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = model.diagnostics.length - errors;
    const tally = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''];
    w.blank().line(`#### ${tally.filter(Boolean).join(' and ')}`, '');
    const limited = mode.level === 'counts' || mode.level === 'minimal';
    const shown = limited ? Math.min(mode.firstN, model.diagnostics.length) : model.diagnostics.length;
    for (const diagnostic of model.diagnostics.slice(0, shown)) {
        const where = diagnostic.location ? ` at ${code(diagnostic.location)}` : '';
        w.line(`- **${diagnostic.severity === 'error' ? 'Error' : 'Warning'}:** ${code(truncate(diagnostic.summary, MAX_VALUE))}${where}`);
        if (mode.level === 'full' && diagnostic.detail.trim() !== '') {
            // Indented under its list item: a fence inside a list item needs the item's indentation.
            const block = codeBlock(blockText(truncate(diagnostic.detail.trim(), MAX_DETAIL)), 'text');
            w.line('', ...block.split('\n').map((line) => `  ${line}`), '');
        }
    }
    if (shown < model.diagnostics.length)
        w.line(`- … and ${model.diagnostics.length - shown} more`);
    w.blank();
}
/** One stack's body: everything under its heading. */
function writeStackBody(w, part, mode, cut, layout) {
    const { model } = part;
    w.line(...inputsLines(part.ctx.inputs));
    if (part.ctx.policy)
        writePolicy(w, part.ctx.policy, part.ctx.planDigest, mode, cut?.failures);
    w.line(...countsLines(model));
    writeBanner(w, destructiveResources(model), cut?.destroys);
    if (mode.level !== 'minimal') {
        writeGroups(w, model, mode);
        writeOutputs(w, model, mode);
        writeChecks(w, model, mode);
        writeDiagnostics(w, model, mode);
    }
    if (mode.level === 'counts' || mode.level === 'minimal') {
        const url = linkUrl(part.ctx.runUrl);
        w.blank().line(`_This plan is too large to show whole here: ${mode.level === 'counts' && mode.firstN > 0 ? `the first ${mode.firstN} of each kind of change are listed; ` : ''}` +
            `the full plan is in the ${url ? `[run](${url})` : 'run'}'s ${layout.continuations ? 'job summary and log' : 'log'}._`);
    }
    const foot = footer(part);
    if (foot)
        w.blank().line(foot);
}
function writeDocument(w, parts, layout, mode, cuts) {
    w.line(...layout.head(parts));
    parts.forEach((part, i) => {
        if (layout.stackHeading)
            w.blank().line(layout.stackHeading(part), '');
        else
            w.blank();
        writeStackBody(w, part, mode, cuts?.[i], layout);
    });
}
function attempt(parts, layout, mode, cuts) {
    const w = new Writer(layout.limit, layout.measure);
    try {
        writeDocument(w, parts, layout, mode, cuts);
        return w.text();
    }
    catch (error) {
        if (error instanceof BudgetExceeded)
            return undefined;
        throw error;
    }
}
/**
 * The main body and its continuations when even the most compact rendering does not hold every
 * destroyed and replaced resource (and, with `spillFailures`, every policy failure): the main body
 * lists as many as fit, in order, failures of every stack before destroys, and the rest follow in
 * continuation bodies (or, without continuations, are left to the log). Without `spillFailures` every
 * failure must fit the main body, or there is no split.
 */
function splitLists(parts, layout, mode, spillFailures) {
    // The notes about the rest are measured at their longest, so the real ones cannot make the body grow.
    const widest = layout.continuations ? { comments: [99_999, 99_999] } : 'log';
    const cutsOf = () => parts.map(() => ({
        destroys: { shown: 0, rest: widest },
        ...(spillFailures ? { failures: { shown: 0, rest: widest } } : {}),
    }));
    const skeleton = attempt(parts, layout, mode, cutsOf());
    if (skeleton === undefined)
        return undefined;
    const items = [];
    if (spillFailures) {
        parts.forEach((part, stack) => {
            for (const finding of part.ctx.policy?.failures ?? [])
                items.push({ part, stack, kind: 'failures', line: findingLine(finding, mode) });
        });
    }
    parts.forEach((part, stack) => {
        for (const entry of destructiveResources(part.model))
            items.push({ part, stack, kind: 'destroys', line: destructiveLine(entry) });
    });
    let room = layout.limit - layout.measure(skeleton);
    const cuts = cutsOf();
    let shown = 0;
    for (const item of items) {
        const size = layout.measure(`> ${item.line}`) + 1;
        if (size > room)
            break;
        room -= size;
        (cuts[item.stack]?.[item.kind]).shown += 1;
        shown += 1;
    }
    if (!layout.continuations) {
        return [attempt(parts, layout, mode, cuts) ?? fail('the shortened lists do not fit')];
    }
    const chunks = continuationChunks(items.slice(shown), layout);
    const total = chunks.length + 1;
    // Each stack's notes name the continuation bodies its rest is in (the main body is number 1).
    cuts.forEach((cut, stack) => {
        for (const kind of ['failures', 'destroys']) {
            const list = cut[kind];
            if (!list)
                continue;
            const holding = chunks.flatMap((chunk, index) => chunk.some((item) => item.stack === stack && item.kind === kind) ? [index + 2] : []);
            list.rest =
                holding.length > 0
                    ? { comments: [holding[0], holding[holding.length - 1]] }
                    : 'log';
        }
    });
    const main = attempt(parts, layout, mode, cuts) ?? fail('the shortened lists do not fit');
    return [main, ...chunks.map((chunk, i) => renderChunk(chunk, i + 2, total, layout))];
}
const CONTINUED = {
    failures: 'policy failures, continued:',
    destroys: 'destroyed or replaced resources, continued:',
};
const chunkListLine = (item, layout) => `**${layout.stackHeading ? `${stackTitle(item.part.ctx)}: ` : ''}${CONTINUED[item.kind]}**`;
const chunkEndLine = (index, total) => `_Continued in comment ${index + 1} of ${total}._`;
const sameList = (a, b) => a?.stack === b.stack && a.kind === b.kind;
function renderChunk(chunk, index, total, layout) {
    // A Writer, so a body over the limit is an error here rather than a 422 from GitHub.
    const w = new Writer(layout.limit, layout.measure);
    w.line(layout.continuationHeading(index, total));
    let last;
    for (const item of chunk) {
        if (!sameList(last, item))
            w.line('', chunkListLine(item, layout), '');
        last = item;
        w.line(item.line);
    }
    if (index < total)
        w.line('', chunkEndLine(index, total));
    return w.text();
}
/**
 * Fills continuation bodies in order. Sizes are counted as items are added (measuring each body anew
 * would be quadratic), with the heading and closing line at their widest numbers.
 */
function continuationChunks(items, layout) {
    const fixed = layout.measure(layout.continuationHeading(99_998, 99_999)) +
        layout.measure(chunkEndLine(99_998, 99_999)) +
        2;
    const chunks = [];
    let current = [];
    let size = fixed;
    for (const item of items) {
        const cost = (listChanged) => layout.measure(item.line) + 1 + (listChanged ? layout.measure(chunkListLine(item, layout)) + 3 : 0);
        let itemCost = cost(!sameList(current[current.length - 1], item));
        if (current.length > 0 && size + itemCost > layout.limit) {
            chunks.push(current);
            current = [];
            size = fixed;
            itemCost = cost(true);
        }
        if (size + itemCost > layout.limit)
            fail('one destroyed resource or policy failure does not fit a continuation body');
        current.push(item);
        size += itemCost;
    }
    if (current.length > 0)
        chunks.push(current);
    return chunks;
}
function fail(what) {
    throw new Error(`plan rendering: ${what}; the size limit is too small`);
}
/** The modes from most to least detailed, with policy messages at their longest. */
function modes(firstN) {
    const message = POLICY_MESSAGE;
    return [
        { level: 'full', firstN, message },
        { level: 'collapsed', firstN, message },
        { level: 'addresses', firstN, message },
        { level: 'counts', firstN, message },
        ...(firstN > 0 ? [{ level: 'counts', firstN: 0, message }] : []),
        { level: 'minimal', firstN: 0, message },
    ];
}
/**
 * The most detailed rendering that fits. Then, in this order: the destroys split over continuations;
 * the changes at their most compact and each policy message cut to the longest length at which every
 * failure fits the main body; and last, below that length, the failures continued too.
 */
function renderDocument(parts, layout) {
    if (layout.limit < MIN_LIMIT)
        throw new RangeError(`a size limit under ${MIN_LIMIT} is too small for a plan`);
    const all = modes(layout.firstN);
    for (const mode of all) {
        const text = attempt(parts, layout, mode);
        if (text !== undefined)
            return [text];
    }
    const compact = all.filter((m) => m.level === 'counts' || m.level === 'minimal');
    for (const mode of compact) {
        const split = splitLists(parts, layout, mode, false);
        if (split)
            return split;
    }
    const minimal = all[all.length - 1];
    if (!parts.some((part) => (part.ctx.policy?.failures.length ?? 0) > 0)) {
        return fail('not even the counts fit');
    }
    // The longest message length that fits: fitting only gets easier as messages get shorter.
    const at = (message) => splitLists(parts, layout, { ...minimal, message }, false);
    let best = at(POLICY_MESSAGE_FLOOR);
    if (best) {
        let [low, high] = [POLICY_MESSAGE_FLOOR, POLICY_MESSAGE - 1];
        while (low < high) {
            const middle = Math.ceil((low + high) / 2);
            const split = at(middle);
            if (split)
                [best, low] = [split, middle];
            else
                high = middle - 1;
        }
        return best;
    }
    return (splitLists(parts, layout, { ...minimal, message: POLICY_MESSAGE_FLOOR }, true) ??
        fail('not even the counts fit'));
}
function singleLayout(ctx, limit, measure, continuations, firstN) {
    const title = `### Plan for ${stackTitle(ctx)}`;
    return {
        limit,
        measure,
        continuations,
        firstN,
        // A promotion or rollback says so first: reviewers approve a release, not only a diff.
        head: () => ctx.source ? [title, '', `> **${headingText(truncate(ctx.source, MAX_DETAIL))}**`] : [title],
        continuationHeading: (index, total) => `${title} (continued, ${index} of ${total})`,
    };
}
/**
 * The PR comment: the main body, then numbered continuation bodies when the destroyed and replaced
 * resources alone do not fit. Every body is at most `limit` characters.
 */
function plan_markdown_renderPlanComment(model, ctx, opts = {}) {
    const layout = singleLayout(ctx, opts.limit ?? plan_markdown_COMMENT_LIMIT, characters, true, opts.firstN ?? DEFAULT_FIRST_N);
    return renderDocument([{ model, ctx }], layout);
}
/** The job summary: the same content in one document of at most `limitBytes` UTF-8 bytes. */
function renderPlanSummary(model, ctx, opts = {}) {
    const layout = singleLayout(ctx, opts.limitBytes ?? SUMMARY_LIMIT_BYTES, utf8Bytes, false, opts.firstN ?? DEFAULT_FIRST_N);
    return renderDocument([{ model, ctx }], layout)[0];
}
/** Exposed for the multi-stack renderer. */
const markdown = { code, cellCode: cellCode, stackTitle, verdict: verdict, countsPhrase: phrases_countsPhrase };

;// CONCATENATED MODULE: ./lib/github/plan-comment.js



/**
 * What the plan comment adds around the rendered plan: the marker, the commit line, and an outdated
 * banner. Renderers get the limit minus this, so no edit can push a body over GitHub's.
 */
const COMMENT_RESERVE = 1_024;
/** Room under the first body for its footer line (tf-plan: the artifact and the approve command). */
const FOOTER_ROOM = 512;
/**
 * The bodies of a stack's plan comment, as tf-plan posts them and `iac-pipeline summarize --format
 * comment` prints them: the plan, then continuations when the destroyed and replaced resources alone do
 * not fit one, with `footer` under the first. Each leaves room for the markers publishPlanComment adds.
 */
function planCommentBodies(model, ctx, footer) {
    if (footer !== undefined && footer.length > FOOTER_ROOM - 3)
        throw new RangeError(`a plan comment's footer is at most ${FOOTER_ROOM - 3} characters`);
    const bodies = renderPlanComment(model, ctx, { limit: COMMENT_LIMIT - COMMENT_RESERVE - FOOTER_ROOM });
    if (footer === undefined)
        return bodies;
    return bodies.map((body, index) => (index === 0 ? `${body.trimEnd()}\n\n${footer}\n` : body));
}
const COMMIT_LINE = /^<!-- iac-pipeline-commit:([0-9a-f]{7,64}) -->\n/m;
const ORIGIN_LINE = /^<!-- iac-pipeline-plan:run=([0-9]{1,20});artifact=([A-Za-z0-9._-]{1,200});digest=(sha256:[0-9a-f]{64}) -->\n/m;
const OUTDATED_BANNER = /^> \[!WARNING\]\n> \*\*Outdated\.\*\*[^\n]*\n\n/m;
/**
 * Keeps the plan comments of one stack (or one group of stacks) on a pull request: part 1 is the plan,
 * parts 2… hold the deletes and replaces that did not fit. Each part is edited in place; parts a shorter
 * plan no longer needs say so instead of showing an old plan's addresses.
 */
async function publishPlanComment(comments, key, commit, bodies, origin) {
    if (bodies.length === 0)
        throw new Error('a plan comment needs at least one body');
    const results = [];
    let url = '';
    for (const [index, body] of bodies.entries()) {
        const hidden = `${commitLine(commit)}${index === 0 && origin ? originLine(origin) : ''}`;
        const { comment, result } = await comments.write(partKey(key, index + 1), `${hidden}${body}`);
        if (index === 0)
            url = comment.url;
        results.push(result);
    }
    for (const stale of comments.withPrefix(`${key}:`).filter((c) => partNumber(c) > bodies.length)) {
        const { result } = await comments.write(stale.key, `${commitLine(commit)}_This continuation is no longer needed: the plan of \`${commit.slice(0, 12)}\` fits in fewer comments._\n`);
        results.push(result);
    }
    return { url, results };
}
/**
 * Marks every plan comment of `key` that shows another commit's plan as outdated, keeping its text below
 * the banner: while a newer commit is being planned, or when its plan failed, reviewers must not read the
 * old plan as the current one. A comment already marked for this commit is not written again.
 */
async function markPlanCommentsOutdated(comments, key, commit, why) {
    const results = [];
    for (const comment of comments.withPrefix(`${key}:`)) {
        const planned = commitOf(comment);
        if (!planned || planned === commit)
            continue;
        const content = contentOf(comment).replace(COMMIT_LINE, '').replace(OUTDATED_BANNER, '');
        const banner = `> [!WARNING]\n> **Outdated.** This plan is for commit \`${planned.slice(0, 12)}\`; ` +
            `commit \`${commit.slice(0, 12)}\` ${why}\n\n`;
        const { result } = await comments.write(comment.key, `${commitLine(planned)}${banner}${content}`);
        results.push(result);
    }
    return results;
}
/** The commit a plan comment shows, from its hidden commit line. */
function commitOf(comment) {
    return COMMIT_LINE.exec((0,marked_comments/* contentOf */.$E)(comment))?.[1];
}
/** The marker key of a stack's plan comment: one comment per stack per pull request. */
function planCommentKey(stack) {
    return `plan:${stack}`;
}
/** The bundle behind a stack's plan comment, from its first part's hidden line; undefined when none was uploaded. */
function originOf(comment) {
    const match = ORIGIN_LINE.exec((0,marked_comments/* contentOf */.$E)(comment));
    if (!match)
        return undefined;
    return { runId: Number(match[1]), artifact: match[2] ?? '', digest: match[3] ?? '' };
}
/** The marker key of a stack's plan comment's first part. */
function planCommentPartKey(key) {
    return partKey(key, 1);
}
function originLine(origin) {
    return `<!-- iac-pipeline-plan:run=${origin.runId};artifact=${origin.artifact};digest=${origin.digest} -->\n`;
}
function commitLine(commit) {
    return `<!-- iac-pipeline-commit:${commit} -->\n`;
}
function partKey(key, part) {
    return `${key}:${part}`;
}
function partNumber(comment) {
    return Number(comment.key.slice(comment.key.lastIndexOf(':') + 1));
}

;// CONCATENATED MODULE: ./lib/approval/plan-under-review.js











/**
 * The digest to decide on and, when the bundle can be read, its manifest (stack, commit, what it
 * deletes). A bundle in the clear is checked byte for byte; a sealed one shows only its manifest,
 * which is what the digest covers.
 */
async function planUnderReview(inputs, deps) {
    const stack = inputs.stack ?? deps.run.repo;
    const shown = await planShownOnPullRequest(inputs, deps, stack);
    const source = shown
        ? { ...inputs, runId: shown.runId, planArtifact: inputs.planArtifact ?? shown.artifact }
        : inputs;
    const name = source.planArtifact ?? artifactName(inputs.artifactPrefix, 'plan', stack);
    let manifest;
    try {
        manifest = await plan_under_review_readBundleManifest(name, source, deps);
    }
    catch (error) {
        if (!(0,errors/* isConfigurationError */.p0)(error) || !inputs.planDigest)
            throw error;
        deps.logger.info(`${error.message} Deciding on plan-digest alone.`);
    }
    if (shown && manifest && manifest.planDigest !== shown.digest) {
        throw new errors/* ConfigurationError */.j1(`The plan comment of stack ${stack} names digest ${shown.digest}, but the bundle ${name} of run ${shown.runId} has ${manifest.planDigest}: plan again.`);
    }
    if (manifest && inputs.planDigest && manifest.planDigest !== inputs.planDigest) {
        throw new errors/* ConfigurationError */.j1(`plan-digest is ${inputs.planDigest}, but the plan bundle ${name} has digest ${manifest.planDigest}: ` +
            "pass the plan-digest output of the tf-plan step that made this bundle, or leave plan-digest empty to use the bundle's.");
    }
    const digest = manifest?.planDigest ?? inputs.planDigest;
    if (!digest)
        throw new Error('no digest: readBundleManifest returns a manifest or throws');
    return {
        digest,
        stack: manifest?.stack ?? stack,
        runId: source.runId ?? deps.run.runId,
        ...(manifest ? { manifest } : {}),
    };
}
/**
 * A gate run by a comment (issue_comment) holds no plan of its own: the plan under review is the one the
 * stack's plan comment shows, which names the run and artifact of its bundle. The comment is trusted by
 * its marker and author like every comment the suite keeps, and only while it shows the pull request's
 * head commit: an approval must never land on the plan of an older commit. With `run-id` or
 * `plan-digest` given, the workflow has said which plan it means, and no comment is read.
 */
async function planShownOnPullRequest(inputs, deps, stack) {
    if (deps.run.eventName !== 'issue_comment' || inputs.runId !== undefined || inputs.planDigest)
        return undefined;
    const target = await pullRequestOf(deps.run, inputs.prNumber);
    if (!target)
        return undefined;
    const client = await deps.github();
    const repository = { owner: deps.run.owner, repo: deps.run.repo };
    const [pull, author] = await Promise.all([
        withHeadSha(client, repository, target),
        (0,marked_comments/* commentAuthor */.H3)(client, inputs.commentAuthor, deps.logger),
    ]);
    const comments = await marked_comments/* MarkedComments */.Vx.load(client, { ...repository, issueNumber: pull.number }, author);
    const comment = comments.get(planCommentPartKey(planCommentKey(stack)));
    if (!comment) {
        throw new errors/* ConfigurationError */.j1(`Pull request #${pull.number} has no plan comment for stack ${stack}: run tf-plan on the pull request first ` +
            '(with comment: true), or give run-id, the run whose plan bundle is under review.');
    }
    const commit = commitOf(comment);
    if (commit !== pull.headSha) {
        throw new errors/* ConfigurationError */.j1(`The plan comment of stack ${stack} shows commit ${(commit ?? 'unknown').slice(0, 12)}, but pull request ` +
            `#${pull.number} is at ${pull.headSha.slice(0, 12)}: wait for the plan of the new commit, then approve its digest.`);
    }
    const origin = originOf(comment);
    if (!origin) {
        throw new errors/* ConfigurationError */.j1(`The plan comment of stack ${stack} names no plan bundle: its plan was not uploaded (on-destroy: fail?), so there is nothing to approve.`);
    }
    deps.logger.info(`The plan under review is the one in the plan comment: ${origin.artifact} of run ${origin.runId}.`);
    return origin;
}
async function plan_under_review_readBundleManifest(name, inputs, deps) {
    const dir = (0,external_node_path_.join)(await (0,promises_.mkdtemp)((0,external_node_path_.join)(deps.run.runnerTemp, 'iac-approval-')), 'bundle');
    const from = inputs.runId
        ? {
            runId: inputs.runId,
            owner: deps.run.owner,
            repo: deps.run.repo,
            token: inputs.githubToken ?? '',
        }
        : undefined;
    await deps.artifacts.download(name, dir, from);
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, ENCRYPTED_BUNDLE_FILE)))
        return readIntactPlanBundle(dir, 'approval-gate');
    let json;
    try {
        json = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(dir, contracts_manifest/* MANIFEST_FILE */.h1), 'utf8'));
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`The plan bundle ${name} has no readable ${contracts_manifest/* MANIFEST_FILE */.h1}: plan again.`);
    }
    return (0,contracts_manifest/* readPlanManifest */.fE)(json, 'approval-gate');
}

;// CONCATENATED MODULE: ./lib/approval/render.js




const HEADLINE = {
    approved: ':white_check_mark: **Approved**',
    rejected: ':no_entry: **Rejected**',
    pending: ':hourglass: **Waiting for approval**',
};
const hex12 = (digest) => digest.replace(/^sha256:/, '').slice(0, 12);
const render_short = (text, max = 300) => {
    const line = escape_oneLine(text);
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
function voteLine(vote) {
    const link = vote.commentUrl ? ` ([comment](${vote.commentUrl}))` : '';
    const why = vote.comment ? `: ${escape_codeSpan(render_short(vote.comment))}` : '';
    return `- @${vote.login} (${vote.permission}) at ${vote.at}${link}${why}`;
}
/** The plan's summary line and every resource it deletes or replaces, from the bundle's manifest. */
function planLines(manifest) {
    if (!manifest)
        return ['_The plan bundle was not read: only its digest is known._'];
    const s = manifest.summary;
    const lines = [
        `**Plan:** ${s.add} to add, ${s.change} to change, ${s.replace} to replace, ${s.destroy} to destroy` +
            (s.import ? `, ${s.import} to import` : '') +
            (s.move ? `, ${s.move} to move` : '') +
            ` — stack ${escape_codeSpan(manifest.stack)}, workspace ${escape_codeSpan(manifest.workspace)}, commit ${escape_codeSpan(manifest.commit.slice(0, 12))}`,
    ];
    if (s.deletes.length > 0) {
        lines.push('', `**Deletes or replaces (${s.deletes.length}):**`, '');
        for (const address of s.deletes)
            lines.push(`- ${escape_codeSpan(render_short(address, 1000))}`);
    }
    return lines;
}
/**
 * Shown, not folded away: a reviewer whose command was edited must learn that it does not count, and
 * everyone reading the pull request that somebody's words were changed.
 */
function editedLines(edited) {
    if (edited.length === 0)
        return [];
    return [
        '> [!WARNING]',
        "> **Edited commands do not count.** Anyone with write access can edit another person's comment, so a " +
            '`/approve` or `/reject` whose comment was edited after it was written is not counted:',
        ...edited.map((e) => `> - the ${escape_codeSpan(`/${e.kind}`)} of @${e.login} ([comment](${e.commentUrl})), edited at ${e.editedAt}`),
        '>',
        '> To approve or reject, write a new comment; do not edit the old one.',
        '',
    ];
}
/** The body of the status comment on the pull request, and the heart of the job summary. */
function renderDecision(report) {
    const { record } = report;
    const lines = [];
    const where = record.environment ? ` for ${escape_codeSpan(record.environment)}` : '';
    lines.push(`### ${HEADLINE[record.status]}${where}: plan ${escape_codeSpan(hex12(record.planDigest))} of ${escape_codeSpan(record.stack)}`, '');
    if (record.override) {
        const { by, justification, accepted } = record.override;
        lines.push('> [!CAUTION]', accepted
            ? `> **Emergency override** by @${by}: ${render_short(justification, 1000)}`
            : `> **Override refused:** @${by} is not in override-users (justification given: ${render_short(justification, 1000)})`, '');
    }
    if (report.destroy)
        lines.push(...destroyRuleLines(report.destroy, record.stack));
    // Above the plan, as in the plan comment: a failed policy is the first thing a reviewer must see.
    lines.push(...policyLines(report.manifest, record.policy, {
        owners: [],
        digest12: hex12(record.planDigest),
        via: record.decidedBy === 'environment' ? 'environment' : 'comment',
        ...report.policy,
    }));
    lines.push(...planLines(report.manifest), '');
    // Only comments can still approve: an environment's reviewers decided before the job started.
    if (record.status === 'pending' && record.decidedBy === 'reviewers') {
        const min = record.minApprovals;
        const counted = `${record.approvers.length} of ${min} approval${min === 1 ? '' : 's'}`;
        lines.push(report.missing > 0
            ? `${counted}; ${report.missing} more needed. ` +
                `To approve this plan, comment exactly ${escape_codeSpan(`/approve ${hex12(record.planDigest)}`)}; to reject it, ${escape_codeSpan('/reject <reason>')}.`
            : `${counted}: the approvals are in, and the policy failures still wait for a policy owner's ${escape_codeSpan(`/approve-policy ${hex12(record.planDigest)}`)}.`, '');
    }
    if (report.note)
        lines.push(report.note, '');
    lines.push(...editedLines(report.edited ?? []));
    if (record.approvers.length > 0)
        lines.push('**Approved by:**', '', ...record.approvers.map(voteLine), '');
    if (record.rejects.length > 0)
        lines.push('**Rejected by:**', '', ...record.rejects.map(voteLine), '');
    const notCounted = [
        ...report.ignored.map((i) => `- @${i.login}${i.commentUrl ? ` ([comment](${i.commentUrl}))` : ''}: ${i.why}`),
        ...report.malformed.map((m) => `- @${m.author} ([comment](${m.url})): not a command; ${m.problem}`),
    ];
    if (notCounted.length > 0) {
        lines.push('<details><summary>Not counted</summary>', '', ...notCounted, '', '</details>', '');
    }
    lines.push(`Digest ${escape_codeSpan(record.planDigest)} · decided by ${record.decidedBy} (${record.mode} mode) at ${record.decidedAt}`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./lib/approval/gate.js











/**
 * approval-gate's second job: decides whether exactly one plan digest is approved, and records how. The plan
 * under review is found by plan-under-review.ts; the step around both is approval-gate.ts.
 */
async function gate(inputs, deps) {
    const plan = await planUnderReview(inputs, deps);
    deps.logger.info(`Deciding on plan ${plan.digest} of stack ${plan.stack}`);
    // Made with placeholders for the inputs of a stack not applied yet: nothing to approve.
    if (plan.manifest?.provisional) {
        const pending = [...new Set((plan.manifest.inputs ?? []).filter((i) => !i.state).map((i) => i.stack))];
        throw new errors/* ConfigurationError */.j1(`The plan of ${plan.stack} is provisional: it was made before ${pending.join(', ')} ${pending.length === 1 ? 'was' : 'were'} applied, with placeholders for the inputs ${pending.length === 1 ? 'it gives' : 'they give'}, so it cannot be approved. Apply ${pending.join(', ')}, then plan ${plan.stack} again.`);
    }
    return { ...(await decideOn(plan, inputs, deps)), planRunId: plan.runId };
}
async function decideOn(plan, inputs, deps) {
    const base = recordBase(inputs, deps, plan);
    // Not held to the policy rule: a plan whose bundle was not read (its failures are unknown, so none can
    // be accepted); tf-apply reads the bundle and refuses any failure this record does not accept.
    const policy = policyRuleFor(plan.manifest, inputs.policyOwners);
    if (inputs.override)
        return overrideDecision(inputs, deps, plan, base, policy);
    // A plan whose bundle was not read is held to the rule too: its digest may be a destroy plan's.
    const destroy = destroyRuleFor(plan.manifest, inputs.destroyMinPermission);
    let mode = inputs.mode;
    let note;
    if (mode === 'policy') {
        const environment = inputs.environment ?? '';
        const listed = inputs.autoApproveEnvironments.some((e) => e.toLowerCase() === environment.toLowerCase());
        const destroys = plan.manifest ? plan.manifest.summary.destroys : undefined;
        if (listed && destroys === false && !destroy && !policy) {
            const record = { ...base(), decidedBy: 'policy', status: 'approved' };
            deps.logger.info(`Approved by policy: ${environment} is auto-approved and the plan deletes and replaces nothing.`);
            return { report: { record, manifest: plan.manifest, missing: 0, ignored: [], malformed: [] } };
        }
        note = !listed
            ? `Policy: ${environment} is not among auto-approve-environments, so ${inputs.fallbackMode} decides.`
            : destroys
                ? `Policy: the plan deletes or replaces resources, so ${inputs.fallbackMode} decides.`
                : destroy?.known
                    ? `Policy: the plan is a destroy plan, which policy never approves, even when it deletes nothing, so ${inputs.fallbackMode} decides.`
                    : policy
                        ? `Policy: the plan's policies failed (enforce), which policy never approves, so ${inputs.fallbackMode} decides.`
                        : `Policy: the plan bundle was not read, so nothing shows that it deletes nothing; ${inputs.fallbackMode} decides.`;
        deps.logger.info(note);
        mode = inputs.fallbackMode;
    }
    const rules = { destroy, policy };
    if (mode === 'environment')
        return environmentDecision(inputs, deps, plan, base, note, rules);
    return commentDecision(inputs, deps, plan, base, mode === 'wait', note, rules);
}
/** The record's fields that do not depend on the decision. */
function recordBase(inputs, deps, plan) {
    return () => ({
        schema: APPROVAL_RECORD_SCHEMA,
        producer: { action: 'approval-gate', version: version/* SUITE_VERSION */.s },
        mode: inputs.mode,
        planDigest: plan.digest,
        stack: plan.stack,
        ...(inputs.environment ? { environment: inputs.environment } : {}),
        ...(plan.manifest ? { commit: plan.manifest.commit } : {}),
        ...(plan.manifest?.source ? { source: plan.manifest.source } : {}),
        approvers: [],
        rejects: [],
        // The result as the bundle has it; each decision adds the acceptances that count.
        ...(plan.manifest?.policy ? { policy: recordPolicy(plan.manifest, []) } : {}),
        minApprovals: inputs.minApprovals,
        runId: deps.run.runId,
        runAttempt: deps.run.runAttempt,
        decidedAt: deps.now().toISOString(),
    });
}
// ---- override -------------------------------------------------------------------------------------
/**
 * An override approves the change without reviewers, never the failures of its policies: those are
 * accepted only by a policy owner's `/approve-policy` of this digest on the pull request, which the
 * override reads as comment mode does.
 */
async function overrideDecision(inputs, deps, plan, base, policy) {
    const by = deps.run.actor;
    const accepted = inputs.overrideUsers.some((user) => user.toLowerCase() === by.toLowerCase());
    const justification = inputs.override ?? '';
    const found = accepted && policy
        ? await acceptancesOnPullRequest(inputs, deps, plan, policy)
        : { acceptances: [], ignored: [], pullRequest: undefined };
    const unaccepted = accepted && policy !== undefined && found.acceptances.length === 0;
    const record = {
        ...base(),
        decidedBy: 'override',
        status: !accepted ? 'rejected' : unaccepted ? 'pending' : 'approved',
        override: { by, justification, accepted, at: deps.now().toISOString() },
    };
    const policyRecord = recordPolicy(plan.manifest, found.acceptances);
    if (policyRecord)
        record.policy = policyRecord;
    if (accepted) {
        deps.logger.warning(`Emergency override by ${by}: ${justification}`, { title: 'Approval overridden' });
    }
    let failure;
    if (!accepted) {
        failure = `override: ${by || 'the actor of this run'} is not in override-users, so the override is refused (and recorded). Ask one of ${inputs.overrideUsers.join(', ')}, or get an approval.`;
    }
    else if (unaccepted && policy) {
        const where = found.pullRequest !== undefined
            ? `comment /approve-policy ${plan.digest.slice(7, 19)} on pull request #${found.pullRequest}, then run the gate again`
            : `comment /approve-policy ${plan.digest.slice(7, 19)} on the pull request, and give the gate pr-number to read it`;
        failure =
            `override: the override by ${by} approves the change, not the failures of its policies (${failuresInBrief(policy.failures)}). ` +
                (policy.owners.length > 0
                    ? `A policy owner (${policy.owners.join(', ')}) who is not the change's author must accept them: ${where}.`
                    : 'policy-owners is empty, so nobody can accept them: change the plan so that its policies pass.');
    }
    const report = {
        record,
        manifest: plan.manifest,
        missing: 0,
        ignored: found.ignored,
        malformed: [],
        policy: policyReport(inputs, plan, 'comment'),
    };
    const statusCommentUrl = await writeStatusIfOnPullRequest(inputs, deps, plan, report);
    return {
        report,
        ...(statusCommentUrl ? { statusCommentUrl } : {}),
        ...(failure ? { failure } : {}),
    };
}
/** The `/approve-policy` comments on the pull request that accept this plan's failures. */
async function acceptancesOnPullRequest(inputs, deps, plan, rule) {
    const target = await pullRequestOf(deps.run, inputs.prNumber);
    if (!target)
        return { acceptances: [], ignored: [] };
    const client = await deps.github();
    const repository = { owner: deps.run.owner, repo: deps.run.repo };
    const [author, self] = await Promise.all([
        (0,marked_comments/* commentAuthor */.H3)(client, inputs.commentAuthor, deps.logger),
        selfLoginsOf(client, repository, target.number),
    ]);
    const comments = await (0,marked_comments/* listThreadComments */.NT)(client, { ...repository, issueNumber: target.number });
    const { commands } = commandsIn(comments.filter((c) => !(0,marked_comments/* sameLogin */.Up)(c.user?.login, author)));
    const accepting = commands.filter((c) => c.command.kind === 'approve-policy');
    const logins = accepting.map((c) => c.author);
    const standings = await standingsOf(client, repository, logins, [], { owners: rule.owners, of: logins });
    const decision = decide(accepting, standings, {
        planDigest: plan.digest,
        minPermission: inputs.minPermission,
        minApprovals: 1,
        allowSelfApproval: false,
        selfLogins: self.logins,
        policyRule: rule,
    });
    await Promise.all(decision.acceptances.map((vote) => react(client, repository, vote.commentId, '+1')));
    return {
        acceptances: decision.acceptances.map(acceptanceOf),
        ignored: decision.ignored,
        pullRequest: target.number,
    };
}
const acceptanceOf = (vote) => ({
    login: vote.login,
    at: vote.at,
    via: 'comment',
    commentUrl: vote.commentUrl,
});
function policyReport(inputs, plan, via) {
    return { owners: inputs.policyOwners, digest12: plan.digest.slice(7, 19), via };
}
// ---- environment ----------------------------------------------------------------------------------
async function environmentDecision(inputs, deps, plan, base, note, { destroy, policy }) {
    const environment = inputs.environment ?? '';
    const client = await deps.github();
    const repository = { owner: deps.run.owner, repo: deps.run.repo };
    const found = await environmentReviews(client, repository, environment, deps.run.runId);
    if (!found.protectedByReviewers && !inputs.allowUnprotected) {
        throw new errors/* ConfigurationError */.j1(`environment: ${environment} ${found.exists ? 'has no required reviewers' : 'does not exist in this repository'}, so nobody approved this job. ` +
            'Add required reviewers in Settings → Environments, or set allow-unprotected: true to accept it as it is.');
    }
    const at = deps.now().toISOString();
    const vote = (review, permission = 'environment-reviewer') => ({
        login: review.login,
        permission,
        at,
        ...(review.comment ? { comment: review.comment } : {}),
    });
    const approved = found.reviews.filter((r) => r.state === 'approved');
    const rejects = found.reviews.filter((r) => r.state === 'rejected').map((r) => vote(r));
    const held = destroy ? await destroyReviewers(client, repository, approved, destroy) : undefined;
    // For a destroy plan a vote records the role that made it count, which an auditor asks about.
    const approvers = held ? held.counted.map((r) => vote(r, r.role)) : approved.map((r) => vote(r));
    const ignored = (held?.uncounted ?? []).map((r) => ({
        login: r.login,
        // An environment review has no comment of its own to link to.
        commentUrl: '',
        why: `approved ${environment}, but ${r.why}`,
    }));
    // The environment's review is the one decision its reviewers make here: a policy owner's approval of it
    // accepts the failures too, since an environment gate has no comments to say so apart.
    const accepting = policy ? await acceptingReviewers(inputs, deps, client, approved, at) : undefined;
    for (const r of accepting?.refused ?? []) {
        ignored.push({
            login: r.login,
            commentUrl: '',
            why: `approved ${environment}, which does not accept the policy failures: ${r.login} ${r.why}`,
        });
    }
    let status;
    let failure;
    if (rejects.length > 0) {
        status = 'rejected';
        failure = `The environment ${environment} was rejected by ${rejects.map((r) => r.login).join(', ')}.`;
    }
    else if (destroy && approvers.length === 0 && (approved.length > 0 || !found.protectedByReviewers)) {
        // Nobody counted: recorded (and shown) as not approved, and the step fails after reporting.
        status = 'pending';
        failure =
            approved.length > 0
                ? noCountedReviewerMessage(environment, plan.stack, held?.uncounted ?? [], destroy)
                : `The plan of ${plan.stack} is ${destroySubject(destroy)}, which needs ${destroy.permission} permission on the repository, and ${environment} has no required reviewers, so nobody approved it (allow-unprotected does not approve a destroy): add required reviewers with ${destroy.permission} permission to ${environment}.`;
    }
    else if (policy &&
        accepting?.acceptances.length === 0 &&
        (approved.length > 0 || !found.protectedByReviewers)) {
        // The change may be approved, but nobody who approved it could accept the failures of its policies.
        status = 'pending';
        failure = noAcceptingReviewerMessage(environment, plan.stack, accepting.refused, policy);
    }
    else if (approvers.length > 0 || !found.protectedByReviewers) {
        status = 'approved';
        if (approvers.length === 0) {
            deps.logger.warning(`The environment ${environment} has no required reviewers; approved because allow-unprotected is set.`, { title: 'Unprotected environment' });
        }
    }
    else {
        throw new errors/* ConfigurationError */.j1(`environment: no review of ${environment} is recorded for this run. Run the gate in a job with ` +
            `\`environment: ${environment}\`, whose required reviewers approve it before the job starts.`);
    }
    const record = { ...base(), decidedBy: 'environment', status, approvers, rejects };
    const policyRecord = recordPolicy(plan.manifest, accepting?.acceptances ?? []);
    if (policyRecord)
        record.policy = policyRecord;
    return {
        report: {
            record,
            manifest: plan.manifest,
            missing: status === 'pending' ? 1 : 0,
            ignored,
            malformed: [],
            note: joinNotes(note, failure),
            ...(destroy ? { destroy: { rule: destroy } } : {}),
            policy: policyReport(inputs, plan, 'environment'),
        },
        ...(failure ? { failure } : {}),
    };
}
/**
 * The environment's reviewers who approved and may accept the plan's policy failures: named in
 * policy-owners, and neither the actor of this run (who pushed or started it) nor, when the run is about
 * a pull request, its author or the pusher of its head commit.
 */
async function acceptingReviewers(inputs, deps, client, approved, at) {
    const repository = { owner: deps.run.owner, repo: deps.run.repo };
    const target = await pullRequestOf(deps.run, inputs.prNumber);
    const self = target ? (await selfLoginsOf(client, repository, target.number)).logins : new Set();
    if (deps.run.actor)
        self.add(deps.run.actor.toLowerCase());
    const acceptances = [];
    const refused = [];
    for (const { login } of approved) {
        if (!(await listedIn(client, inputs.policyOwners, login))) {
            refused.push({ login, why: 'is not in policy-owners' });
        }
        else if (self.has(login.toLowerCase())) {
            refused.push({ login, why: 'is a policy owner, but started this run or wrote the change' });
        }
        else {
            acceptances.push({ login, at, via: 'environment' });
        }
    }
    return { acceptances, refused };
}
/**
 * The environment's reviewers who approved a destroy plan, with their repository role (the collaborator
 * permission API, as comment mode reads it): being a required reviewer of the environment is not enough.
 */
async function destroyReviewers(client, repository, approved, rule) {
    const standings = await standingsOf(client, repository, approved.map((r) => r.login), []);
    const withRoles = approved.map((r) => {
        const role = standings.get(r.login.toLowerCase())?.role ?? 'none';
        const has = role === 'none' ? 'no' : `the ${role}`;
        const why = `has ${has} permission on the repository, and ${destroySubject(rule)} needs ${rule.permission} (destroy-min-permission)`;
        return { ...r, role, why };
    });
    return countedReviewers(withRoles, rule);
}
// ---- comments -------------------------------------------------------------------------------------
async function commentDecision(inputs, deps, plan, base, wait, note, { destroy, policy }) {
    const target = await pullRequestOf(deps.run, inputs.prNumber);
    if (!target) {
        throw new errors/* ConfigurationError */.j1(`mode: ${wait ? 'wait' : 'comment'} reads approvals from a pull request, and a ${deps.run.eventName} event names none: ` +
            'run it on pull_request or issue_comment, or give pr-number.');
    }
    const client = await deps.github();
    const repository = { owner: deps.run.owner, repo: deps.run.repo };
    const thread = { ...repository, issueNumber: target.number };
    const [author, self] = await Promise.all([
        (0,marked_comments/* commentAuthor */.H3)(client, inputs.commentAuthor, deps.logger),
        selfLoginsOf(client, repository, target.number),
    ]);
    const deadline = deps.now().getTime() + inputs.timeoutMinutes * 60_000;
    const interval = inputs.pollIntervalSeconds * 1000;
    const triggering = await triggeringCommentId(deps.run);
    for (;;) {
        const comments = await (0,marked_comments/* listThreadComments */.NT)(client, thread);
        const { commands, malformed } = commandsIn(comments.filter((c) => !(0,marked_comments/* sameLogin */.Up)(c.user?.login, author)));
        const accepting = commands.filter((c) => c.command.kind === 'approve-policy').map((c) => c.author);
        const standings = await standingsOf(client, repository, commands.map((c) => c.author), inputs.approvers, policy ? { owners: inputs.policyOwners, of: accepting } : undefined);
        const rules = {
            planDigest: plan.digest,
            planCreatedAt: plan.manifest?.createdAt,
            minPermission: inputs.minPermission,
            destroyRule: destroy,
            minApprovals: inputs.minApprovals,
            policyRule: policy,
            allowSelfApproval: inputs.allowSelfApproval,
            selfLogins: self.logins,
        };
        const decision = decide(commands, standings, rules);
        // With nobody in policy-owners, failures can never be accepted: no wait ends otherwise.
        const unacceptable = decision.status === 'pending' && decision.policyPending && !inputs.policyOwners.length;
        const timedOut = wait && decision.status === 'pending' && !unacceptable && deps.now().getTime() + interval > deadline;
        if (!wait || decision.status !== 'pending' || timedOut || unacceptable) {
            const waitNote = timedOut
                ? `No decision within ${inputs.timeoutMinutes} minute(s) of waiting: the gate timed out.`
                : undefined;
            const report = commentReport(base, plan, target.number, decision, malformed, joinNotes(note, waitNote));
            if (destroy)
                report.destroy = { rule: destroy, minPermission: inputs.minPermission };
            report.policy = policyReport(inputs, plan, 'comment');
            for (const edited of decision.edited) {
                deps.logger.warning(`Not counted: the /${edited.kind} of ${edited.login} was edited after it was written (${edited.commentUrl}). A new comment counts; an edited one never does.`, { title: 'Edited command' });
            }
            await acknowledge(client, repository, decision);
            const marked = marked_comments/* MarkedComments */.Vx.among(client, thread, author, comments);
            const { comment } = await marked.write(`approval:${plan.stack}`, renderDecision(report));
            const approvedBefore = decision.status === 'approved' &&
                triggering !== undefined &&
                decide(commands.filter((c) => c.id !== triggering), standings, rules).status === 'approved';
            return {
                report,
                statusCommentUrl: comment.url,
                ...(approvedBefore ? { approvedBefore } : {}),
                ...(decision.status === 'rejected'
                    ? { failure: `The plan was rejected by ${decision.rejects.map((r) => r.login).join(', ')}.` }
                    : {}),
                ...(timedOut ? { failure: `${waitNote} ${stillNeeded(decision)}.` } : {}),
                ...(unacceptable && policy
                    ? {
                        failure: `The policies of the plan of ${plan.stack} failed (${failuresInBrief(policy.failures)}), and policy-owners is empty, so nobody can accept them: change the plan so that its policies pass, or list who may accept them in policy-owners.`,
                    }
                    : {}),
            };
        }
        deps.logger.info(`Waiting for ${decision.missing} more approval(s) of ${plan.digest.slice(0, 19)}…; reading the comments again in ${inputs.pollIntervalSeconds}s.`);
        await deps.sleep(interval);
    }
}
/** What a pending decision still waits for, in words. */
function stillNeeded(decision) {
    const parts = [
        ...(decision.missing > 0 ? [`${decision.missing} more approval(s)`] : []),
        ...(decision.policyPending ? ["a policy owner's /approve-policy"] : []),
    ];
    return `${parts.join(' and ')} ${decision.missing > 1 || parts.length > 1 ? 'were' : 'was'} needed`;
}
function joinNotes(...notes) {
    const given = notes.filter((n) => Boolean(n));
    return given.length > 0 ? given.join(' ') : undefined;
}
function commentReport(base, plan, pullRequest, decision, malformed, note) {
    const toRecord = (vote) => ({
        login: vote.login,
        permission: vote.role,
        at: vote.at,
        commentUrl: vote.commentUrl,
        ...(vote.reason ? { comment: vote.reason } : {}),
    });
    const record = {
        ...base(),
        decidedBy: 'reviewers',
        status: decision.status,
        pullRequest,
        approvers: decision.approvals.map(toRecord),
        rejects: decision.rejects.map(toRecord),
    };
    const policy = recordPolicy(plan.manifest, decision.acceptances.map(acceptanceOf));
    if (policy)
        record.policy = policy;
    const ignored = decision.ignored;
    return {
        record,
        manifest: plan.manifest,
        missing: decision.missing,
        ignored,
        edited: decision.edited,
        malformed,
        note,
    };
}
/** Reacts to every command that counted, so its author sees it was read. */
async function acknowledge(client, repository, decision) {
    await Promise.all([
        ...[...decision.approvals, ...decision.acceptances].map((vote) => react(client, repository, vote.commentId, '+1')),
        ...decision.rejects.map((vote) => react(client, repository, vote.commentId, 'eyes')),
    ]);
}
async function writeStatusIfOnPullRequest(inputs, deps, plan, report) {
    const target = await pullRequestOf(deps.run, inputs.prNumber);
    if (!target)
        return undefined;
    const client = await deps.github();
    const thread = { owner: deps.run.owner, repo: deps.run.repo, issueNumber: target.number };
    const marked = await marked_comments/* MarkedComments */.Vx.load(client, thread, await (0,marked_comments/* commentAuthor */.H3)(client, inputs.commentAuthor, deps.logger));
    report.record.pullRequest = target.number;
    const { comment } = await marked.write(`approval:${plan.stack}`, renderDecision(report));
    return comment.url;
}

// EXTERNAL MODULE: ./lib/audit/log.js + 5 modules
var log = __webpack_require__(94079);
;// CONCATENATED MODULE: ./lib/approval/approval-gate.js










/**
 * The approval-gate step: decides on the plan under review, writes the decision as the checked approval
 * record artifact, starts the apply workflow when asked to and the plan is newly approved, and fails the
 * step when the plan was rejected, or is pending with `on-pending: fail`.
 */
async function runApprovalGate(inputs, deps) {
    const { logger, run, artifacts, setOutputs } = deps;
    // Made only when the decision needs the API: a policy approval does not.
    const github = lazyGitHubClient(inputs.githubToken, logger, run, () => new errors/* ConfigurationError */.j1(`Input "github-token" is empty: mode ${inputs.mode} reads the pull request or the run's reviews through the API.`));
    const startedAt = deps.now();
    const result = await gate(inputs, { artifacts, logger, run, github, sleep: deps.sleep, now: deps.now });
    const { record } = result.report;
    (deps.audit ?? log.NO_AUDIT).record(record.override?.accepted ? 'override' : 'approval', decisionEvent(record, startedAt));
    // The record is checked against its own contract before anyone downstream can rely on it.
    const checked = approvalRecordSchema.parse(record);
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(run.runnerTemp, 'iac-approval-record-'));
    const path = (0,external_node_path_.join)(dir, APPROVAL_RECORD_FILE);
    await (0,promises_.writeFile)(path, `${JSON.stringify(checked, null, 2)}\n`);
    const name = artifactName(inputs.artifactPrefix, 'approval', record.stack);
    await artifacts.upload(name, [path], dir);
    const approved = record.status === 'approved';
    setOutputs({ status: record.status, approved, approvers: record.approvers });
    // Only an approved digest is handed on: tf-apply's expected-plan-digest must never name a plan nobody approved.
    setOutputs({
        'plan-digest': approved ? record.planDigest : '',
        'record-artifact': name,
        'plan-run-id': result.planRunId,
    });
    if (result.statusCommentUrl)
        setOutputs({ 'status-comment-url': result.statusCommentUrl });
    setOutputs({ dispatched: false });
    if (approved && inputs.dispatchWorkflow && result.approvedBefore) {
        // Another `/approve` of a plan that is approved already: its apply was started by the comment that
        // approved it, and a second run would only be refused as stale once the first applied.
        logger.notice(`Plan ${record.planDigest.slice(0, 19)}… was approved before this comment, and ${inputs.dispatchWorkflow} was started then: it is not started again. ` +
            `To start it by hand, run ${inputs.dispatchWorkflow} on the pull request's branch with plan-run-id ${result.planRunId}, plan-digest ${record.planDigest}, stack ${record.stack} and pr-number ${record.pullRequest ?? ''}.`, { title: 'Already approved' });
    }
    else if (approved && inputs.dispatchWorkflow) {
        if (record.pullRequest === undefined) {
            throw new errors/* ConfigurationError */.j1('Input "dispatch-workflow" starts the apply of a pull request\'s plan, and this decision is not about a pull request: give pr-number, or run the gate on issue_comment.');
        }
        const { ref } = await dispatchApply(await github(), { owner: run.owner, repo: run.repo }, {
            workflow: inputs.dispatchWorkflow,
            pullRequest: record.pullRequest,
            stack: record.stack,
            planRunId: result.planRunId,
            planDigest: record.planDigest,
        });
        setOutputs({ dispatched: true });
        logger.info(`Started ${inputs.dispatchWorkflow} on ${ref} to apply plan ${record.planDigest} of stack ${record.stack}.`);
    }
    await deps.writeSummary(`## Approval gate\n\n${renderDecision(result.report)}`);
    if (result.failure)
        throw new errors/* StepFailure */.pH(result.failure);
    if (record.status === 'pending') {
        const hex = record.planDigest.slice(7, 19);
        const policyPending = record.policy?.mode === 'enforce' && !record.policy.passed && !record.policy.accepted;
        const needs = [
            ...(result.report.missing > 0
                ? [`${result.report.missing} more approval(s): comment /approve ${hex} on the pull request`]
                : []),
            ...(policyPending
                ? [
                    `a policy owner to accept its policy failures: one of ${inputs.policyOwners.join(', ')} comments /approve-policy ${hex}`,
                ]
                : []),
        ];
        const waiting = `Plan ${record.planDigest.slice(0, 19)}… is waiting for ${needs.join(', and for ')}.`;
        // In a job graph the apply job must not start: failing is how this job says "not yet".
        if (inputs.onPending === 'fail')
            throw new errors/* StepFailure */.pH(waiting);
        logger.notice(waiting, { title: 'Approval pending' });
    }
}
const DECISION_OUTCOME = {
    approved: 'success',
    rejected: 'rejected',
    pending: 'pending',
};
/**
 * The decision as an audit event: its actor is who decided (the overrider, else the first approving
 * or rejecting vote, else `policy` for the policy's own); a decision nobody has made yet is the
 * triggering actor's pending one.
 */
function decisionEvent(record, startedAt) {
    const override = record.override?.accepted ? record.override : undefined;
    const voters = (record.status === 'rejected' ? record.rejects : record.approvers).map((v) => v.login);
    const accepted = record.policy?.accepted;
    const detail = [
        override
            ? `Overridden (${record.mode} gate).`
            : `${record.status === 'approved' ? 'Approved' : record.status === 'rejected' ? 'Rejected' : 'Waiting'} (${record.mode} gate, decided by ${record.decidedBy}): ${record.approvers.length} of ${record.minApprovals} approval(s).`,
        ...(accepted ? [`Policy failures accepted by ${accepted.by.map((a) => a.login).join(', ')}.`] : []),
    ].join(' ');
    return {
        stack: record.stack,
        environment: record.environment,
        planDigest: record.planDigest,
        // A policy's approval is nobody's: the actor says so rather than naming whoever started the run.
        actor: override?.by ?? voters[0] ?? (record.decidedBy === 'policy' ? 'policy' : undefined),
        approvers: voters,
        outcome: DECISION_OUTCOME[record.status],
        detail,
        startedAt,
    };
}


/***/ })

};
