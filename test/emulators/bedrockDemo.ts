import { createHash } from 'node:crypto';
import type { Answer, AnswerBlock } from './bedrockConverse';
import { demoAnswer } from './demoAnswers';
import type { DemoRequest, DemoTool } from './demoAnswers';
import type { EmulatedModel } from './bedrockModels';

/**
 * The Bedrock emulator's demo answer (demoAnswers.ts) for a Converse / ConverseStream body, cut by
 * stop sequences and maxTokens like the model would, with output tokens counted the way the
 * Anthropic emulator counts them (4 characters a token), so one answer costs alike on both.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function resultText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content.map((c: unknown) => (isObj(c) ? (typeof c.text === 'string' ? c.text : c.json !== undefined ? JSON.stringify(c.json) : '') : '')).filter(Boolean).join('\n');
}

export function bedrockDemoRequest(body: Json, model: EmulatedModel): DemoRequest {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isObj) : [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const blocks = lastUser && Array.isArray(lastUser.content) ? lastUser.content.filter(isObj) : [];
  const tc = isObj(body.toolConfig) ? body.toolConfig : undefined;
  const choice = tc && isObj(tc.toolChoice) ? tc.toolChoice : undefined;
  const tools: DemoTool[] = (tc && Array.isArray(tc.tools) ? tc.tools : [])
    .filter((t): t is Json => isObj(t) && isObj(t.toolSpec))
    .map((t) => t.toolSpec as Json)
    .map((spec) => ({ name: String(spec.name), description: typeof spec.description === 'string' ? spec.description : undefined, schema: isObj(spec.inputSchema) ? spec.inputSchema.json : undefined }));
  const extra = body.additionalModelRequestFields;
  const thinking = model.family === 'claude' && isObj(extra) && isObj(extra.thinking) && (extra.thinking.type === 'enabled' || extra.thinking.type === 'adaptive');
  return {
    service: 'Bedrock',
    question: blocks.filter((b) => typeof b.text === 'string').map((b) => b.text as string).join('\n'),
    toolResults: blocks.filter((b) => isObj(b.toolResult)).map((b) => {
      const r = b.toolResult as Json;
      return `${r.status === 'error' ? 'error: ' : ''}${resultText(r.content)}`;
    }),
    tools,
    ...(choice && isObj(choice.tool) ? { forcedTool: String(choice.tool.name) } : choice && 'any' in choice ? { forcedTool: true as const } : {}),
    thinking,
  };
}

const charsOf = (b: AnswerBlock): number => (b.kind === 'toolUse' ? JSON.stringify(b.input).length : b.text.length);

export function bedrockDemoAnswer(body: Json, model: EmulatedModel, requestCounter: number): Answer {
  const blocks: AnswerBlock[] = demoAnswer(bedrockDemoRequest(body, model)).map((b): AnswerBlock => {
    if (b.kind === 'thinking') return { kind: 'reasoning', text: b.text, signature: `sig-${createHash('sha256').update(b.text).digest('base64').slice(0, 24)}` };
    if (b.kind === 'text') return { kind: 'text', text: b.text };
    return { kind: 'toolUse', id: `tooluse_${requestCounter}_${b.name}`, name: b.name, input: b.input };
  });
  const inference = isObj(body.inferenceConfig) ? body.inferenceConfig : {};
  const stops = Array.isArray(inference.stopSequences) ? (inference.stopSequences as string[]) : [];
  let budget = typeof inference.maxTokens === 'number' ? inference.maxTokens * 4 : Infinity;
  let cut: Answer['stopReason'] | undefined;
  const kept: AnswerBlock[] = [];
  for (const block of blocks) {
    if (block.kind === 'text') {
      const at = stops.map((s) => block.text.indexOf(s)).filter((i) => i >= 0).sort((x, y) => x - y)[0];
      const text = block.text.slice(0, Math.min(at ?? Infinity, budget));
      if (text) kept.push({ kind: 'text', text });
      budget -= text.length;
      if (at !== undefined && at <= text.length) cut = 'stop_sequence';
      else if (text.length < block.text.length) cut = 'max_tokens';
    } else if (charsOf(block) > budget) {
      cut = 'max_tokens';
    } else {
      budget -= charsOf(block);
      kept.push(block);
    }
    if (cut) break;
  }
  const stopReason = cut ?? (kept.some((b) => b.kind === 'toolUse') ? 'tool_use' : 'end_turn');
  return { blocks: kept, stopReason, outputTokens: Math.max(1, Math.ceil(kept.reduce((n, b) => n + charsOf(b), 0) / 4)) };
}
