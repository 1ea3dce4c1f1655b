import { describeSources, withRegionInUse } from '../core/config/effective';
import type { EffectiveConfig } from '../core/config/effective';
import { loadConfigFile } from '../core/config/loadConfigFile';
import { formatConfigIssue } from '../core/config/parse';
import type { RequestResult, Switchboard } from '../core/engine/types';
import { SwitchboardError, isSwitchboardError, redactSecrets } from '../core/errors';
import { MemoryLogger } from '../core/logger';
import { describeModels } from '../core/models/describe';
import { USAGE, checkSamplingWithThinking, parseCliArgs } from './args';
import type { CliArgs } from './args';
import { cliEffectiveConfig } from './cliConfig';
import { cliEngine } from './cliEngine';
import { cliErrorJson, exitCodeFor } from './exitCodes';
import { cliBudgetSettings, cliPriceOverrides, cliStore, readUsageFigures, usageJson, usageText } from './usageSupport';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Read when `chat` has no PROMPT argument. */
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  version?: string;
  /** Aborted on SIGINT / SIGTERM (reason: the signal's name): the request is cancelled, what was billed recorded. */
  signal?: AbortSignal;
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
    // End the streamed line on stdout itself, so piped output keeps its final newline too.
    this.endLine();
    this.io.stderr.write(`${line}\n`);
  }
  endLine(): void {
    if (this.midLine) this.io.stdout.write('\n');
    this.midLine = false;
  }
}

/** Exit codes for a request ended by a signal (128 + the signal number, as shells report it). */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Run one CLI invocation; resolves to the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: CliArgs | undefined;
  const logger = new MemoryLogger();
  const lines = new LineAwareIo(io);
  let engine: Switchboard | undefined;
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
    if (args.command === 'usage') return await usage(args, io, effective);
    if (args.command === 'chat') checkSamplingWithThinking(args.temperature, effective.config.thinkingBudget, String(effective.sources.thinkingBudget?.origin ?? 'the configuration'));
    engine = await cliEngine(effective, io.env, logger, args, (line) => lines.notice(line));
    // Notices (a usage record that cannot be written, a long wait without a fallback) go to stderr, once.
    engine.onDidChange((c) => {
      if (c.kind === 'notice') lines.notice(`switchboard: ${c.message}`);
    });
    switch (args.command) {
      case 'config-show':
        return await configShow(effective, engine, args, io);
      case 'models':
        return await models(engine, args, io);
      case 'test-connection':
        return await testConnection(engine, args, io);
      case 'chat':
        return await chat(engine, args, io, lines);
    }
  } catch (e) {
    const error = isSwitchboardError(e) ? e : new SwitchboardError({ type: 'unknown', message: e instanceof Error ? e.message : String(e), cause: e });
    const bySignal = io.signal?.aborted && error.type === 'cancelled' ? SIGNAL_EXIT[String(io.signal.reason)] : undefined;
    if (args?.json) io.stdout.write(JSON.stringify(cliErrorJson(error)) + '\n');
    else if (bySignal) io.stderr.write(`\nswitchboard: cancelled by ${String(io.signal!.reason)}; what was already billed is recorded in the usage ledger.\n`);
    else io.stderr.write(`switchboard: ${error.type}: ${error.message}${error.hint ? ` — ${error.hint}` : ''}\n`);
    return bySignal ?? exitCodeFor(error);
  } finally {
    await engine?.dispose();
    if (args?.verbose) for (const line of logger.lines) io.stderr.write(redactSecrets(line) + '\n');
  }
  return 1;
}

async function readPrompt(args: CliArgs, io: CliIo): Promise<string> {
  const prompt = args.positional.length > 0 ? args.positional.join(' ') : (await io.readStdin()).trim();
  if (!prompt) throw new SwitchboardError({ type: 'invalid_config', message: 'chat needs a PROMPT argument or text on stdin.', hint: 'Example: switchboard chat "Explain this error"' });
  return prompt;
}

