import type { ErrorCode, ErrorType, SettingRef, SwitchboardError } from './errors';
import type { ProviderId } from './types';
import type { BedrockAuthMethod } from './config/schema';
import { chooseApiKey } from './auth/apiKeyChoice';
import { BUDGET_SETTINGS, settingRef } from './settingRefs';

/**
 * What a surface (chat error box, notification, CLI) may offer to fix a failure, as data:
 * the extension maps each `kind` to a command, the CLI prints the label. Primary action first.
 * Only actions that can fix the cause are listed; `retry` only where a retry can succeed.
 */
export type FixAction =
  | { kind: 'retry'; label: string }
  | { kind: 'switchProvider'; provider: ProviderId; label: string }
  | { kind: 'pickModel'; label: string }
  | { kind: 'setApiKey'; provider: ProviderId; label: string }
  | { kind: 'clearStoredKey'; provider: ProviderId; label: string }
  | { kind: 'setAwsAccessKeys'; label: string }
  /**
   * Run a program in a terminal, e.g. `aws sso login --profile work`. `argv` is what to run (quote
   * each element for the shell: a profile name comes from configuration); `command` is for display.
   */
  | { kind: 'runInTerminal'; argv: string[]; command: string; label: string }
  | { kind: 'openSetting'; setting: SettingRef; label: string }
  | { kind: 'openUrl'; url: string; label: string }
  | { kind: 'allowOverBudget'; label: string }
  | { kind: 'newChat'; label: string }
  | { kind: 'showUsage'; label: string }
  | { kind: 'showLog'; label: string };

export type FixKind = FixAction['kind'];

/** What the fixes depend on: a `SwitchboardError`, or the same fields restored from a saved chat. */
export type FixableError = Pick<SwitchboardError, 'type' | 'retryable'> & {
  code?: ErrorCode | undefined;
  provider?: SwitchboardError['provider'];
  hint?: string | undefined;
  details?: SwitchboardError['details'];
  settings?: readonly SettingRef[] | undefined;
};

/** Where a secret in use came from, and whether its environment variable holds one too. */
export interface KeySourceInfo {
  source: 'stored' | 'environment' | 'none';
  /** e.g. ANTHROPIC_API_KEY / AWS_BEARER_TOKEN_BEDROCK. */
  envVar: string;
  envSet: boolean;
}

/** What the caller knows beyond the error (all optional; each missing fact drops an action). */
export interface FixContext {
  /** Providers configured and usable besides the one that failed. */
  otherProviders?: readonly ProviderId[];
  /** Providers that serve the requested model (from the catalog). */
  modelAvailableOn?: readonly ProviderId[];
  anthropicKey?: KeySourceInfo;
  bedrockApiKey?: KeySourceInfo;
  bedrockAuthMethod?: BedrockAuthMethod;
  awsProfile?: string;
  region?: string;
}

const PROVIDER_NAMES: Record<ProviderId, string> = { anthropic: 'Anthropic', bedrock: 'Bedrock' };
const ANTHROPIC_BILLING_URL = 'https://console.anthropic.com/settings/billing';
const ANTHROPIC_LIMITS_URL = 'https://console.anthropic.com/settings/limits';
const ANTHROPIC_CONSOLE_URL = 'https://console.anthropic.com/';

const retry = (): FixAction => ({ kind: 'retry', label: 'Retry' });
const switchTo = (provider: ProviderId): FixAction => ({ kind: 'switchProvider', provider, label: `Use ${PROVIDER_NAMES[provider]}` });
const pickModel = (): FixAction => ({ kind: 'pickModel', label: 'Pick Another Model' });
const open = (setting: SettingRef, label = `Open ${setting.label}`): FixAction => ({ kind: 'openSetting', setting, label });
const showLog = (): FixAction => ({ kind: 'showLog', label: 'Show Log' });
const showUsage = (): FixAction => ({ kind: 'showUsage', label: 'Open Usage' });
const budgetSettings = (): FixAction => open(BUDGET_SETTINGS.monthlyUsd, 'Budget Settings');

/** The Bedrock console page where model access (use-case form, Marketplace offer) is granted. */
export function bedrockModelCatalogUrl(region: string): string {
  const host = region.startsWith('us-gov-') ? 'console.amazonaws-us-gov.com' : `${region}.console.aws.amazon.com`;
  return `https://${host}/bedrock/home?region=${region}#/model-catalog`;
}

