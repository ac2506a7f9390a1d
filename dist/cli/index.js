#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 836:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _summarize_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(830);

process.exitCode = await (0,_summarize_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .ak)(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ak: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: COMMENT_SEPARATOR, USAGE, commentsText

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./lib/core/errors.js
/**
 * A mistake the user can fix: a bad input, a missing file, a refused bundle. It is reported as one
 * `::error::` line without a stack trace. Everything else is a bug and keeps its stack (at debug level).
 */
class ConfigurationError extends Error {
    name = 'ConfigurationError';
}
function isConfigurationError(error) {
    return error instanceof ConfigurationError;
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * The step failed for a reason that is neither the user's input nor a bug of ours: the tool failed (a
 * provider refused an apply), a check failed. Reported as its message alone, like a ConfigurationError.
 */
class StepFailure extends (/* unused pure expression or super */ null && (Error)) {
    name = 'StepFailure';
    /** Markdown for the job summary, when the failure has more to say than its one line. */
    summary;
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
function escapeInvisible(text) {
    return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Text made safe to show on one line: line breaks and other control characters become escapes. */
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u001F\u007F-\u009F]/g;
    return escapeInvisible(text).replace(controls, (c) => {
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
function codeSpan(text) {
    const content = oneLine(text);
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
function htmlText(text) {
    return oneLine(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
/**
 * Code inside a GFM table cell. A pipe splits the cell even inside a code span, and whether a
 * backslash before it escapes it depends on the backslashes before that, so no span is used: a
 * `<code>` element with every ASCII punctuation character as a numeric reference, which neither the
 * table nor Markdown reads as syntax.
 */
function cellCode(text) {
    const content = oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<code>${content}</code>`;
}
/**
 * Code in a GFM table cell where a code span reads as one: a span when the text has no pipe (the only
 * character that splits a cell inside a span), else `cellCode`, since no escaping of a pipe inside a
 * span shows every text as itself.
 */
function cellSpan(text) {
    return text.includes('|') ? cellCode(text) : codeSpan(text);
}
/**
 * Text as a heading (or any running text outside code): no markup, no HTML, and no @mention (a word
 * joiner after each `@`), since headings are made of repository, workflow and stack names.
 */
function headingText(text) {
    return oneLine(text)
        .replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c)
        .replace(/[\\`*_{}[\]|#!~]/g, (c) => `\\${c}`)
        .replace(/@/g, '@\u2060');
}
/** A link target GitHub renders as given: http(s) only, with the characters that end a link encoded. */
function linkUrl(url) {
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
function codeBlock(content, info = '') {
    const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
    return `${fence}${info}\n${content}\n${fence}`;
}
/** Multi-line text for a code block: control characters other than the line breaks escaped. */
function blockText(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map((line) => oneLine(line))
        .join('\n');
}
/** Shortens text to at most `max` characters, saying how much was left out. */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    // Never cut a surrogate pair in half: a lone surrogate is not valid text for the API.
    const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
    return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

;// CONCATENATED MODULE: ./lib/plan/values.js
/**
 * Display text for values and paths: one line, unambiguous, and free of characters that change how
 * the text around them reads (line breaks, bidirectional overrides, invisible format characters).
 */

/** A JSON literal of a primitive: strings quoted and escaped, so a value never spans lines. */
function displayLiteral(value) {
    if (typeof value === 'string')
        return escapeInvisible(JSON.stringify(value));
    if (typeof value === 'number' || typeof value === 'boolean' || value === null)
        return String(value);
    return escapeInvisible(JSON.stringify(value) ?? 'null');
}
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** `input.tags["a b"][0]`: bare names where they are identifiers, quoted keys otherwise. */
function displayPath(steps) {
    let path = '';
    steps.forEach((step, i) => {
        if (typeof step === 'number')
            path += `[${step}]`;
        else if (IDENTIFIER.test(step))
            path += i === 0 ? step : `.${step}`;
        else
            path += `[${displayLiteral(step)}]`;
    });
    return path;
}

;// CONCATENATED MODULE: ./lib/plan/sensitive.js

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The part of a mask (`*_sensitive`, `after_unknown`) under one step: a `true` covers everything below it. */
function maskAt(mask, step) {
    if (mask === true)
        return true;
    if (Array.isArray(mask))
        return typeof step === 'number' ? mask[step] : undefined;
    if (isObject(mask))
        return typeof step === 'string' ? mask[step] : undefined;
    return undefined;
}
/** True when anything at or under this mask is set. */
function anySet(mask) {
    if (mask === true)
        return true;
    if (Array.isArray(mask))
        return mask.some(anySet);
    if (isObject(mask))
        return Object.values(mask).some(anySet);
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
    if (value === null || value === undefined || !anySet(sensitive))
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
        else if (isObject(value)) {
            for (const key in value)
                collectSecrets(value[key], true, into);
        }
        return;
    }
    if (Array.isArray(value))
        value.forEach((item, i) => collectSecrets(item, maskAt(sensitive, i), into));
    else if (isObject(value))
        for (const key in value)
            collectSecrets(value[key], maskAt(sensitive, key), into);
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
class SecretCollector {
    secrets = new Set();
    /** The strings of a value under a sensitivity mask. */
    add(value, sensitive) {
        collectSecrets(value, sensitive, this.secrets);
    }
    /** Both sides of a `resource_changes` or `resource_drift` entry. */
    addChange(raw) {
        if (!isObject(raw) || !isObject(raw.change))
            return;
        this.add(raw.change.before, raw.change.before_sensitive);
        this.add(raw.change.after, raw.change.after_sensitive);
    }
    /**
     * Root variables declared sensitive: `variables` holds their values, the configuration says which
     * are sensitive.
     */
    addVariables(values, configuration) {
        if (!isObject(values) || !isObject(configuration))
            return;
        const rootModule = configuration.root_module;
        const declared = isObject(rootModule) && isObject(rootModule.variables) ? rootModule.variables : {};
        for (const [name, declaration] of Object.entries(declared)) {
            const variable = values[name];
            if (isObject(declaration) && declaration.sensitive === true && isObject(variable)) {
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
const ENTRY_FIELDS = [
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
];
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
const CHECK_STATUSES = ['pass', 'fail', 'error', 'unknown'];
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
function destructiveResources(model) {
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
const DESTRUCTIVE_GROUPS = new Set(['delete', 'replace']);
/** The resources grouped by what happens to them, most consequential first; empty groups left out. */
function groupResources(entries) {
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
function countsPhrase(counts) {
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
function resourceNotes(entry) {
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
function destructiveVerb(entry) {
    return entry.action === 'replace' ? 'replaced' : 'destroyed';
}
function driftNotes(entry) {
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
function diffLine(attribute, maxLength = Infinity) {
    const { before, after } = attribute;
    const suffix = attribute.forcesReplacement ? '  # forces replacement' : '';
    if (before.kind === 'absent')
        return `+ ${attribute.path} = ${valueText(after, maxLength)}${suffix}`;
    if (after.kind === 'absent')
        return `- ${attribute.path} = ${valueText(before, maxLength)}${suffix}`;
    return `! ${attribute.path} = ${valueText(before, maxLength)} -> ${valueText(after, maxLength)}${suffix}`;
}
function outputLine(name, before, after, maxLength = Infinity) {
    return diffLine({ path: displayPath([name]), before, after, forcesReplacement: false }, maxLength);
}

;// CONCATENATED MODULE: ./lib/plan/size-budget.js
/**
 * Output that must stay under a size limit: GitHub rejects a comment over 65,536 characters and drops
 * a job summary over 1 MiB whole. A Writer stops as soon as a rendering would pass its limit, so trying
 * a detailed rendering of a huge plan costs no more than the limit, not the size of the whole plan.
 */
/** JavaScript string length: what the comment limit counts. */
const characters = (text) => text.length;
/** UTF-8 bytes: what the job summary limit counts. */
const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');
/** Thrown by a Writer that would pass its limit. */
class BudgetExceeded extends Error {
    constructor() {
        super('the rendering does not fit its size limit');
    }
}
class Writer {
    limit;
    measure;
    lines = [];
    used = 0;
    constructor(limit = Infinity, measure = characters) {
        this.limit = limit;
        this.measure = measure;
    }
    /** Adds lines (each followed by a newline); throws BudgetExceeded rather than pass the limit. */
    line(...lines) {
        for (const line of lines) {
            const size = this.measure(line) + (this.lines.length > 0 ? 1 : 0);
            if (this.used + size > this.limit)
                throw new BudgetExceeded();
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

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
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
    const hash = createHash('sha256');
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
async function sha256File(path) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The first 12 hex digits of a digest, with its `sha256:` prefix, for messages. */
function shortDigest(digest) {
    const hex = digest.replace(/^sha256:/, '');
    return `sha256:${hex.slice(0, 12)}`;
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
function policyHeadline(policy, planDigest) {
    const failures = policy.failures.length;
    if (policy.passed) {
        const warned = policy.mode === 'warn'
            ? ['; ', { code: 'policy-mode: warn' }, ': a failure would be shown, not enforced']
            : [];
        return {
            title: 'Policy: passed',
            detail: [`${phrases_plural(policy.evaluated, 'rule')} evaluated in `, ...where(policy), ...warned, '.'],
        };
    }
    if (policy.mode === 'warn') {
        return {
            title: `Policy: ${phrases_plural(failures, 'failure')}, not blocking`,
            detail: [
                { code: 'policy-mode: warn' },
                ': the failures are shown, not enforced, and hold neither the approval nor the apply (',
                ...where(policy),
                ').',
            ],
        };
    }
    return {
        title: `Policy: ${phrases_plural(failures, 'failure')}`,
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
function findingPrefix(finding) {
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
const COMMENT_LIMIT = 65_536;
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
const code = (text) => codeSpan(truncate(text, MAX_NAME));
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
        lines.push(`${phrases_plural(model.unchanged, 'resource')} unchanged.`);
    if (model.counts.drift > 0) {
        lines.push(`**Drift:** ${phrases_plural(model.counts.drift, 'resource')} changed outside of the configuration.`);
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
    w.blank().line('> [!WARNING]', `> **${phrases_plural(destructive.length, 'resource')} will be destroyed or replaced:**`);
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
    const tally = [errors > 0 ? phrases_plural(errors, 'error') : '', warnings > 0 ? phrases_plural(warnings, 'warning') : ''];
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
function renderPlanComment(model, ctx, opts = {}) {
    const layout = singleLayout(ctx, opts.limit ?? COMMENT_LIMIT, characters, true, opts.firstN ?? DEFAULT_FIRST_N);
    return renderDocument([{ model, ctx }], layout);
}
/** The job summary: the same content in one document of at most `limitBytes` UTF-8 bytes. */
function renderPlanSummary(model, ctx, opts = {}) {
    const layout = singleLayout(ctx, opts.limitBytes ?? SUMMARY_LIMIT_BYTES, utf8Bytes, false, opts.firstN ?? DEFAULT_FIRST_N);
    return renderDocument([{ model, ctx }], layout)[0];
}
/** Exposed for the multi-stack renderer. */
const markdown = { code, cellCode: cellCode, stackTitle, verdict: verdict, countsPhrase: countsPhrase };

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
    return COMMIT_LINE.exec(contentOf(comment))?.[1];
}
/** The marker key of a stack's plan comment: one comment per stack per pull request. */
function planCommentKey(stack) {
    return `plan:${stack}`;
}
/** The bundle behind a stack's plan comment, from its first part's hidden line; undefined when none was uploaded. */
function originOf(comment) {
    const match = ORIGIN_LINE.exec(contentOf(comment));
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

;// CONCATENATED MODULE: ./lib/terraform/plan-summary.js

const READ_FORMAT_MAJOR = '1';
/** Refuses a document in a format this code does not read, saying which it got and which it reads. */
function plan_summary_assertPlanFormat(doc) {
    const version = doc?.format_version;
    if (typeof version !== 'string' || version.split('.')[0] !== READ_FORMAT_MAJOR) {
        throw new ConfigurationError(`the plan's show -json document has format_version ${JSON.stringify(version ?? null)}; this release ` +
            `reads ${READ_FORMAT_MAJOR}.x. Use a tofu or terraform version that writes format ${READ_FORMAT_MAJOR}.x.`);
    }
}
function summarizePlan(doc) {
    plan_summary_assertPlanFormat(doc);
    const summary = {
        add: 0,
        change: 0,
        destroy: 0,
        replace: 0,
        import: 0,
        move: 0,
        forget: 0,
        hasChanges: false,
        destroys: false,
        deletes: [],
        replaces: [],
        outputChanges: 0,
    };
    for (const resource of doc.resource_changes ?? [])
        countResource(summary, resource);
    summary.outputChanges = Object.values(doc.output_changes ?? {}).filter((o) => changes(o.actions)).length;
    summary.destroys = summary.destroy + summary.replace > 0;
    summary.hasChanges = summary.hasChanges || summary.outputChanges > 0;
    return summary;
}
/** True unless every action is one that leaves infrastructure and state alone. */
function changes(actions) {
    return actions.some((action) => action !== 'no-op' && action !== 'read');
}
function countResource(summary, resource) {
    const { actions } = resource.change;
    // An import or a move changes the state even when the resource itself is a no-op; the tool's own
    // -detailed-exitcode counts them as changes too, so the summary agrees with the exit code.
    const imported = resource.change.importing !== undefined && resource.change.importing !== null;
    const moved = resource.previous_address !== undefined && resource.previous_address !== resource.address;
    if (imported)
        summary.import += 1;
    if (moved)
        summary.move += 1;
    if (changes(actions) || imported || moved)
        summary.hasChanges = true;
    // delete+create (the default) and create+delete (create_before_destroy) are both one replacement.
    if (actions.includes('delete') && actions.includes('create')) {
        summary.replace += 1;
        summary.replaces.push(resource.address);
        summary.deletes.push(resource.address);
        return;
    }
    for (const action of actions)
        countAction(summary, action, resource.address);
}
function countAction(summary, action, address) {
    switch (action) {
        case 'create':
            summary.add += 1;
            break;
        case 'update':
            summary.change += 1;
            break;
        case 'delete':
            summary.destroy += 1;
            summary.deletes.push(address);
            break;
        case 'forget':
            summary.forget += 1;
            break;
        default:
            // no-op and read change nothing; an action this code does not know is not counted either.
            break;
    }
}

;// CONCATENATED MODULE: ./lib/plan/plan-stream.js





/**
 * Reads a `show -json` document from a file or stream into the plan model without holding the whole
 * document. A plan of 50,000 changes is a JSON text of about 70 MB, and JSON.parse of it takes over
 * three times that in memory; most of it (planned_values, prior_state) the model never reads.
 *
 * The scanner only finds where values begin and end: it tracks strings and nesting depth, byte by
 * byte (every structural character is ASCII, and no byte of a multi-byte UTF-8 character is), and
 * hands each top-level value the model reads, and each element of resource_changes and
 * resource_drift, to JSON.parse. Everything else is skipped unparsed.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** Characters of the data after a document that its error message shows. */
const TRAILER_SHOWN = 20;
/** Bytes of it kept: enough for TRAILER_SHOWN characters and one more, however many bytes each takes. */
const EXTRA_BYTES = 4 * (TRAILER_SHOWN + 1);
/** Top-level values parsed whole: small, or needed whole. */
const WHOLE = new Set([
    'format_version',
    'terraform_version',
    'variables',
    'output_changes',
    'configuration',
    'checks',
    'errored',
]);
/** Top-level lists read element by element. */
const STREAMED = new Set(['resource_changes', 'resource_drift']);
class Capture {
    start;
    at;
    pieces = [];
    /** `at`: where the value starts in the whole input, counted in bytes. */
    constructor(start, at = 0) {
        this.start = start;
        this.at = at;
    }
    /** Keeps what the current chunk holds of the value; the next chunk continues from its start. */
    carry(chunk) {
        this.pieces.push(chunk.subarray(this.start));
        this.start = 0;
    }
    end(chunk, end) {
        this.pieces.push(chunk.subarray(this.start, end));
        return this.pieces;
    }
}
const plan_stream_text = (pieces) => (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces)).toString('utf8');
/** A resource change's bytes in the arena; its text is decoded when its diff is read. */
class ArenaSlice {
    block;
    start;
    end;
    constructor(block, start, end) {
        this.block = block;
        this.start = start;
        this.end = end;
    }
    text() {
        return this.block.toString('utf8', this.start, this.end);
    }
}
/**
 * A resource change's bytes in the plan file itself, read again when its diff is read: the model of a
 * file keeps no copy of the document at all. The file must stay as it is while the model is in use.
 */
class FileSlice {
    path;
    start;
    length;
    constructor(path, start, length) {
        this.path = path;
        this.start = start;
        this.length = length;
    }
    text() {
        const bytes = Buffer.allocUnsafe(this.length);
        const fd = (0,external_node_fs_namespaceObject.openSync)(this.path, 'r');
        try {
            let read = 0;
            while (read < this.length) {
                const n = (0,external_node_fs_namespaceObject.readSync)(fd, bytes, read, this.length - read, this.start + read);
                if (n === 0)
                    throw new Error(`${this.path} became shorter while its plan was being rendered`);
                read += n;
            }
        }
        finally {
            (0,external_node_fs_namespaceObject.closeSync)(fd);
        }
        return bytes.toString('utf8');
    }
}
/**
 * Where the resource changes' JSON bytes are kept when the document comes from a stream, in big blocks outside the JavaScript heap: as
 * strings on the heap the same bytes cost more, and the garbage collector lets the heap grow well past
 * what it holds.
 */
class ByteArena {
    blockSize;
    block = Buffer.alloc(0);
    used = 0;
    constructor(blockSize = 8 << 20) {
        this.blockSize = blockSize;
    }
    add(pieces) {
        const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
        if (this.used + length > this.block.length) {
            this.block = Buffer.allocUnsafe(Math.max(this.blockSize, length));
            this.used = 0;
        }
        const start = this.used;
        for (const piece of pieces)
            this.used += piece.copy(this.block, this.used);
        return new ArenaSlice(this.block, start, this.used);
    }
}
class PlanDocumentScanner {
    onValue;
    onElement;
    mode = 'start';
    depth = 0;
    inString = false;
    escapePending = false;
    topState = 'key';
    keyCapture;
    key = '';
    valueCapture;
    streaming;
    elementCapture;
    atLineStart = true;
    /** Bytes of the input before the current chunk. */
    offset = 0;
    /**
     * Where the scan is, for the message about data after the document: the line (from 1), the byte where
     * it starts, and the UTF-8 continuation bytes on it so far (the column counts characters). Strings
     * cannot hold a raw line break, so only the bytes outside them are looked at for one.
     */
    line = 1;
    lineStart = 0;
    continuations = 0;
    /** Data after the document: where it starts, and its first bytes (for the message). */
    extra;
    keys = new Set();
    constructor(onValue, onElement) {
        this.onValue = onValue;
        this.onElement = onElement;
    }
    write(chunk) {
        if (this.mode === 'extra')
            return this.addExtra(chunk, 0);
        let i = 0;
        const length = chunk.length;
        if (this.mode === 'start' || this.mode === 'preamble')
            i = this.skipPreamble(chunk);
        if (this.inString && this.escapePending) {
            this.escapePending = false;
            i += 1;
        }
        // The hot loop: depth and string state live in locals, and below depth 2 only nesting is tracked.
        let depth = this.depth;
        let inString = this.inString;
        while (i < length && this.mode === 'document') {
            if (inString) {
                // Strings are short (keys, addresses, values): a plain loop beats a native search per string.
                while (i < length) {
                    const b = chunk[i];
                    if (b === QUOTE)
                        break;
                    if (b >= 0x80) {
                        if (b < 0xc0)
                            this.continuations += 1;
                        i += 1;
                    }
                    else
                        i += b === BACKSLASH ? 2 : 1;
                }
                if (i >= length) {
                    // A backslash that ends the chunk escapes the first byte of the next one.
                    this.escapePending = i > length;
                    break;
                }
                inString = false;
                if (this.keyCapture) {
                    this.key = JSON.parse(plan_stream_text(this.keyCapture.end(chunk, i + 1)));
                    this.keyCapture = undefined;
                    this.keys.add(this.key);
                    this.topState = 'colon';
                }
                i++;
                continue;
            }
            const c = chunk[i];
            if (c === QUOTE) {
                inString = true;
                if (depth === 1 && this.topState === 'key')
                    this.keyCapture = new Capture(i);
            }
            else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
                if (depth === 0) {
                    if (c !== OPEN_BRACE)
                        throw notAnObject();
                    this.topState = 'key';
                }
                else if (depth === 1 && c === OPEN_BRACKET && STREAMED.has(this.key) && !this.valueCapture) {
                    this.streaming = this.key;
                    this.elementCapture = new Capture(i + 1, this.offset + i + 1);
                }
                depth += 1;
            }
            else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
                if (depth === 2 && this.streaming) {
                    this.endElement(chunk, i);
                    this.streaming = undefined;
                }
                else if (depth === 1) {
                    this.endValue(chunk, i);
                }
                depth -= 1;
                if (depth === 0)
                    this.mode = 'done';
            }
            else if (c === COMMA) {
                if (depth === 1) {
                    this.endValue(chunk, i);
                    this.topState = 'key';
                }
                else if (depth === 2 && this.streaming) {
                    this.endElement(chunk, i);
                    this.elementCapture = new Capture(i + 1, this.offset + i + 1);
                }
            }
            else if (c === COLON && depth === 1 && this.topState === 'colon') {
                this.topState = 'value';
                if (WHOLE.has(this.key))
                    this.valueCapture = new Capture(i + 1);
            }
            else if (c === NEWLINE) {
                this.newLine(i);
            }
            i++;
        }
        this.depth = depth;
        this.inString = inString;
        this.keyCapture?.carry(chunk);
        this.valueCapture?.carry(chunk);
        this.elementCapture?.carry(chunk);
        if (this.mode === 'done')
            this.skipTrailer(chunk, i);
        this.offset += length;
    }
    end() {
        if (this.mode === 'extra')
            throw this.trailingData();
        if (this.mode === 'start' || this.mode === 'preamble')
            throw notAnObject();
        if (this.mode !== 'done') {
            throw new ConfigurationError('the plan JSON ends before the document does: is the file truncated?');
        }
    }
    newLine(i) {
        this.line += 1;
        this.lineStart = this.offset + i + 1;
        this.continuations = 0;
    }
    /**
     * Skips what comes before the document: tofu and terraform print CLI-configuration warnings on
     * stdout before it, so a document captured with `> plan.json` can start with them (as in
     * json-document.ts). The document starts at the first `{` that begins a line.
     */
    skipPreamble(chunk) {
        for (let i = 0; i < chunk.length; i++) {
            const c = chunk[i];
            if (c === NEWLINE) {
                this.newLine(i);
            }
            else if (c >= 0x80 && c < 0xc0) {
                this.continuations += 1;
            }
            if (this.mode === 'start') {
                if (c === 0x20 ||
                    c === 0x09 ||
                    c === 0x0d ||
                    c === NEWLINE ||
                    c === 0xef ||
                    c === 0xbb ||
                    c === 0xbf) {
                    continue; // whitespace, or a UTF-8 byte order mark
                }
                if (c === 0x50 && chunk[i + 1] === 0x4b)
                    throw planfileGiven(); // "PK": a zip, that is a planfile
                this.mode = c === OPEN_BRACE ? 'document' : 'preamble';
                if (this.mode === 'document')
                    return i;
                this.atLineStart = false;
                continue;
            }
            if (c === OPEN_BRACE && this.atLineStart) {
                this.mode = 'document';
                return i;
            }
            this.atLineStart = c === NEWLINE;
        }
        return chunk.length;
    }
    endValue(chunk, end) {
        if (!this.valueCapture)
            return;
        const pieces = this.valueCapture.end(chunk, end);
        this.valueCapture = undefined;
        this.onValue(this.key, plan_stream_text(pieces));
    }
    endElement(chunk, end) {
        if (!this.elementCapture || !this.streaming)
            return;
        const pieces = this.elementCapture.end(chunk, end);
        const at = this.elementCapture.at;
        this.elementCapture = undefined;
        if (pieces.some((piece) => piece.some((byte) => !WHITESPACE.has(byte))))
            this.onElement(this.streaming, pieces, at);
    }
    /**
     * After the document's closing brace only whitespace may follow, as JSON.parse and jq require: more
     * means the file is not what tofu wrote (two documents in one file, a bad copy, an edit).
     */
    skipTrailer(chunk, from) {
        for (let i = from; i < chunk.length; i++) {
            const c = chunk[i];
            if (c === NEWLINE)
                this.newLine(i);
            else if (!WHITESPACE.has(c)) {
                const column = this.offset + i - this.lineStart - this.continuations + 1;
                this.extra = { line: this.line, column, bytes: [], length: 0 };
                this.mode = 'extra';
                this.addExtra(chunk, i);
                return;
            }
        }
    }
    /** Keeps the first bytes of the extra data, however the input is cut, then refuses the document. */
    addExtra(chunk, from) {
        const extra = this.extra;
        const piece = chunk.subarray(from, from + EXTRA_BYTES - extra.length);
        extra.bytes.push(piece);
        extra.length += piece.length;
        if (extra.length >= EXTRA_BYTES)
            throw this.trailingData();
    }
    trailingData() {
        const { line, column, bytes } = this.extra;
        const seen = [...Buffer.concat(bytes).toString('utf8')];
        const shown = `${JSON.stringify(seen.slice(0, TRAILER_SHOWN).join(''))}${seen.length > TRAILER_SHOWN ? '…' : ''}`;
        return new ConfigurationError(`line ${line}, column ${column}: data after the end of the plan document (${shown}); ` +
            'expected nothing but whitespace after its closing }. A show -json file holds one document: ' +
            'is it two documents in one file, or an edited copy?');
    }
}
function notAnObject() {
    return new ConfigurationError('the plan file does not hold a JSON object: give the output of `tofu show -json <planfile>` (or terraform)');
}
function planfileGiven() {
    return new ConfigurationError('the plan file is a binary planfile, not JSON: convert it with `tofu show -json <planfile> > plan.json` first');
}
function parse(text, what) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new ConfigurationError(`the plan file is not valid JSON (in ${what}): ${error.message}`);
    }
}
/**
 * The plan model of the `show -json` document in a file (a path) or a stream. Same result as
 * buildPlanModel(JSON.parse(text)), in a fraction of the memory. Every mistake in the document is a
 * ConfigurationError that starts with the document's name.
 */
async function readPlanModel(source, options = {}) {
    try {
        return await readModel(source, options);
    }
    catch (error) {
        if (!isConfigurationError(error))
            throw error;
        const name = options.name ?? (typeof source === 'string' ? source : 'the plan stream');
        throw new ConfigurationError(`${shownName(name)}: ${error.message}`);
    }
}
/** A file's name for a message: at most 60 characters, its end kept (the end names the file). */
function shownName(name) {
    const line = oneLine(name);
    return line.length > 60 ? `…${line.slice(-59)}` : line;
}
async function readModel(source, options) {
    const head = {};
    let builder;
    // Elements that come before format_version (only in hand-made documents) wait until it is known.
    const waiting = [];
    const arena = new ByteArena();
    const add = (key, slice, json) => {
        const raw = parse(json, key);
        if (key === 'resource_changes')
            builder?.addResourceChange(raw, slice);
        else
            builder?.addDrift(raw, slice);
    };
    const scanner = new PlanDocumentScanner((key, text) => {
        head[key] = parse(text, key);
        if (key === 'format_version') {
            plan_summary_assertPlanFormat(head);
            builder = new PlanModelBuilder({ formatVersion: head.format_version });
            for (const [k, slice, json] of waiting.splice(0))
                add(k, slice, json);
        }
    }, (key, pieces, at) => {
        const json = plan_stream_text(pieces);
        const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
        const slice = typeof source === 'string' ? new FileSlice(source, at, length) : arena.add(pieces);
        if (builder)
            add(key, slice, json);
        else
            waiting.push([key, slice, json]);
    });
    const stream = typeof source === 'string' ? (0,external_node_fs_namespaceObject.createReadStream)(source, { highWaterMark: 1 << 20 }) : source;
    for await (const chunk of stream)
        scanner.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    scanner.end();
    plan_summary_assertPlanFormat(head);
    const shape = { ...head };
    for (const key of scanner.keys)
        if (!(key in shape))
            shape[key] = [];
    assertPlanShape(shape);
    builder ??= new PlanModelBuilder({ formatVersion: head.format_version });
    if (typeof head.terraform_version === 'string')
        builder.setToolVersion(head.terraform_version);
    builder.setOutputChanges(head.output_changes);
    builder.setChecks(head.checks);
    builder.setErrored(head.errored);
    builder.setVariables(head.variables, head.configuration);
    builder.addDiagnostics(options.diagnostics ?? []);
    return builder.finish();
}

;// CONCATENATED MODULE: ./lib/plan/plan-text.js




/**
 * The plan as plain text for the log: everything, with no size budget and no markup. Every line the
 * text holds starts with our own words or indentation, never with text from the plan, and text from
 * the plan is kept on one line (line breaks escaped), except diagnostics' details, which are indented.
 */
const phrase = (p) => p.map((segment) => (typeof segment === 'string' ? segment : oneLine(segment.code))).join('');
const notes = (list) => (list.length > 0 ? ` (${list.map(phrase).join('; ')})` : '');
function resourceLines(entry, notesOf) {
    return [
        `  ${oneLine(entry.address)}${notes(notesOf(entry))}`,
        ...entry.attributes.map((attribute) => `      ${diffLine(attribute)}`),
    ];
}
function heading(ctx) {
    const where = [
        ctx.workspace ? `workspace ${oneLine(ctx.workspace)}` : '',
        ctx.environment ? `environment ${oneLine(ctx.environment)}` : '',
    ].filter(Boolean);
    return `Plan for ${ctx.stack ? oneLine(ctx.stack) : 'the configuration'}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}
function renderPlanText(model, ctx = {}) {
    const lines = [heading(ctx)];
    if (ctx.source)
        lines.push(oneLine(ctx.source));
    lines.push(...inputsText(ctx));
    if (ctx.policy)
        lines.push(...policyText(ctx.policy, ctx.planDigest ?? ''));
    if (model.errored)
        lines.push('The plan failed. What follows is what it planned before the error; it cannot be applied.');
    lines.push(model.hasChanges || model.errored
        ? `Plan: ${countsPhrase(model.counts)}.`
        : 'No changes. The infrastructure matches the configuration.');
    if (model.unchanged > 0 && model.hasChanges)
        lines.push(`${phrases_plural(model.unchanged, 'resource')} unchanged.`);
    if (model.counts.drift > 0)
        lines.push(`Drift: ${phrases_plural(model.counts.drift, 'resource')} changed outside of the configuration.`);
    const destructive = destructiveResources(model);
    if (destructive.length > 0) {
        lines.push('', `${phrases_plural(destructive.length, 'resource')} will be destroyed or replaced:`);
        for (const entry of destructive)
            lines.push(`  - ${oneLine(entry.address)} ${destructiveVerb(entry)}${notes(resourceNotes(entry))}`);
    }
    for (const group of groupResources(model.resources)) {
        lines.push('', `${group.title} (${group.entries.length}):`);
        for (const entry of group.entries)
            lines.push(...resourceLines(entry, resourceNotes));
    }
    if (model.drift.length > 0) {
        lines.push('', `Drift: changed outside of the configuration (${model.drift.length}):`);
        for (const entry of model.drift)
            lines.push(...resourceLines(entry, driftNotes));
    }
    if (model.outputs.length > 0) {
        lines.push('', `Output changes (${model.outputs.length}):`);
        for (const output of model.outputs)
            lines.push(`  ${outputLine(output.name, output.before, output.after)}`);
    }
    const failed = model.checks.filter((check) => check.status === 'fail' || check.status === 'error');
    const unknown = model.checks.filter((check) => check.status === 'unknown').length;
    if (failed.length > 0 || unknown > 0) {
        const passed = model.checks.filter((check) => check.status === 'pass').length;
        lines.push('', `Checks: ${failed.length} failed, ${unknown} known only after apply, ${passed} passed`);
        for (const check of failed) {
            const what = check.status === 'error' ? 'could not be evaluated' : 'failed';
            lines.push(`  ${oneLine(check.address)} ${what}${check.problems.length > 0 ? `: ${check.problems.map(oneLine).join('; ')}` : ''}`);
        }
    }
    if (model.diagnostics.length > 0) {
        lines.push('', 'Errors and warnings:');
        for (const diagnostic of model.diagnostics) {
            const where = diagnostic.location ? ` (${oneLine(diagnostic.location)})` : '';
            lines.push(`  ${diagnostic.severity === 'error' ? 'Error' : 'Warning'}: ${oneLine(diagnostic.summary)}${where}`);
            for (const line of diagnostic.detail.trim().split(/\r\n|\r|\n/)) {
                if (line.trim() !== '')
                    lines.push(`      ${oneLine(line)}`);
            }
        }
    }
    const footer = [
        ctx.planDigest ? `plan digest ${oneLine(ctx.planDigest)}` : '',
        ctx.commit ? `commit ${oneLine(ctx.commit.slice(0, 12))}` : '',
        ctx.tool
            ? `${oneLine(ctx.tool.name)} ${oneLine(ctx.tool.version)}`
            : model.toolVersion
                ? `version ${oneLine(model.toolVersion)}`
                : '',
        ctx.runUrl ? `run ${oneLine(ctx.runUrl)}` : '',
    ].filter(Boolean);
    if (footer.length > 0)
        lines.push('', footer.join(' · '));
    return lines.join('\n') + '\n';
}
/** The inputs from other stacks, one a line; a provisional plan says so first. */
function inputsText(ctx) {
    const inputs = ctx.inputs ?? [];
    if (inputs.length === 0)
        return [];
    const pending = [...new Set(inputs.flatMap((i) => (i.pendingOn ? [i.pendingOn] : [])))];
    const lines = [];
    if (pending.length > 0) {
        lines.push(`Provisional plan: ${pending.join(', ')} not applied yet; the inputs from ${pending.length === 1 ? 'it' : 'them'} are placeholders, and this plan cannot be approved or applied.`);
    }
    lines.push('Inputs from other stacks:');
    for (const input of inputs) {
        const value = input.pendingOn
            ? `known after ${input.pendingOn} is applied`
            : input.sensitive
                ? '(sensitive)'
                : oneLine(input.value ?? 'null').slice(0, 120);
        lines.push(`  ${oneLine(input.variable)} <- ${oneLine(input.from)}: ${value}`);
    }
    return lines;
}
/** The policy check: passed, or every failure; then every warning. */
function policyText(policy, planDigest) {
    const { title, detail } = policyHeadline(policy, planDigest);
    const item = (finding) => `  ${phrase(findingPrefix(finding))}${oneLine(finding.message)}`;
    const lines = [`${title}. ${phrase(detail)}`, ...policy.failures.map(item)];
    if (policy.warnings.length > 0) {
        lines.push(`Policy warnings (${policy.warnings.length}):`, ...policy.warnings.map(item));
    }
    return lines;
}

;// CONCATENATED MODULE: ./lib/cli/summarize.js






/** A mistake in how the command was called or what it was given: one line, exit code 2. */
class UsageError extends Error {
}
/**
 * The line between two comment bodies in `--format comment`. No body holds it: every text from the
 * plan is in a code span, an HTML element or a diff line that starts with its sign, and the renderer
 * writes no line that starts with `<!--`.
 */
const COMMENT_SEPARATOR = '<!-- iac-pipeline: next comment -->';
const USAGE = `Usage: iac-pipeline summarize <plan.json | -> [options]

Prints the summary of a plan from its show -json document (tofu show -json <planfile> > plan.json).

Options:
  --format markdown|comment|text|json
                        markdown: the job summary tf-plan writes (default);
                        comment: the pull request comments tf-plan posts, each at most 65,536
                        characters: the plan, then continuations when the resources destroyed or
                        replaced do not fit in one. Each body is followed by a newline, and
                        between two bodies is the line (which no body holds)
                          ${COMMENT_SEPARATOR}
                        tf-plan adds under the first body the artifact to apply, and hidden
                        marker lines above each;
                        text: the log's plain text; json: the plan model
  --stack NAME          the stack's name in the heading
  --workspace NAME      the workspace's name in the heading
  --environment NAME    the environment's name in the heading
  --commit SHA          the commit planned, named under the plan (7 to 64 hexadecimal digits)
  -h, --help            this help
`;
const FORMATS = ['markdown', 'comment', 'text', 'json'];
function summarize_parse(argv) {
    try {
        return (0,external_node_util_namespaceObject.parseArgs)({
            args: [...argv],
            allowPositionals: true,
            options: {
                format: { type: 'string', default: 'markdown' },
                stack: { type: 'string', default: '' },
                workspace: { type: 'string', default: '' },
                environment: { type: 'string' },
                commit: { type: 'string', default: '' },
                help: { type: 'boolean', short: 'h' },
            },
        });
    }
    catch (error) {
        throw new UsageError(error.message);
    }
}
function render(model, format, ctx) {
    if (format === 'json')
        return `${JSON.stringify(model, null, 2)}\n`;
    if (format === 'text')
        return renderPlanText(model, ctx);
    if (format === 'comment')
        return commentsText(planCommentBodies(model, ctx));
    return `${renderPlanSummary(model, ctx)}\n`;
}
/** The comment bodies, each followed by a newline, with the separator line between two. */
function commentsText(bodies) {
    return bodies
        .map((body) => {
        if (body.split('\n').includes(COMMENT_SEPARATOR))
            throw new Error('a comment body holds the line that separates comments');
        return `${body}\n`;
    })
        .join(`${COMMENT_SEPARATOR}\n`);
}
async function summarize(args, io) {
    const { values, positionals } = summarize_parse(args);
    if (values.help) {
        io.stdout.write(USAGE);
        return;
    }
    if (positionals.length !== 1) {
        throw new UsageError(positionals.length === 0
            ? 'summarize needs the path of a plan JSON file (or - for stdin)'
            : `summarize takes one plan file, got ${positionals.length}`);
    }
    const format = FORMATS.find((f) => f === values.format);
    if (!format)
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(values.format?.slice(0, 60))}`);
    if (values.commit && !/^[0-9a-f]{7,64}$/i.test(values.commit))
        throw new UsageError(`--commit must be a commit SHA (7 to 64 hexadecimal digits), not ${JSON.stringify(values.commit.slice(0, 60))}`);
    const path = positionals[0];
    let model;
    try {
        model = await readPlanModel(path === '-' ? io.stdin : path, {
            name: path === '-' ? 'standard input' : path,
        });
    }
    catch (error) {
        const code = error.code;
        const file = shownName(path);
        if (code === 'ENOENT')
            throw new UsageError(`${file}: no such file`);
        if (code === 'EISDIR')
            throw new UsageError(`${file}: is a directory, not a plan JSON file`);
        if (code === 'EACCES')
            throw new UsageError(`${file}: permission denied`);
        if (code === 'ENAMETOOLONG')
            throw new UsageError(`${file}: the path is too long for a file name`);
        // readPlanModel's message names the file already.
        if (isConfigurationError(error))
            throw new UsageError(error.message);
        throw error;
    }
    const ctx = {
        stack: values.stack,
        workspace: values.workspace,
        ...(values.environment ? { environment: values.environment } : {}),
        planDigest: '',
        commit: values.commit.toLowerCase(),
    };
    io.stdout.write(render(model, format, ctx));
}
/** Runs the command; resolves to the exit code (0, 2 for a user mistake, 1 for a bug). */
async function runCli(argv, io) {
    const [command, ...rest] = argv;
    try {
        if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
            io.stdout.write(USAGE);
            return command === undefined ? 2 : 0;
        }
        if (command !== 'summarize')
            throw new UsageError(`unknown command ${JSON.stringify(command.slice(0, 60))}; the command is summarize`);
        await summarize(rest, io);
        return 0;
    }
    catch (error) {
        if (error instanceof UsageError) {
            io.stderr.write(`iac-pipeline: ${error.message}\n`);
            return 2;
        }
        // A bug: the stack helps whoever reports it.
        io.stderr.write(`iac-pipeline: unexpected error: ${error.stack ?? String(error)}\n`);
        return 1;
    }
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(836);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
