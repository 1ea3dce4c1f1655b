// Input checks for the Set … Key commands. Pure (no vscode) so they are unit-tested in plain
// Node. Deliberately loose: keys change format over time and proxies issue their own tokens,
// so we only reject what can't be a key or is clearly the other provider's credential.

/** undefined = acceptable; otherwise the message the input box shows. */
export type Validation = string | undefined;

function basic(value: string, what: string, minLength: number): Validation {
  const v = value.trim();
  if (v.length === 0) return `Enter the ${what}.`;
  if (/\s/.test(v)) return `The ${what} can't contain spaces or line breaks.`;
  if (v.length < minLength) return `That is too short to be the ${what}.`;
  return undefined;
}

export function validateAnthropicApiKey(value: string): Validation {
  const v = value.trim();
  const problem = basic(v, 'Anthropic API key', 20);
  if (problem) return problem;
  if (/^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(v)) return 'That looks like an AWS access key ID; use "Switchboard: Set AWS Access Keys" for AWS credentials.';
  if (/^ABSK/.test(v) || /^bedrock-api-key-/.test(v)) return 'That looks like a Bedrock API key; use "Switchboard: Set Bedrock API Key".';
  return undefined;
}

export function validateBedrockApiKey(value: string): Validation {
  const v = value.trim();
  const problem = basic(v, 'Bedrock API key', 20);
  if (problem) return problem;
  if (/^sk-ant-/.test(v)) return 'That looks like an Anthropic API key; use "Switchboard: Set Anthropic API Key".';
  return undefined;
}

export function validateAwsAccessKeyId(value: string): Validation {
  const v = value.trim();
  const problem = basic(v, 'AWS access key ID', 16);
  if (problem) return problem;
  if (!/^[A-Z0-9]{16,128}$/.test(v)) return 'An AWS access key ID has only capital letters and digits (e.g. AKIA…).';
  return undefined;
}

export function validateAwsSecretAccessKey(value: string): Validation {
  return basic(value, 'AWS secret access key', 16);
}

/** Optional: empty is fine (long-term keys have no session token). */
export function validateAwsSessionToken(value: string): Validation {
  if (value.trim().length === 0) return undefined;
  return basic(value, 'session token', 16);
}

/** "…wxyz": enough to recognise a key, never enough to use it. */
export function secretTail(secret: string): string {
  const v = secret.trim();
  return v.length >= 12 ? `…${v.slice(-4)}` : '…';
}