async function chat(engine: Switchboard, args: CliArgs, io: CliIo, lines: LineAwareIo): Promise<number> {
  const prompt = await readPrompt(args, io);
  const request = { model: engine.config.model, system: args.system, messages: [{ role: 'user' as const, content: prompt }], temperature: args.temperature };
  const options = io.signal ? { signal: io.signal } : {};
  const streamText = args.stream && !args.json;
  let result: RequestResult | undefined;
  let wroteText = false;
  if (!args.stream) {
    // --no-stream: one whole answer (Bedrock Converse / a Messages request without `stream`).
    result = await engine.send(request, options);
  } else {
    for await (const event of engine.stream(request, options)) {
      if (event.type === 'text_delta' && streamText) {
        lines.text(event.text);
        wroteText = true;
      } else if (event.type === 'failover' && !args.json) {
        lines.notice(`switchboard: ${event.failover.from} failed (${event.failover.reason}); answering with ${event.failover.to}`);
      } else if (event.type === 'retry' && event.note && !args.json) {
        lines.notice(`switchboard: ${event.note}`);
      } else if (event.type === 'done') result = event.result;
    }
  }
  if (!result) throw new SwitchboardError({ type: 'unknown', message: 'The stream ended without a result.' });
  // The cache writes in the background; the process must not exit before the file is written.
  await engine.cache.flush();
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
      providersTried: result.providersTried,
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

async function testConnection(engine: Switchboard, args: CliArgs, io: CliIo): Promise<number> {
  const info = await engine.testConnection();
  if (args.json) io.stdout.write(JSON.stringify(info) + '\n');
  else io.stdout.write(`ok: ${info.provider} as ${info.identity}${info.region ? ` in ${info.region}` : ''}, model ${info.modelId}, ${info.latencyMs} ms\n`);
  return 0;
}

/** Logical names → the IDs a request sends, for the region a request uses (engine.resolved()). */
async function models(engine: Switchboard, args: CliArgs, io: CliIo): Promise<number> {
  const resolved = await engine.resolved();
  const region = resolved.bedrock.region;
  const problems: string[] = [];
  const rows = Object.entries(resolved.models).map(([name, byProvider]) => {
    const row: Record<string, string> = { name };
    for (const [provider, v] of Object.entries(byProvider)) {
      row[provider] = v.modelId ?? `(${v.errorType ?? 'error'})`;
      if (!v.modelId) problems.push(`${name} on ${provider}: ${v.error ?? 'does not resolve'}`);
    }
    return row;
  });
  if (args.json) {
    // The facts per model (ID per provider with the rule that chose it, limits, prices, sources)
    // from core/models/describe, for the region a request uses; `anthropic` / `bedrock` are the IDs sent.
    const described = describeModels({ region: region.region, mapping: engine.config.modelMapping, inferenceProfile: engine.config.bedrock.inferenceProfile });
    const byName = new Map(rows.map((r) => [r.name, r]));
    const models = described.models.map((d) => ({ ...d, anthropic: byName.get(d.name)?.anthropic, bedrock: byName.get(d.name)?.bedrock }));
    io.stdout.write(JSON.stringify({ region: region.region, regionSource: region.source, regionOrigin: region.origin, factsReadOn: described.factsReadOn, models }) + '\n');
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.name!.length), 4);
  const aw = Math.max(...rows.map((r) => r.anthropic!.length), 9);
  io.stdout.write(`${'name'.padEnd(width)}  ${'anthropic'.padEnd(aw)}  bedrock (${region.region}, from ${region.origin})\n`);
  for (const r of rows) io.stdout.write(`${r.name!.padEnd(width)}  ${r.anthropic!.padEnd(aw)}  ${r.bedrock}\n`);
  if (problems.length) io.stdout.write(`\n${problems.join('\n')}\n`);
  return 0;
}

async function usage(args: CliArgs, io: CliIo, effective: EffectiveConfig): Promise<number> {
  const warn = (line: string): unknown => io.stderr.write(line + '\n');
  const options = { since: args.since, by: args.by, budget: cliBudgetSettings(io.env, warn), overrides: await cliPriceOverrides(io.env, warn) };
  const store = cliStore(io.env, undefined, effective.config.retention);
  let figures;
  try {
    figures = await readUsageFigures(store, options);
  } catch (e) {
    const s = e as Error & { hint?: string };
    throw new SwitchboardError({ type: 'invalid_config', message: `The usage store could not be read: ${s.message}`, ...(s.hint ? { hint: s.hint } : {}), cause: e });
  } finally {
    store.close();
  }
  io.stdout.write(args.json ? JSON.stringify(usageJson(figures)) + '\n' : usageText(figures));
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

/** The effective config with the region as a request uses it (source `profile` when the AWS profile decided). */
async function configShow(effective: EffectiveConfig, engine: Switchboard, args: CliArgs, io: CliIo): Promise<number> {
  const resolved = await engine.resolved();
  const region = resolved.bedrock.region;
  if (args.json) {
    const shown = withRegionInUse(effective, region);
    const sources = Object.fromEntries(Object.entries(shown.sources).map(([k, s]) => [k, { source: s.source, origin: s.origin ?? null }]));
    io.stdout.write(JSON.stringify({ config: shown.config, sources, secrets: effective.secrets, resolved }) + '\n');
  } else {
    io.stdout.write(describeSources(effective, region).join('\n') + '\n');
  }
  return 0;
}
