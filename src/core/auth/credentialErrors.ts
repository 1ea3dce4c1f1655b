import { SwitchboardError, isSwitchboardError, redactSecrets } from '../errors';

/** What we know about the credential source when a failure happens, to name it in the message. */
export interface CredentialContext {
  method: string;
  profile?: string;
  /** Whether the user named the profile (option / AWS_PROFILE) rather than falling back to `default`. */
  profileExplicit?: boolean;
  roleArn?: string;
  /** Values that must never appear in a message (the keys we were given). */
  secrets?: readonly string[];
  /** For SSO profiles: `ROLE in account ACCOUNT`, to name what the portal refused. */
  ssoRole?: string;
  /** Files the SDK searched, for "not found" messages. */
  files?: readonly string[];
}

export const CONFIGURE_AWS_HINT =
  'Configure AWS credentials one of these ways: run `aws configure` (static keys) or `aws sso login --profile NAME` (IAM Identity Center), ' +
  'set AWS_PROFILE or the Bedrock profile setting to a profile in ~/.aws/config, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ' +
  'configure a role ARN to assume, or use a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK).';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

// AWS secret keys and session tokens are long base64 runs; `redactSecrets` only knows the
// labelled forms, so anything credential-shaped from a child process's stderr goes too.
const LONG_TOKEN = /[A-Za-z0-9/+=_-]{32,}/g;

/** Redact text that came from outside (SDK messages, credential_process stderr). */
export function redactCredentialText(text: string, secrets: readonly string[] = []): string {
  return redactSecrets(text, secrets).replace(LONG_TOKEN, '[redacted]');
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  cause?: unknown;
}

function asErrorLike(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : { message: String(e) };
}

/** Socket-level failure codes, looking through the SDK's wrapping (`cause`, `errors` of AggregateError). */
export function networkCode(e: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof e !== 'object' || e === null) return undefined;
  const err = e as ErrorLike & { errors?: unknown[] };
  if (err.code && NETWORK_CODES.has(err.code)) return err.code;
  if (err.name === 'TimeoutError') return 'ETIMEDOUT';
  for (const inner of [err.cause, ...(Array.isArray(err.errors) ? err.errors : [])]) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function isSsoLoginNeeded(message: string): boolean {
  // The SDK's SSO providers end every "log in again" failure with this sentence (expired,
  // missing or unrefreshable token), with or without quotes around `aws sso login`.
  return /refresh this SSO session run '?aws sso login/i.test(message) || /SSO session .*(?:expired|invalid)/i.test(message);
}

function ssoLoginCommand(profile: string | undefined): string {
  return profile && profile !== 'default' ? `aws sso login --profile ${profile}` : 'aws sso login';
}

function firstUsefulLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  // Node's exec error starts with `Command failed: <command line>`; the command line may hold
  // arguments we should not echo, and the process's own stderr follows it.
  const useful = lines.filter((l) => !/^Command failed:/i.test(l));
  const line = useful[useful.length - 1] ?? lines[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Turn anything a credential provider or STS throws into an actionable, secret-free SwitchboardError. */
export function toCredentialError(e: unknown, ctx: CredentialContext): SwitchboardError {
  if (isSwitchboardError(e)) return e;
  const err = asErrorLike(e);
  const rawMessage = err.message ?? String(e);
  const message = redactCredentialText(rawMessage, ctx.secrets);
  const profileLabel = ctx.profile ?? 'default';
  // The raw error may quote a child process's stderr or a key; keep only a redacted copy.
  const safeCause = Object.assign(new Error(message), { name: err.name ?? 'Error', code: err.code ?? err.Code });

  // The SSO provider wraps portal errors as `CredentialsProviderError("<Name>: <message>")`,
  // dropping `$metadata`; the exception name survives only in the text.
  const portalUnauthorized = /^UnauthorizedException\b/.test(rawMessage);
  if (/^ForbiddenException\b/.test(rawMessage)) {
    return new SwitchboardError({
      type: 'permission',
      code: 'iam_denied',
      provider: 'bedrock',
      message: `IAM Identity Center refused ${ctx.ssoRole ? `the role ${ctx.ssoRole}` : 'the role'} for AWS profile "${profileLabel}": ${message}`,
      hint: `Check sso_account_id and sso_role_name of profile "${profileLabel}" against the accounts and roles your SSO user is assigned (\`aws sso list-account-roles\`).`,
      details: { profile: profileLabel },
      cause: safeCause,
    });
  }

  if (portalUnauthorized || isSsoLoginNeeded(rawMessage)) {
    const command = ssoLoginCommand(ctx.profile);
    return new SwitchboardError({
      type: 'authentication',
      code: 'expired_sso_session',
      provider: 'bedrock',
      message: `The AWS SSO session for profile "${profileLabel}" has expired or is no longer valid.`,
      hint: `Run \`${command}\` and try again.`,
      details: { profile: profileLabel, command },
      cause: safeCause,
    });
  }

  const net = networkCode(e);
  if (net) {
    const where = ctx.roleArn ? 'AWS STS (to assume the role)' : 'the AWS credential source';
    return new SwitchboardError({
      type: 'network',
      code: net === 'ECONNREFUSED' ? 'connection_refused' : net === 'ECONNRESET' ? 'connection_reset' : undefined,
      provider: 'bedrock',
      message: `Could not reach ${where}: ${net}.`,
      hint: ctx.roleArn
        ? 'Check the network, proxy and the STS endpoint (AWS_ENDPOINT_URL_STS).'
        : 'Check the network and proxy settings.',
      cause: safeCause,
    });
  }

  // Service errors from STS (AssumeRole with the base credentials).
  const serviceCode = err.Code ?? (err.$metadata ? err.name : undefined);
  if (serviceCode && err.$metadata) {
    if (serviceCode === 'AccessDenied' || serviceCode === 'AccessDeniedException') {
      return new SwitchboardError({
        type: 'permission',
        code: 'iam_denied',
        provider: 'bedrock',
        status: err.$metadata.httpStatusCode,
        requestId: err.$metadata.requestId,
        message: ctx.roleArn
          ? `AWS STS denied assuming role ${ctx.roleArn}: ${message}`
          : `AWS denied the request: ${message}`,
        hint: ctx.roleArn
          ? `Check the role's trust policy allows your identity (and the external ID, if it requires one), and that your identity may call sts:AssumeRole on ${ctx.roleArn}.`
          : 'Check the IAM policy of the identity in use.',
        details: ctx.roleArn ? { roleArn: ctx.roleArn } : undefined,
        cause: safeCause,
      });
    }
    if (serviceCode === 'ExpiredToken' || serviceCode === 'ExpiredTokenException') {
      return new SwitchboardError({
        type: 'authentication',
        code: 'expired_credentials',
        provider: 'bedrock',
        status: err.$metadata.httpStatusCode,
        message: `The AWS credentials used${ctx.roleArn ? ` to assume ${ctx.roleArn}` : ''} have expired.`,
        hint: ctx.profile ? `Refresh the credentials of profile "${profileLabel}" (\`aws sso login --profile ${profileLabel}\` for an SSO profile) and try again.` : 'Refresh the AWS credentials and try again.',
        details: ctx.profile ? { profile: profileLabel } : undefined,
        cause: safeCause,
      });
    }
    return new SwitchboardError({
      type: 'authentication',
      code: 'invalid_aws_credentials',
      provider: 'bedrock',
      status: err.$metadata.httpStatusCode,
      message: `AWS rejected the credentials${ctx.roleArn ? ` used to assume ${ctx.roleArn}` : ''} (${serviceCode}): ${message}`,
      hint: 'Check the access key, secret key and session token, and the clock of this machine.',
      cause: safeCause,
    });
  }

  if (/credential_process/i.test(rawMessage) || /^Command failed:/i.test(rawMessage)) {
    const detail = redactCredentialText(firstUsefulLine(rawMessage), ctx.secrets);
    return new SwitchboardError({
      type: 'authentication',
      code: 'invalid_aws_credentials',
      provider: 'bedrock',
      message: `The credential_process of AWS profile "${profileLabel}" failed: ${detail}`,
      hint: `Run the profile's credential_process command in a terminal to see why, fix it, then try again.`,
      details: { profile: profileLabel },
      cause: safeCause,
    });
  }

  if (/Could not load credentials from any providers|Could not resolve credentials using profile|Unable to find .*credentials|not found in (?:the )?shared credentials/i.test(rawMessage)) {
    return new SwitchboardError({
      type: 'authentication',
      code: 'missing_aws_credentials',
      provider: 'bedrock',
      message: ctx.profileExplicit
        ? `AWS profile "${profileLabel}" did not yield credentials.`
        : 'No AWS credentials were found (environment, shared config and credentials files, SSO, credential_process, web identity, container and instance metadata were tried).',
      hint: CONFIGURE_AWS_HINT,
      details: ctx.profile ? { profile: profileLabel } : undefined,
      cause: safeCause,
    });
  }

  return new SwitchboardError({
    type: 'authentication',
    code: 'invalid_aws_credentials',
    provider: 'bedrock',
    message: `Could not get AWS credentials (${ctx.method}${ctx.profile ? `, profile "${profileLabel}"` : ''}): ${message}`,
    hint: CONFIGURE_AWS_HINT,
    cause: e,
  });
}
