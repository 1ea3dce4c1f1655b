import { resolveEffectiveConfig } from '../core/config/effective';
import type { EffectiveConfig } from '../core/config/effective';
import { loadConfigFile } from '../core/config/loadConfigFile';
import { formatConfigIssue } from '../core/config/parse';
import type { ConfigKey, PartialSwitchboardConfig } from '../core/config/schema';
import { FIELDS, setConfigValue } from '../core/config/schema';
import { checkField } from '../core/config/validate';
import { SwitchboardError } from '../core/errors';
import type { CliArgs } from './args';

/** CLI flag → config key; flags are the "explicit" layer of SPEC §2's precedence. */
const FLAG_KEYS: Array<[keyof CliArgs, ConfigKey, string]> = [
  ['provider', 'provider', '--provider'],
  ['model', 'model', '--model'],
  ['maxTokens', 'maxOutputTokens', '--max-tokens'],
  ['thinkingBudget', 'thinkingBudget', '--thinking-budget'],
  ['awsRegion', 'bedrock.awsRegion', '--aws-region'],
  ['awsProfile', 'bedrock.awsProfile', '--aws-profile'],
  ['bedrockEndpoint', 'bedrock.endpoint', '--bedrock-endpoint'],
  ['bedrockHttpVersion', 'bedrock.httpVersion', '--bedrock-http-version'],
  ['anthropicBaseUrl', 'anthropic.baseUrl', '--anthropic-base-url'],
  ['fallback', 'fallbackProvider', '--fallback'],
  ['firstTokenTimeout', 'timeouts.firstTokenSeconds', '--first-token-timeout'],
  ['idleTimeout', 'timeouts.idleSeconds', '--idle-timeout'],
  ['totalTimeout', 'timeouts.totalSeconds', '--total-timeout'],
];

function invalid(message: string): SwitchboardError {
  return new SwitchboardError({ type: 'invalid_config', message, hint: 'Fix the value, or run `switchboard config validate FILE` for a config file.' });
}

/** Flags + environment + YAML file (--config, else SWITCHBOARD_CONFIG) + defaults → effective config. */
export async function cliEffectiveConfig(args: CliArgs, env: NodeJS.ProcessEnv): Promise<EffectiveConfig> {
  const explicit: PartialSwitchboardConfig = {};
  const explicitOrigins: Partial<Record<ConfigKey, string>> = {};
  for (const [arg, key, flag] of FLAG_KEYS) {
    const value = args[arg];
    if (value === undefined) continue;
    const field = FIELDS.find((f) => f.key === key);
    if (field) {
      const checked = checkField(field.kind, value);
      if (!checked.ok) throw invalid(`${flag}: ${checked.problem}`);
    }
    setConfigValue(explicit, key, value);
    explicitOrigins[key] = flag;
  }
  if (args.fallback) {
    explicit.autoFallback = true;
    explicitOrigins.autoFallback = '--fallback';
  }

  const filePath = args.config ?? env.SWITCHBOARD_CONFIG;
  let file: PartialSwitchboardConfig | undefined;
  if (filePath) {
    const parsed = await loadConfigFile(filePath);
    if (!parsed.ok) throw invalid(parsed.errors.map(formatConfigIssue).join('; '));
    file = parsed.config;
  }
  const effective = resolveEffectiveConfig({ explicit, explicitOrigins, environment: env, file, fileName: filePath });
  const errors = effective.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw invalid(errors.map(formatConfigIssue).join('; '));
  return effective;
}
