import * as path from 'node:path';
import { SwitchboardClient } from '../core/client';
import type { RequestResult } from '../core/client';
import { describeSources } from '../core/config/effective';
import type { EffectiveConfig } from '../core/config/effective';
import { loadConfigFile } from '../core/config/loadConfigFile';
import { formatConfigIssue } from '../core/config/parse';
import { SwitchboardError, isSwitchboardError, redactSecrets } from '../core/errors';
import { MemoryLogger } from '../core/logger';
import type { Logger } from '../core/logger';
import { describeModels } from '../core/models/describe';
import { knownLogicalNames, resolveModel } from '../core/models/resolve';
import { UsageLedger } from '../core/usage/ledger';
import { PROVIDER_IDS } from '../core/types';
import { USAGE, checkSamplingWithThinking, parseCliArgs } from './args';
import type { CliArgs } from './args';
import { cliEffectiveConfig } from './cliConfig';
import { cliErrorJson, exitCodeFor } from './exitCodes';
import { switchboardHome } from './home';
import { cliCacheClientOptions } from './cliCache';
import { cliBudgetSettings, cliLedger, cliPriceOverrides, cliUsageClientOptions, usageJson, usageText } from './usageSupport';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Read when `chat` has no PROMPT argument. */
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  version?: string;
}

/**
 * stdout may be in the middle of a streamed line when something goes to stderr (a budget alert,
 * a failover notice): in a terminal the two would run together, so a notice then starts on a
 * line of its own.
 */
class LineAwareIo {
  private midLine = false;
  constructor(private readonly io: CliIo) {}
  text(chunk: string): void {
    if (chunk.length === 0) return;
    this.io.stdout.write(chunk);
    this.midLine = !chunk.endsWith('\n');
  }
  notice(line: string): void {
    this.io.stderr.write(`${this.midLine ? '\n' : ''}${line}\n`);
    if (this.midLine) this.midLine = false;
  }
  endLine(): void {
    if (this.midLine) this.io.stdout.write('\n');
    this.midLine = false;
  }
}

