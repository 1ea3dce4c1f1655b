import { parseArgs } from 'node:util';
import { SwitchboardError } from '../core/errors';
import type { ProviderId } from '../core/types';

export type CliCommand = 'chat' | 'test-connection' | 'models' | 'usage' | 'config-validate' | 'config-show' | 'help' | 'version';

export interface CliArgs {
  command: CliCommand;
  /** chat: the prompt (else stdin); config validate: the file. */
  positional: string[];
  provider?: ProviderId;
  model?: string;
  system?: string;
  maxTokens?: number;
  temperature?: number;
  thinkingBudget?: number;
  awsRegion?: string;
  awsProfile?: string;
  bedrockEndpoint?: string;
  bedrockHttpVersion?: string;
  anthropicBaseUrl?: string;
  fallback?: ProviderId;
  /** Deadlines in seconds (0 = off). */
  firstTokenTimeout?: number;
  idleTimeout?: number;
  totalTimeout?: number;
  config?: string;
  stream: boolean;
  cache: boolean;
  json: boolean;
  since?: string;
  by?: 'provider' | 'model' | 'day';
  verbose: boolean;
}

export const USAGE = `Usage:
  switchboard chat [options] [PROMPT]      PROMPT or stdin; streams text to stdout
  switchboard test-connection [options]
  switchboard models [options]             logical names -> resolved IDs for the region
  switchboard usage [--json] [--since DATE] [--by provider|model|day]
  switchboard config validate FILE | config show

Options:
  --provider anthropic|bedrock   --model NAME_OR_ID        --system TEXT
  --max-tokens N                 --temperature X           --thinking-budget N
  --aws-region R                 --aws-profile P           --bedrock-endpoint URL
  --bedrock-http-version http2|http1.1 (http1.1 for proxies that do not speak HTTP/2)
  --anthropic-base-url URL       --fallback PROVIDER       --config FILE.yml
  --first-token-timeout S        --idle-timeout S          --total-timeout S   (seconds; 0 = off)
  --no-stream                    --no-cache                --json
  --verbose                      --help                    --version

Environment: SWITCHBOARD_PROVIDER, CLAUDE_CODE_USE_BEDROCK, ANTHROPIC_API_KEY (or the variable
named by api_key_env), ANTHROPIC_BASE_URL, AWS_REGION / AWS_DEFAULT_REGION, AWS_PROFILE,
AWS_BEARER_TOKEN_BEDROCK, SWITCHBOARD_BEDROCK_HTTP_VERSION, CLAUDE_CODE_MAX_OUTPUT_TOKENS, MAX_THINKING_TOKENS, SWITCHBOARD_CONFIG,
SWITCHBOARD_FIRST_TOKEN_TIMEOUT / SWITCHBOARD_IDLE_TIMEOUT / SWITCHBOARD_TOTAL_TIMEOUT (seconds),
SWITCHBOARD_HOME (usage and cache data).
Exit codes: 0 ok, 1 other, 2 usage / config, 3 auth / permission, 4 rate limit / overloaded /
unavailable, 5 model / region / profile.`;

function usageError(message: string): SwitchboardError {
  return new SwitchboardError({ type: 'invalid_config', message, hint: 'Run `switchboard --help` for the commands and options.' });
}

function provider(value: string | undefined, flag: string): ProviderId | undefined {
  if (value === undefined) return undefined;
  if (value === 'anthropic' || value === 'bedrock') return value;
  throw usageError(`${flag}: "${value}" is not a provider (anthropic or bedrock).`);
}

