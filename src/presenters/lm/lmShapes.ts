// Structural mirrors of the vscode Language Model Chat Provider shapes (VS Code ≥ 1.104), so the
// conversions in this folder run without the editor (unit tests, the bench). The extension passes
// vscode's own objects: they have these fields. Enum values are vscode's.

/** vscode.LanguageModelChatMessageRole: User = 1, Assistant = 2 (System = 3 is proposed API). */
export const LM_ROLE = { user: 1, assistant: 2, system: 3 } as const;

/** vscode.LanguageModelChatToolMode: Auto = 1, Required = 2. */
export const LM_TOOL_MODE = { auto: 1, required: 2 } as const;

/** vscode.LanguageModelTextPart */
export interface LmTextPartShape {
  readonly value: string;
}
/** vscode.LanguageModelToolCallPart */
export interface LmToolCallPartShape {
  readonly callId: string;
  readonly name: string;
  readonly input: object;
}
/** vscode.LanguageModelToolResultPart (content: text, prompt-tsx and data parts) */
export interface LmToolResultPartShape {
  readonly callId: string;
  readonly content: readonly unknown[];
}
/** vscode.LanguageModelDataPart (images, JSON, text; `cache_control` is the prompt-cache hint Copilot sends). */
export interface LmDataPartShape {
  readonly mimeType: string;
  readonly data: Uint8Array;
}

/** vscode.LanguageModelChatRequestMessage */
export interface LmMessageShape {
  readonly role: number;
  readonly content: readonly unknown[];
  readonly name: string | undefined;
}

/** vscode.LanguageModelChatTool */
export interface LmToolShape {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object | undefined;
}

/** vscode.ProvideLanguageModelChatResponseOptions (+ `requestInitiator`, which 1.139 passes; proposed API). */
export interface LmRequestOptionsShape {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly LmToolShape[];
  readonly toolMode: number;
  readonly requestInitiator?: unknown;
}

/** vscode.LanguageModelChatInformation */
export interface LmModelInfo {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

/** What the provider reports back, in order: vscode.LanguageModelTextPart / LanguageModelToolCallPart. */
export type LmOutPart = { kind: 'text'; value: string } | { kind: 'toolCall'; callId: string; name: string; input: object };

export function isTextPart(part: unknown): part is LmTextPartShape {
  return typeof part === 'object' && part !== null && typeof (part as LmTextPartShape).value === 'string' && !('callId' in part) && !('mimeType' in part);
}
export function isToolCallPart(part: unknown): part is LmToolCallPartShape {
  const p = part as Partial<LmToolCallPartShape> | null;
  return typeof part === 'object' && p !== null && typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p;
}
export function isToolResultPart(part: unknown): part is LmToolResultPartShape {
  const p = part as Partial<LmToolResultPartShape> | null;
  return typeof part === 'object' && p !== null && typeof p.callId === 'string' && Array.isArray(p.content);
}
export function isDataPart(part: unknown): part is LmDataPartShape {
  const p = part as Partial<LmDataPartShape> | null;
  return typeof part === 'object' && p !== null && typeof p.mimeType === 'string' && p.data instanceof Uint8Array;
}