/** Run one CLI invocation; resolves to the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: CliArgs | undefined;
  const logger = new MemoryLogger();
  const lines = new LineAwareIo(io);
  try {
    args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        io.stdout.write(`${io.version ?? 'unknown'}\n`);
        return 0;
      case 'config-validate':
        return await configValidate(args.positional[0]!, args, io);
      default:
        break;
    }
    const effective = await cliEffectiveConfig(args, io.env);
    for (const line of describeSources(effective)) logger.info(line);
    switch (args.command) {
      case 'config-show':
        return configShow(effective, args, io);
      case 'models':
        return models(effective, args, io);
      case 'usage':
        return await usage(args, io);
      case 'test-connection':
        return await testConnection(await client(effective, io, logger, args, lines), args, io);
      case 'chat':
        checkSamplingWithThinking(args.temperature, effective.config.thinkingBudget, String(effective.sources.thinkingBudget?.origin ?? 'the configuration'));
        return await chat(await client(effective, io, logger, args, lines), args, io, lines);
    }
  } catch (e) {
    const error = isSwitchboardError(e) ? e : new SwitchboardError({ type: 'unknown', message: e instanceof Error ? e.message : String(e), cause: e });
    if (args?.json) io.stdout.write(JSON.stringify(cliErrorJson(error)) + '\n');
    else io.stderr.write(`switchboard: ${error.type}: ${error.message}${error.hint ? ` — ${error.hint}` : ''}\n`);
    return exitCodeFor(error);
  } finally {
    if (args?.verbose) for (const line of logger.lines) io.stderr.write(redactSecrets(line) + '\n');
  }
  return 1;
}

async function client(effective: EffectiveConfig, io: CliIo, logger: Logger, args: CliArgs, lines: LineAwareIo): Promise<SwitchboardClient> {
  return new SwitchboardClient({
    ...cliCacheClientOptions(io.env, args),
    ...(await cliUsageClientOptions(io.env, (line) => lines.notice(line))),
    config: effective.config,
    sources: effective.sources,
    env: io.env,
    logger,
    ledger: new UsageLedger(path.join(switchboardHome(io.env), 'usage')),
    surface: 'cli',
  });
}

async function readPrompt(args: CliArgs, io: CliIo): Promise<string> {
  const prompt = args.positional.length > 0 ? args.positional.join(' ') : (await io.readStdin()).trim();
  if (!prompt) throw new SwitchboardError({ type: 'invalid_config', message: 'chat needs a PROMPT argument or text on stdin.', hint: 'Example: switchboard chat "Explain this error"' });
  return prompt;
}

async function chat(c: SwitchboardClient, args: CliArgs, io: CliIo, lines: LineAwareIo): Promise<number> {
  const prompt = await readPrompt(args, io);
  const streamText = args.stream && !args.json;
  let result: RequestResult | undefined;
  let wroteText = false;
  for await (const event of c.stream({
    model: c.config.model,
    system: args.system,
    messages: [{ role: 'user', content: prompt }],
    temperature: args.temperature,
  })) {
    if (event.type === 'text_delta' && streamText) {
      lines.text(event.text);
      wroteText = true;
    } else if (event.type === 'failover' && !args.json) {
      lines.notice(`switchboard: ${event.failover.from} failed (${event.failover.reason}); answering with ${event.failover.to}`);
    } else if (event.type === 'done') result = event.result;
  }
  if (!result) throw new SwitchboardError({ type: 'unknown', message: 'The stream ended without a result.' });
  // The cache writes in the background; the process must not exit before the file is written.
  await c.flushResponseCache();
  if (args.json) {
    io.stdout.write(JSON.stringify({
      provider: result.provider,
      model: result.model,
      modelId: result.modelId,
      text: result.text,
      toolCalls: result.toolCalls,
      stopReason: result.stopReason,
      usage: result.usage,
      costUsd: result.costUsd,
      latencyMs: result.latencyMs,
      attempts: result.attempts,
      cached: result.cached,
      failover: result.failover,
    }) + '\n');
  } else if (!streamText) {
    io.stdout.write(result.text + '\n');
  } else if (wroteText) {
    lines.endLine();
  }
  return 0;
}

async function testConnection(c: SwitchboardClient, args: CliArgs, io: CliIo): Promise<number> {
  const info = await c.testConnection();
  if (args.json) io.stdout.write(JSON.stringify(info) + '\n');
  else io.stdout.write(`ok: ${info.provider} as ${info.identity}${info.region ? ` in ${info.region}` : ''}, model ${info.modelId}, ${info.latencyMs} ms\n`);
  return 0;
}

function models(effective: EffectiveConfig, args: CliArgs, io: CliIo): number {
  const { config } = effective;
  const region = config.bedrock.awsRegion;
  const rows = knownLogicalNames(config.modelMapping).map((name) => {
    const row: Record<string, string> = { name };
    for (const provider of PROVIDER_IDS) {
      try {
        row[provider] = resolveModel({ provider, model: name, region: provider === 'bedrock' ? region : undefined, mapping: config.modelMapping, inferenceProfile: provider === 'bedrock' ? config.bedrock.inferenceProfile : null }).modelId;
      } catch (e) {
        row[provider] = `(${isSwitchboardError(e) ? e.type : 'error'})`;
      }
    }
    return row;
  });
  if (args.json) {
    // The facts per model (ID per provider with the rule that chose it, limits, prices, sources)
    // from core/models/describe; `anthropic` / `bedrock` stay the plain IDs (or the error type).
    const described = describeModels({ region, mapping: config.modelMapping, inferenceProfile: config.bedrock.inferenceProfile });
    const byName = new Map(rows.map((r) => [r.name, r]));
    const models = described.models.map((d) => ({ ...d, anthropic: byName.get(d.name)?.anthropic, bedrock: byName.get(d.name)?.bedrock }));
    io.stdout.write(JSON.stringify({ region, factsReadOn: described.factsReadOn, models }) + '\n');
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.name!.length), 4);
  const aw = Math.max(...rows.map((r) => r.anthropic!.length), 9);
  io.stdout.write(`${'name'.padEnd(width)}  ${'anthropic'.padEnd(aw)}  bedrock (${region})\n`);
  for (const r of rows) io.stdout.write(`${r.name!.padEnd(width)}  ${r.anthropic!.padEnd(aw)}  ${r.bedrock}\n`);
  return 0;
}

async function usage(args: CliArgs, io: CliIo): Promise<number> {
  const warn = (line: string): unknown => io.stderr.write(line + '\n');
  const records = await cliLedger(io.env).readAll();
  const options = { since: args.since, by: args.by, budget: cliBudgetSettings(io.env, warn), overrides: await cliPriceOverrides(io.env, warn) };
  io.stdout.write(args.json ? JSON.stringify(usageJson(records, options)) + '\n' : usageText(records, options));
  return 0;
}

async function configValidate(file: string, args: CliArgs, io: CliIo): Promise<number> {
  const parsed = await loadConfigFile(file);
  const warnings = parsed.warnings.map(formatConfigIssue);
  if (!parsed.ok) {
    const errors = parsed.errors.map(formatConfigIssue);
    if (args.json) io.stdout.write(JSON.stringify({ valid: false, errors, warnings }) + '\n');
    else io.stderr.write([...errors, ...warnings].map((l) => `switchboard: ${l}\n`).join(''));
    return 2;
  }
  if (args.json) io.stdout.write(JSON.stringify({ valid: true, errors: [], warnings }) + '\n');
  // Valid means usable; warnings (ignored keys, values fitted per request) are listed, not hidden behind the word.
  else io.stdout.write(warnings.length ? `${file}: usable, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:\n${warnings.join('\n')}\n` : `${file}: valid\n`);
  return 0;
}

function configShow(effective: EffectiveConfig, args: CliArgs, io: CliIo): number {
  if (args.json) {
    const sources = Object.fromEntries(Object.entries(effective.sources).map(([k, s]) => [k, { source: s.source, origin: s.origin ?? null }]));
    io.stdout.write(JSON.stringify({ config: effective.config, sources, secrets: effective.secrets }) + '\n');
  } else {
    io.stdout.write(describeSources(effective).join('\n') + '\n');
  }
  return 0;
}
