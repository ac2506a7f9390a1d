/**
 * The built-in secret rules: credentials in formats distinctive enough that a match is almost always
 * real (a prefix the issuer chose, a fixed length, a PEM header). No entropy guessing, which is what
 * makes generic scanners noisy. Each rule names keywords that a file must contain before its regular
 * expression runs, which keeps the scan fast: most files contain none of them.
 */
export interface SecretRule {
  id: string;
  description: string;
  /** Lower-case strings of which at least one must occur (case-insensitively) in a file for the rule to run. */
  keywords: readonly string[];
  /** Global; the secret is the first capture group when there is one, else the whole match. */
  pattern: RegExp;
  /** A match that is a documented example, not a credential. */
  allow?: (secret: string) => boolean;
  /**
   * For a rule that matches the head of a block (a PEM header): what ends the block. The body between
   * is secret too, and is redacted with the head.
   */
  endMarker?: RegExp;
}

export const BUILT_IN_RULES: readonly SecretRule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    // AWS's documentation uses AKIAIOSFODNN7EXAMPLE; keys ending in EXAMPLE are never issued.
    allow: (secret) => secret.endsWith('EXAMPLE'),
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    keywords: ['aws_secret_access_key', 'aws-secret-access-key', 'secretaccesskey'],
    pattern:
      /(?:aws_secret_access_key|aws-secret-access-key|secretaccesskey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    allow: (secret) => /EXAMPLEKEY$/.test(secret),
  },
  {
    id: 'private-key',
    description: 'Private key block',
    keywords: ['private key'],
    pattern: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 )?PRIVATE KEY(?: BLOCK)?-----/g,
    endMarker: /-----END (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 )?PRIVATE KEY(?: BLOCK)?-----/,
  },
  {
    id: 'github-token',
    description: 'GitHub token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,251})\b/g,
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    pattern: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe'],
    pattern: /\b(xox(?:[bpars]|e(?:\.xox[bp])?)-[0-9]{9,13}-[0-9A-Za-z-]{10,})/g,
  },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com'],
    pattern:
      /(https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,})/g,
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal access token',
    keywords: ['glpat-'],
    pattern: /\b(glpat-[0-9A-Za-z_-]{20,})/g,
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    keywords: ['aiza'],
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
  },
  {
    id: 'stripe-secret-key',
    description: 'Stripe live secret key',
    keywords: ['sk_live_', 'rk_live_'],
    pattern: /\b([sr]k_live_[0-9A-Za-z]{24,99})\b/g,
  },
  {
    id: 'npm-token',
    description: 'npm access token',
    keywords: ['npm_'],
    pattern: /\b(npm_[A-Za-z0-9]{36})\b/g,
  },
];

/** A line that says a match on it is intended (a test fixture, a documented example). */
export const ALLOW_MARKERS: readonly string[] = ['gitleaks:allow', 'iac-pipeline:allow-secret'];
