// Environment overrides (SPEC §2, seed 000 item 9, seed 003). Secret variables are only ever
// reported as set / not set; invalid values become issues, never exceptions.
import type { ProviderId } from '../types';
import type { ConfigIssue, ConfigKey, PartialSwitchboardConfig } from './schema';
import { FIELDS, setConfigValue } from './schema';
import { checkField, show } from './validate';

export interface SecretStatus {
  set: boolean;
  /** The variable (or store) it came from; never the value. */
  from?: string;
}

export interface EnvironmentOverrides {
  config: PartialSwitchboardConfig;
  /** The variable each key came from. */
  origins: Partial<Record<ConfigKey, string>>;
  secrets: { anthropicApiKey: SecretStatus; bedrockApiKey: SecretStatus };
  /** `SWITCHBOARD_CONFIG`: path of a YAML config file. */
  configFile?: string;
  issues: ConfigIssue[];
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

function nonEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name];
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * Read the overrides. `apiKeyEnv` is the variable named by `api_key_env` (resolved from the
 * other layers first; default ANTHROPIC_API_KEY).
 */
export function readEnvironmentOverrides(env: NodeJS.ProcessEnv, apiKeyEnv = 'ANTHROPIC_API_KEY'): EnvironmentOverrides {
  const out: EnvironmentOverrides = {
    config: {},
    origins: {},
    secrets: { anthropicApiKey: { set: false }, bedrockApiKey: { set: false } },
    issues: [],
  };
  const issue = (variable: string, problem: string, severity: 'error' | 'warning' = 'error'): void => {
    out.issues.push({ severity, path: variable, source: 'environment', message: `${variable}: ${problem}` });
  };
  const take = (key: ConfigKey, variable: string): boolean => {
    const raw = nonEmpty(env, variable);
    if (raw === undefined) return false;
    const field = FIELDS.find((f) => f.key === key);
    if (!field) return false;
    const value = field.kind.type === 'int' ? (/^-?\d+$/.test(raw) ? Number(raw) : raw) : raw;
    const checked = checkField(field.kind, value);
    if (!checked.ok) {
      issue(variable, `${checked.problem}; ignored`);
      return false;
    }
    if (checked.warning) issue(variable, checked.warning, 'warning');
    setConfigValue(out.config, key, checked.value);
    out.origins[key] = variable;
    return true;
  };

  // SWITCHBOARD_PROVIDER wins over CLAUDE_CODE_USE_BEDROCK when both are set.
  if (!take('provider', 'SWITCHBOARD_PROVIDER')) {
    const useBedrock = nonEmpty(env, 'CLAUDE_CODE_USE_BEDROCK');
    if (useBedrock !== undefined) {
      if (TRUE_WORDS.has(useBedrock.toLowerCase())) {
        out.config.provider = 'bedrock' satisfies ProviderId;
        out.origins.provider = 'CLAUDE_CODE_USE_BEDROCK';
      } else if (!FALSE_WORDS.has(useBedrock.toLowerCase())) {
        issue('CLAUDE_CODE_USE_BEDROCK', `${show(useBedrock)} is not 1 or 0; ignored`, 'warning');
      }
    }
  }
  // AWS_REGION first, AWS_DEFAULT_REGION second (the AWS SDKs' order).
  if (!take('bedrock.awsRegion', 'AWS_REGION')) take('bedrock.awsRegion', 'AWS_DEFAULT_REGION');
  take('bedrock.awsProfile', 'AWS_PROFILE');
  take('anthropic.baseUrl', 'ANTHROPIC_BASE_URL');
  take('bedrock.httpVersion', 'SWITCHBOARD_BEDROCK_HTTP_VERSION');
  take('maxOutputTokens', 'CLAUDE_CODE_MAX_OUTPUT_TOKENS');
  take('thinkingBudget', 'MAX_THINKING_TOKENS');
  take('timeouts.firstTokenSeconds', 'SWITCHBOARD_FIRST_TOKEN_TIMEOUT');
  take('timeouts.idleSeconds', 'SWITCHBOARD_IDLE_TIMEOUT');
  take('timeouts.totalSeconds', 'SWITCHBOARD_TOTAL_TIMEOUT');
  take('retention.usageDays', 'SWITCHBOARD_USAGE_RETENTION_DAYS');
  take('retention.healthDays', 'SWITCHBOARD_HEALTH_RETENTION_DAYS');

  if (nonEmpty(env, apiKeyEnv) !== undefined) out.secrets.anthropicApiKey = { set: true, from: apiKeyEnv };
  if (nonEmpty(env, 'AWS_BEARER_TOKEN_BEDROCK') !== undefined) {
    out.secrets.bedrockApiKey = { set: true, from: 'AWS_BEARER_TOKEN_BEDROCK' };
    setConfigValue(out.config, 'bedrock.useBedrockApiKey', true);
    setConfigValue(out.config, 'bedrock.authMethod', 'apiKey');
    out.origins['bedrock.useBedrockApiKey'] = 'AWS_BEARER_TOKEN_BEDROCK';
    out.origins['bedrock.authMethod'] = 'AWS_BEARER_TOKEN_BEDROCK';
  }
  const configFile = nonEmpty(env, 'SWITCHBOARD_CONFIG');
  if (configFile !== undefined) out.configFile = configFile;
  return out;
}