function number(value: string | undefined, flag: string, check: (n: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw usageError(`${flag}: "${value}" is not ${what}.`);
  return n;
}

const isPositiveInt = (n: number): boolean => Number.isInteger(n) && n > 0;
const isSeconds = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * `--temperature` other than 1 with thinking on (from `--thinking-budget`, MAX_THINKING_TOKENS or
 * the configuration): the APIs accept only temperature 1 with extended thinking, and the request
 * builders would leave it out. On the command line that is refused instead, so the user knows.
 */
export function checkSamplingWithThinking(temperature: number | undefined, thinkingBudget: number | undefined, budgetOrigin: string): void {
  if (temperature === undefined || temperature === 1 || !thinkingBudget) return;
  throw usageError(`--temperature ${temperature} cannot be used with extended thinking (thinking budget ${thinkingBudget} from ${budgetOrigin}): with thinking on, the APIs accept only temperature 1. Leave --temperature out, or turn thinking off with --thinking-budget 0.`);
}

/**
 * node:util parseArgs reads a value that starts with "-" as another option and says only
 * "argument is ambiguous". A negative number after an option is its value: joined as
 * `--max-tokens=-1`, so the check of that value says what is wrong with it (a flag that takes
 * no value then says so).
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z][a-z-]*$/.test(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        provider: { type: 'string' },
        model: { type: 'string' },
        system: { type: 'string' },
        'max-tokens': { type: 'string' },
        temperature: { type: 'string' },
        'thinking-budget': { type: 'string' },
        'aws-region': { type: 'string' },
        'aws-profile': { type: 'string' },
        'bedrock-endpoint': { type: 'string' },
        'bedrock-http-version': { type: 'string' },
        'anthropic-base-url': { type: 'string' },
        fallback: { type: 'string' },
        'first-token-timeout': { type: 'string' },
        'idle-timeout': { type: 'string' },
        'total-timeout': { type: 'string' },
        config: { type: 'string' },
        'no-stream': { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        json: { type: 'boolean' },
        since: { type: 'string' },
        by: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw usageError((e as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const v = parsed.values;
  const [first, ...rest] = parsed.positionals;
  let command: CliCommand;
  let positional = rest;
  if (v.help || first === 'help') command = 'help';
  else if (v.version) command = 'version';
  else if (first === 'chat' || first === 'test-connection' || first === 'models' || first === 'usage') command = first;
  else if (first === 'config') {
    const [sub, ...more] = rest;
    if (sub === 'validate') {
      if (more.length !== 1) throw usageError('config validate needs exactly one FILE.');
      command = 'config-validate';
    } else if (sub === 'show') command = 'config-show';
    else throw usageError(`config: unknown subcommand "${sub ?? ''}" (validate FILE | show).`);
    positional = more;
  } else if (first === undefined) command = 'help';
  else throw usageError(`unknown command "${first}".`);

  if (command !== 'chat' && command !== 'config-validate' && positional.length > 0) throw usageError(`${command}: unexpected argument "${positional[0]}".`);
  if (v.by !== undefined && v.by !== 'provider' && v.by !== 'model' && v.by !== 'day') throw usageError(`--by: "${v.by}" must be provider, model or day.`);
  if (v.since !== undefined && Number.isNaN(Date.parse(v.since))) throw usageError(`--since: "${v.since}" is not a date (YYYY-MM-DD).`);

  const maxTokens = number(v['max-tokens'], '--max-tokens', isPositiveInt, 'a positive whole number');
  const temperature = number(v.temperature, '--temperature', (n) => n >= 0 && n <= 1, 'a number from 0 to 1');
  const thinkingBudget = number(v['thinking-budget'], '--thinking-budget', (n) => Number.isInteger(n) && n >= 0, 'a whole number of tokens (0 = off, else at least 1024)');
  checkSamplingWithThinking(temperature, thinkingBudget, '--thinking-budget');

  return {
    command,
    positional,
    provider: provider(v.provider, '--provider'),
    model: v.model,
    system: v.system,
    maxTokens,
    temperature,
    thinkingBudget,
    awsRegion: v['aws-region'],
    awsProfile: v['aws-profile'],
    bedrockEndpoint: v['bedrock-endpoint'],
    bedrockHttpVersion: v['bedrock-http-version'],
    anthropicBaseUrl: v['anthropic-base-url'],
    fallback: provider(v.fallback, '--fallback'),
    firstTokenTimeout: number(v['first-token-timeout'], '--first-token-timeout', isSeconds, 'a whole number of seconds (0 = off)'),
    idleTimeout: number(v['idle-timeout'], '--idle-timeout', isSeconds, 'a whole number of seconds (0 = off)'),
    totalTimeout: number(v['total-timeout'], '--total-timeout', isSeconds, 'a whole number of seconds (0 = off)'),
    config: v.config,
    stream: !v['no-stream'],
    cache: !v['no-cache'],
    json: v.json ?? false,
    since: v.since,
    by: v.by as CliArgs['by'],
    verbose: v.verbose ?? false,
  };
}
