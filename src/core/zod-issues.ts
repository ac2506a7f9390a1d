import type { z } from 'zod';

/** `stack must be a string`, `varFiles[0].sha256 must be ...`, `files[".terraform.lock.hcl"] ...`. */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is invalid';
  const path = issue.path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = String(part);
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return index === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
  return path === '' ? issue.message : `${path} ${issue.message}`;
}