function availableElsewhere(error: FixableError, ctx: FixContext): ProviderId | undefined {
  const failed = error.provider;
  const fromDetails = error.details?.availableOn;
  const listed = [...(ctx.modelAvailableOn ?? []), ...(Array.isArray(fromDetails) ? fromDetails : typeof fromDetails === 'string' ? [fromDetails] : [])];
  return listed.find((p): p is ProviderId => (p === 'anthropic' || p === 'bedrock') && p !== failed);
}

function otherProvider(error: FixableError, ctx: FixContext): FixAction[] {
  const other = ctx.otherProviders?.find((p) => p !== error.provider);
  return other ? [switchTo(other)] : [];
}

function keyFixes(provider: ProviderId, key: KeySourceInfo | undefined, invalid: boolean): FixAction[] {
  const set: FixAction = { kind: 'setApiKey', provider, label: provider === 'anthropic' ? 'Set API Key' : 'Set Bedrock API Key' };
  // The stored key wins over the variable: a rejected stored key hides a working one in the environment.
  if (invalid && key?.source === 'stored' && key.envSet) return [{ kind: 'clearStoredKey', provider, label: 'Clear Stored Key' }, set];
  return [set];
}

function awsLogin(profile: string | undefined): FixAction {
  const argv = ['aws', 'sso', 'login', ...(profile && profile !== 'default' ? ['--profile', profile] : [])];
  return { kind: 'runInTerminal', argv, command: argv.join(' '), label: 'Run aws sso login' };
}

function authFixes(error: FixableError, ctx: FixContext): FixAction[] {
  const provider = error.provider ?? 'anthropic';
  const profile = typeof error.details?.profile === 'string' ? error.details.profile : ctx.awsProfile;
  switch (error.code) {
    case 'missing_api_key':
      return keyFixes(provider, provider === 'anthropic' ? ctx.anthropicKey : ctx.bedrockApiKey, false);
    case 'invalid_api_key':
      return keyFixes(provider, provider === 'anthropic' ? ctx.anthropicKey : ctx.bedrockApiKey, true);
    case 'expired_sso_session':
      return [awsLogin(profile), retry()];
    case 'expired_credentials':
      // Refreshable sources (SSO, role, credential_process) are re-resolved on the next request.
      return profile ? [awsLogin(profile), retry()] : [{ kind: 'setAwsAccessKeys', label: 'Set AWS Access Keys' }, retry()];
    case 'missing_aws_credentials':
      return [...(ctx.bedrockAuthMethod === 'profile' ? [] : [{ kind: 'setAwsAccessKeys', label: 'Set AWS Access Keys' } as FixAction]), open(settingRef('bedrock.awsProfile')), open(settingRef('bedrock.authMethod'))];
    case 'invalid_aws_credentials':
    case 'invalid_signature':
      return ctx.bedrockAuthMethod === 'accessKeys' ? [{ kind: 'setAwsAccessKeys', label: 'Set AWS Access Keys' }] : [open(settingRef('bedrock.authMethod'))];
  }
  return provider === 'anthropic' ? keyFixes('anthropic', ctx.anthropicKey, true) : [open(settingRef('bedrock.authMethod'))];
}

function permissionFixes(error: FixableError, ctx: FixContext): FixAction[] {
  const region = typeof error.details?.region === 'string' ? error.details.region : ctx.region;
  const console: FixAction[] = region ? [{ kind: 'openUrl', url: bedrockModelCatalogUrl(region), label: 'Open Bedrock Console' }] : [];
  switch (error.code) {
    case 'marketplace_subscription':
    case 'use_case_form_required':
      return [...console, ...otherProvider(error, ctx)];
    case 'iam_denied':
      return [...otherProvider(error, ctx), showLog()];
    case 'account_disabled':
      return [{ kind: 'openUrl', url: ANTHROPIC_CONSOLE_URL, label: 'Open Claude Console' }, ...otherProvider(error, ctx), { kind: 'setApiKey', provider: 'anthropic', label: 'Set API Key' }];
  }
  return error.provider === 'bedrock' ? [...console, pickModel(), ...otherProvider(error, ctx)] : [pickModel(), ...otherProvider(error, ctx)];
}

