import { catalogByName } from '../../src/core/models/catalog';
import { snippetFor } from './demoSnippets';

/**
 * The emulators' "demo" answers (`answers: 'demo'`, turned on by `npm run sandbox`): realistic
 * markdown chosen from the question instead of the tests' echo — a code example for a code
 * question, a table for a comparison, headings / lists / a table otherwise; a tool call when
 * tools are offered, a summary once tool results come back, thinking when thinking is on. The
 * first line of every answer says which local emulator wrote it, so nobody mistakes it for a
 * model. Pure; anthropicDemo.ts and bedrockDemo.ts put it on each service's wire.
 */
export type DemoBlock =
  | { kind: 'thinking'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'tool'; name: string; input: Record<string, unknown> };

export interface DemoTool {
  name: string;
  description?: string;
  /** The tool's JSON schema for its input. */
  schema: unknown;
}

export interface DemoRequest {
  /** Who answers, as the first line names it: "Anthropic API" or "Bedrock". */
  service: string;
  /** The text of the last user turn. */
  question: string;
  /** Texts of the tool results in the last user turn (a follow-up after a tool call). */
  toolResults: string[];
  /** Tools the model may call now (empty when none are offered or tool choice is "none"). */
  tools: DemoTool[];
  /** The one tool the request forces, if any; `true` when any tool is forced. */
  forcedTool?: string | true;
  thinking: boolean;
}

export type DemoTopic = 'code' | 'comparison' | 'overview' | 'tool-call' | 'tool-result';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first line of every demo answer. */
export function demoLabel(service: string): string {
  return `*Demo answer from the local ${service} emulator — no model was called.*`;
}

const CODE = /```|\b(code|function|implement|write|script|class|method|bug|fix|error|exception|regex|refactor|snippet|example|debounce|throttle|typescript|javascript|python|rust|golang|sql|query|bash|shell)\b/i;
const COMPARISON = /\b(vs\.?|versus|compare|comparison|difference|differences|differ|pros and cons|trade-?offs?|which (one|should))\b/i;

export function demoTopic(request: Pick<DemoRequest, 'question' | 'toolResults' | 'tools'>): DemoTopic {
  if (request.toolResults.length > 0) return 'tool-result';
  if (request.tools.length > 0) return 'tool-call';
  if (COMPARISON.test(request.question)) return 'comparison';
  if (CODE.test(request.question)) return 'code';
  return 'overview';
}

/** The question as the answer quotes it: one line, at most 80 characters. */
function quoted(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return `“${line.length > 80 ? `${line.slice(0, 79)}…` : line || '(an empty question)'}”`;
}

function thinkingFor(topic: DemoTopic, request: DemoRequest, tool?: DemoTool): string {
  const plan: Record<DemoTopic, string> = {
    code: `It is a code question, so the answer should lead with a short, runnable example in ${snippetFor(request.question).lang}, then explain it step by step.`,
    comparison: 'It asks for a comparison; a table with one row per aspect reads best, followed by a short recommendation.',
    overview: 'It is a general question; a heading, a few bullet points and a small table keep the answer easy to scan.',
    'tool-call': `A tool can answer this better than I can from memory: ${tool?.name ?? 'the tool'} fits, so I will call it with arguments taken from the question.`,
    'tool-result': 'The tool has answered; I should summarise what it returned and say what it means, without repeating it all.',
  };
  return `The user asks ${quoted(request.question)}. ${plan[topic]} This is the local emulator, so the answer must say it is a demo.`;
}

const words = (text: string): Set<string> => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2));

/** The tool to call: the forced one, else one the question names, else the best word overlap, else the first. */
export function pickTool(request: DemoRequest): DemoTool | undefined {
  const { tools, forcedTool, question } = request;
  if (tools.length === 0) return undefined;
  if (typeof forcedTool === 'string') return tools.find((t) => t.name === forcedTool);
  const named = tools.find((t) => question.includes(t.name));
  if (named) return named;
  const asked = words(question);
  let best = tools[0]!;
  let bestScore = 0;
  for (const tool of tools) {
    const score = [...words(`${tool.name.replace(/[_-]/g, ' ')} ${tool.description ?? ''}`)].filter((w) => asked.has(w)).length;
    if (score > bestScore) [best, bestScore] = [tool, score];
  }
  return best;
}

/** A plausible argument for a property, by its name and type, taken from the question where it can be. */
function argumentFor(name: string, schema: unknown, question: string): unknown {
  const s = isObj(schema) ? schema : {};
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const key = name.toLowerCase();
  switch (type) {
    case 'integer':
    case 'number':
      return /limit|max|count|top|size/.test(key) ? 10 : 1;
    case 'boolean':
      return false;
    case 'array':
      return [argumentFor(name.replace(/s$/, ''), s.items, question)];
    case 'object':
      return inputFromSchema(s, question);
    default: {
      const file = /[\w./-]+\.(ts|js|py|json|md|rs|go|sql|sh|yaml|yml|toml)\b/.exec(question)?.[0];
      if (/path|file/.test(key)) return file ?? 'src/index.ts';
      if (/url|uri/.test(key)) return 'https://example.com';
      if (/command|cmd/.test(key)) return 'npm test';
      if (/city|location/.test(key)) return 'Paris';
      return question.replace(/\s+/g, ' ').trim().slice(0, 120) || 'example';
    }
  }
}

/** An input object for a tool's JSON schema: every declared property filled in. */
export function inputFromSchema(schema: unknown, question: string): Record<string, unknown> {
  const props = isObj(schema) && isObj(schema.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(props)) out[name] = argumentFor(name, def, question);
  return out;
}

function codeAnswer(request: DemoRequest): string {
  const s = snippetFor(request.question);
  return [
    `## ${s.title}`,
    '',
    `Here is a compact example for ${quoted(request.question)}:`,
    '',
    '```' + s.lang,
    s.code,
    '```',
    '',
    '**How it works**',
    '',
    ...s.steps.map((step, i) => `${i + 1}. ${step}`),
    '',
    '> Tip: ask for Python, SQL, Bash, Rust or Go to get another example.',
  ].join('\n');
}

