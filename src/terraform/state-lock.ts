import { cellCode, codeBlock, codeSpan } from '../markdown/escape.js';
import { STATE_LOCK_SUMMARY, type Diagnostic } from './ui-stream.js';

/**
 * The lock another process holds on the state, as the tool describes it when it cannot take the lock
 * ("Error acquiring the state lock", whose detail carries a "Lock Info:" block).
 */
export interface HeldLock {
  id: string;
  /** Where the lock lives (`bucket/key` for s3). */
  path?: string;
  /** What the holder does: `apply`, `plan`, … (the tool's OperationTypeApply, shortened). */
  operation?: string;
  /** `user@host` of the holder. */
  who?: string;
  version?: string;
  /** When the holder took it, as the tool printed it. */
  created?: string;
}

/** The held lock a failed command reported, or undefined when the failure was something else. */
export function heldLockOf(diagnostics: readonly Diagnostic[]): HeldLock | undefined {
  const diagnostic = diagnostics.find((d) => d.severity === 'error' && STATE_LOCK_SUMMARY.test(d.summary));
  if (!diagnostic) return undefined;
  const field = (name: string): string | undefined => {
    const match = new RegExp(`^\\s*${name}:[ \\t]*(.*)$`, 'm').exec(diagnostic.detail);
    const value = match?.[1]?.trim();
    return value ? value : undefined;
  };
  const id = field('ID');
  // A lock error without its info (the backend could not read the holder's lock) still says so.
  const lock: HeldLock = { id: id ?? '' };
  const put = (key: Exclude<keyof HeldLock, 'id'>, value: string | undefined): void => {
    if (value !== undefined) lock[key] = value;
  };
  put('path', field('Path'));
  put(
    'operation',
    field('Operation')
      ?.replace(/^OperationType/, '')
      .toLowerCase(),
  );
  put('who', field('Who'));
  put('version', field('Version'));
  put('created', field('Created'));
  return lock;
}

export interface HeldLockContext {
  tool: string;
  /** The working directory relative to the workspace, where force-unlock must run after init. */
  directory: string;
  /** The `-lock-timeout` the command waited, when it had one. */
  lockTimeout?: string | undefined;
}

function holder(lock: HeldLock): string {
  const parts = [
    lock.who ? `held by ${lock.who}` : 'held by another process',
    lock.operation ? `for ${lock.operation}` : undefined,
    lock.created ? `since ${lock.created}` : undefined,
  ];
  return parts.filter(Boolean).join(' ');
}

function unlockCommand(lock: HeldLock, context: HeldLockContext): string {
  return `${context.tool} force-unlock -force ${lock.id || '<ID>'}`;
}

/** The one error line: whose lock, what was waited, and how to release a lock whose holder is gone. */
export function heldLockMessage(lock: HeldLock, context: HeldLockContext): string {
  const waited = context.lockTimeout
    ? `after waiting ${context.lockTimeout} (lock-timeout)`
    : 'without waiting (set lock-timeout to wait for it)';
  return (
    `The state is locked: lock ${lock.id || '(no ID given)'} is ${holder(lock)}${lock.path ? ` on ${lock.path}` : ''}, ` +
    `and ${context.tool} gave up ${waited}. Nothing was changed. ` +
    `If that holder is gone (its job was cancelled or its runner died), release the lock in ${context.directory} after ` +
    `${context.tool} init with the same backend-config: \`${unlockCommand(lock, context)}\`. ` +
    'Run it only when the holder is gone: unlocking under a running apply lets two applies write the state at once.'
  );
}

/** The job summary's section for a held lock. */
export function heldLockSummary(lock: HeldLock, context: HeldLockContext): string {
  const rows: Array<[string, string | undefined]> = [
    ['Lock ID', lock.id || undefined],
    ['Held by', lock.who],
    ['Operation', lock.operation],
    ['Since', lock.created],
    ['Version', lock.version],
    ['Path', lock.path],
  ];
  return [
    '## :lock: The state is locked',
    '',
    `${codeSpan(context.tool)} could not take the state lock ${context.lockTimeout ? `within ${codeSpan(context.lockTimeout)}` : 'at once (no `lock-timeout`)'}; nothing was changed.`,
    '',
    '| | |',
    '|---|---|',
    ...rows
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `| ${name} | ${cellCode(value ?? '')} |`),
    '',
    `If the holder is gone (its job was cancelled, its runner died), release the lock from ${codeSpan(context.directory)}, after \`${context.tool} init\` with the same backend-config:`,
    '',
    codeBlock(unlockCommand(lock, context), 'sh'),
    '',
    '> [!WARNING]',
    '> Run it only when the holder is gone: unlocking under a running apply lets two applies write the state at once.',
    '',
  ].join('\n');
}