// Every ErrorType (the compiler checks the list is whole), to read one back from plain data.
const ERROR_TYPES: Record<ErrorType, true> = {
  authentication: true, permission: true, rate_limit: true, overloaded: true, unavailable: true, model_not_found: true,
  inference_profile_required: true, region: true, context_length: true, invalid_request: true, timeout: true, network: true,
  invalid_config: true, missing_dependency: true, cancelled: true, budget_exceeded: true, billing: true, unknown: true,
};

/** An error type from plain data (a health result, a saved chat): the type when it is one, else `unknown`. */
export function errorTypeOf(type: string | undefined): ErrorType {
  return type !== undefined && Object.prototype.hasOwnProperty.call(ERROR_TYPES, type) ? (type as ErrorType) : 'unknown';
}

/** The actions that fix the cause of `error`, primary first (pure: the same inputs, the same list). */
export function fixActionsFor(error: FixableError, ctx: FixContext = {}): FixAction[] {
  const settings = (error.settings ?? []).map((s) => open(s));
  // A per-day quota is "retryable" for the engine (so it fails over after the retry budget), but a person's Retry cannot clear it.
  const again = error.retryable && error.code !== 'daily_quota' ? [retry()] : [];
  switch (error.type) {
    case 'budget_exceeded':
      // Short labels: both must fit one notification row beside its source (see notificationFixes).
      return [{ kind: 'allowOverBudget', label: 'Allow One More Request' }, budgetSettings()];
    case 'billing':
      return [
        ...(error.provider !== 'anthropic'
          ? []
          : error.code === 'spend_limit'
            ? [{ kind: 'openUrl', url: ANTHROPIC_LIMITS_URL, label: 'Open Spend Limits' } as FixAction]
            : [{ kind: 'openUrl', url: ANTHROPIC_BILLING_URL, label: 'Open Billing' } as FixAction]),
        ...otherProvider(error, ctx),
      ];
    case 'model_not_found': {
      if (error.code === 'endpoint_not_found') return [open(settingRef('anthropic.baseUrl'))];
      const elsewhere = availableElsewhere(error, ctx);
      return [...(elsewhere ? [switchTo(elsewhere)] : []), pickModel()];
    }
    case 'inference_profile_required':
      return [open(settingRef('bedrock.inferenceProfile'), 'Open Inference Profile'), pickModel()];
    case 'region':
      return settings.length ? settings : [open(settingRef('bedrock.awsRegion'))];
    case 'context_length':
      return error.code === 'output_exceeds_context' ? [...settings, { kind: 'newChat', label: 'New Chat' }] : [{ kind: 'newChat', label: 'New Chat' }, pickModel()];
    case 'authentication':
      return authFixes(error, ctx);
    case 'permission':
      return permissionFixes(error, ctx);
    case 'rate_limit':
    case 'overloaded':
    case 'unavailable':
    case 'timeout':
      return [...again, ...otherProvider(error, ctx)];
    case 'network':
      return [...again, open(error.provider === 'bedrock' ? settingRef('bedrock.endpoint') : settingRef('anthropic.baseUrl')), ...otherProvider(error, ctx)];
    case 'invalid_request':
      return settings.length ? settings : [showLog()];
    case 'invalid_config':
      return [...settings, showLog()];
    case 'missing_dependency':
      return [showLog()];
    case 'cancelled':
      return [];
    case 'unknown':
      return [...again, showLog()];
  }
}

/**
 * How much of a notification's one row of buttons the labels may take: VS Code 1.139 lays a toast's
 * buttons in a 446 px row beside "Source: Switchboard" (about 115 px), which it cuts off first; a
 * button is about 6.7 px per character plus 26 px of padding and margin (measured in
 * test/e2e/notifications.test.ts). In characters, counting 4 per button: 45.
 */
export const NOTIFICATION_ROW_BUDGET = 45;

/**
 * The fixes a notification shows: in order (primary first), as many as fit its row. The primary
 * always shows; the chat's error box, which stacks its buttons, shows them all.
 */