function comparisonAnswer(request: DemoRequest): string {
  // The IDs `sonnet` names today (the product's catalog), so the table agrees with the answer's footer.
  const sonnet = catalogByName('sonnet');
  return [
    '## Anthropic API or Amazon Bedrock?',
    '',
    `The emulator has one comparison; for ${quoted(request.question)} it compares the two providers Switchboard switches between:`,
    '',
    '| Aspect | Anthropic API | Amazon Bedrock |',
    '| --- | --- | --- |',
    '| Credentials | An API key (`sk-ant-…`) | AWS credentials: profile, SSO, keys, role or a Bedrock API key |',
    `| Model IDs | \`${sonnet?.anthropicId ?? 'claude-sonnet-…'}\` | Inference profiles such as \`us.${sonnet?.bedrockId ?? 'anthropic.claude-sonnet-…'}\` |`,
    '| Billing | Your Anthropic account | Your AWS bill, per region |',
    '| New models | First | Usually soon after, region by region |',
    '',
    '### Which to pick',
    '',
    '- **Anthropic API** when you want the newest models and the simplest setup.',
    '- **Bedrock** when your organisation already runs on AWS (IAM, VPC endpoints, one bill).',
    '- **Both**: set a fallback provider, and Switchboard fails over when one is throttled or down.',
  ].join('\n');
}

function overviewAnswer(request: DemoRequest): string {
  return [
    '## What you can try here',
    '',
    `This is a canned answer to ${quoted(request.question)}: the sandbox has no model behind it, but everything around the answer is the real Switchboard.`,
    '',
    '### Ask for',
    '',
    '- **code** ("write a debounce function in TypeScript") to get a highlighted code block;',
    '- **a comparison** ("Anthropic vs Bedrock?") to get a table;',
    '- anything else to get this overview.',
    '',
    '### Reading the footer',
    '',
    '| Part | Meaning |',
    '| --- | --- |',
    '| Provider · model | Who answered, and the exact model ID sent |',
    '| in / out | Input and output tokens, as the emulator counted them |',
    '| $ | Estimated cost at list price |',
    '| ms / s | Time until the answer finished |',
    '',
    'Then try **Switchboard: Switch Provider** → *Bedrock* and **Switchboard: Test Connection**.',
  ].join('\n');
}

function toolResultAnswer(request: DemoRequest): string {
  const result = request.toolResults.join('\n').trim();
  const shown = result.length > 400 ? `${result.slice(0, 399)}…` : result || '(empty)';
  return [
    '## What the tool returned',
    '',
    '```text',
    shown,
    '```',
    '',
    '- The result came back in the same conversation, so the answer can build on it.',
    `- It is ${result.length} characters long${request.toolResults.length > 1 ? `, from ${request.toolResults.length} calls` : ''}.`,
    '',
    'Ask a follow-up question to continue.',
  ].join('\n');
}

/** The demo answer, block by block (thinking first, then text, then a tool call if any). */
export function demoAnswer(request: DemoRequest): DemoBlock[] {
  const topic = demoTopic(request);
  const tool = topic === 'tool-call' ? pickTool(request) : undefined;
  const blocks: DemoBlock[] = [];
  if (request.thinking) blocks.push({ kind: 'thinking', text: thinkingFor(topic, request, tool) });
  const label = demoLabel(request.service);
  if (topic === 'tool-call' && tool) {
    // A forced call comes without a preamble, as the services answer it.
    if (request.forcedTool === undefined) blocks.push({ kind: 'text', text: `${label}\n\nI'll use \`${tool.name}\` for that.` });
    blocks.push({ kind: 'tool', name: tool.name, input: inputFromSchema(tool.schema, request.question) });
    return blocks;
  }
  const body = topic === 'code' ? codeAnswer(request) : topic === 'comparison' ? comparisonAnswer(request) : topic === 'tool-result' ? toolResultAnswer(request) : overviewAnswer(request);
  blocks.push({ kind: 'text', text: `${label}\n\n${body}` });
  return blocks;
}

/** Output tokens a second of a demo stream, about what Claude Sonnet streams (a human pace, not a test's). */
export const DEMO_TOKENS_PER_SECOND = 80;

/** How long a stream waits after a delta of this text to keep `tokensPerSecond` (4 characters a token); 0 when unpaced. */
export function streamDelayMs(text: string, tokensPerSecond: number | undefined): number {
  if (!tokensPerSecond || tokensPerSecond <= 0) return 0;
  return Math.round((Math.max(1, text.length / 4) / tokensPerSecond) * 1000);
}
