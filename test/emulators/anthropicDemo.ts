import type { CustomTurn } from './anthropicReply';
import { demoAnswer } from './demoAnswers';
import type { DemoRequest, DemoTool } from './demoAnswers';

/** The Anthropic emulator's demo answer (demoAnswers.ts) for a Messages request body. */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isObj)
    .map((b) => (b.type === 'text' ? String(b.text) : typeof b.content === 'string' ? b.content : b.type === 'tool_result' ? textOf(b.content) : ''))
    .filter(Boolean)
    .join('\n');
}

export function anthropicDemoRequest(body: Json): DemoRequest {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isObj) : [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const blocks = lastUser && Array.isArray(lastUser.content) ? lastUser.content.filter(isObj) : [];
  const question = typeof lastUser?.content === 'string' ? lastUser.content : textOf(blocks.filter((b) => b.type === 'text'));
  const choice = isObj(body.tool_choice) ? body.tool_choice : { type: 'auto' };
  // Server tools (web search, …) have no input_schema and are not the model's to call here.
  const tools: DemoTool[] = choice.type === 'none' || !Array.isArray(body.tools)
    ? []
    : body.tools.filter((t): t is Json => isObj(t) && isObj(t.input_schema)).map((t) => ({ name: String(t.name), description: typeof t.description === 'string' ? t.description : undefined, schema: t.input_schema }));
  return {
    service: 'Anthropic API',
    question,
    toolResults: blocks.filter((b) => b.type === 'tool_result').map((b) => `${b.is_error ? 'error: ' : ''}${textOf(b.content)}`),
    tools,
    ...(choice.type === 'tool' ? { forcedTool: String(choice.name) } : choice.type === 'any' ? { forcedTool: true as const } : {}),
    thinking: isObj(body.thinking) && (body.thinking.type === 'enabled' || body.thinking.type === 'adaptive'),
  };
}

export function anthropicDemoTurn(body: Json): CustomTurn {
  return {
    content: demoAnswer(anthropicDemoRequest(body)).map((b) =>
      b.kind === 'thinking' ? { type: 'thinking' as const, thinking: b.text } : b.kind === 'text' ? { type: 'text' as const, text: b.text } : { type: 'tool_use' as const, name: b.name, input: b.input },
    ),
  };
}