export function notificationFixes(fixes: readonly FixAction[]): FixAction[] {
  const out: FixAction[] = [];
  let used = 0;
  for (const f of fixes) {
    const cost = f.label.length + 4;
    if (out.length > 0 && used + cost > NOTIFICATION_ROW_BUDGET) break;
    out.push(f);
    used += cost;
  }
  return out;
}

/**
 * A budget alert (a threshold crossed, not an error): where the money went first, then the budget
 * itself. No "allow over budget": nothing was refused.
 */
export function budgetAlertFixes(): FixAction[] {
  return [showUsage(), budgetSettings()];
}

/** What the engine's notices (src/core/engine/types `notice`) are fixed by, primary first. */
export function noticeFixes(code: 'ledger_write_failed' | 'waiting_retry_after' | 'budget_unreadable', ctx: { fallbackProvider?: ProviderId | null } = {}): FixAction[] {
  switch (code) {
    case 'ledger_write_failed':
      return [showLog()];
    case 'budget_unreadable':
      // A hard stop that cannot read spend refuses everything (fails closed): turning it off is the one way on.
      return [showLog(), open(BUDGET_SETTINGS.hardStop, 'Open Hard Stop Setting')];
    case 'waiting_retry_after':
      return ctx.fallbackProvider ? [showLog()] : [open(settingRef('fallbackProvider'), 'Set Fallback Provider'), showLog()];
  }
}

/**
 * The hint for what the caller knows: a rejected stored key while the environment variable holds
 * one gets "clear the stored key", not "set the variable" (which is already set).
 */
export function hintFor(error: FixableError, ctx: FixContext = {}): string | undefined {
  if (error.code === 'invalid_api_key' && error.provider) {
    const key = error.provider === 'anthropic' ? ctx.anthropicKey : ctx.bedrockApiKey;
    if (key?.source === 'stored' && key.envSet) {
      return `The stored key is used instead of ${key.envVar} and was rejected: clear the stored key to use ${key.envVar}, or set a new key.`;
    }
    if (key?.source === 'environment') {
      const command = error.provider === 'anthropic' ? 'Set API Key' : 'Set Bedrock API Key';
      return `The key in ${key.envVar} was rejected: create a new key and put it in ${key.envVar}, or store one with ${command} (a stored key is used instead of ${key.envVar}).`;
    }
  }
  return error.hint;
}

/** What the surfaces know, in the shape they hold it (effective configuration, stored-secret flags). */
export interface FixContextInput {
  provider: ProviderId;
  fallbackProvider?: ProviderId | null;
  /** Providers whose credentials are present (a switch to one without can only fail). */
  usableProviders?: readonly ProviderId[];
  env: Readonly<Record<string, string | undefined>>;
  /** The variable named by `anthropic.apiKeyEnv`. */
  apiKeyEnv: string;
  stored: { anthropicApiKey?: boolean; bedrockApiKey?: boolean };
  bedrockAuthMethod?: BedrockAuthMethod;
  awsProfile?: string;
  region?: string;
  modelAvailableOn?: readonly ProviderId[];
}

/**
 * The `FixContext` for a surface. Key sources are the product's own choice (auth/apiKeyChoice, as
 * the providers decide): a stored key is used before the environment variable.
 */
export function fixContextFrom(input: FixContextInput): FixContext {
  const keyInfo = (stored: boolean | undefined, envVar: string): KeySourceInfo => {
    const choice = chooseApiKey({ stored, envVar, env: input.env });
    return { source: choice.source, envVar, envSet: choice.envSet };
  };
  const others = (['anthropic', 'bedrock'] as const).filter((p) => p !== input.provider && (input.usableProviders ? input.usableProviders.includes(p) : p === input.fallbackProvider));
  return {
    otherProviders: others,
    anthropicKey: keyInfo(input.stored.anthropicApiKey, input.apiKeyEnv),
    bedrockApiKey: keyInfo(input.stored.bedrockApiKey, 'AWS_BEARER_TOKEN_BEDROCK'),
    ...(input.bedrockAuthMethod ? { bedrockAuthMethod: input.bedrockAuthMethod } : {}),
    ...(input.awsProfile ? { awsProfile: input.awsProfile } : {}),
    ...(input.region ? { region: input.region } : {}),
    ...(input.modelAvailableOn ? { modelAvailableOn: input.modelAvailableOn } : {}),
  };
}
