import * as assert from 'node:assert/strict';
import { continuationRequest, translateForFallback } from '../../../src/core/routing/failoverRequest';
import type { ModelRequest } from '../../../src/core/types';

describe('failover request translation', () => {
  it('passes a plain request through unchanged', () => {
    const req: ModelRequest = { model: 'sonnet', messages: [{ role: 'user', content: 'hi' }], system: [{ text: 's', cache: true }] };
    const out = translateForFallback(req, 'anthropic', 'bedrock');
    assert.deepEqual(out.request, req);
    assert.deepEqual(out.notes, []);
  });

  it('drops signed and redacted thinking of earlier turns, keeps cache flags, never leaves an empty turn', () => {
    const req: ModelRequest = {
      model: 'sonnet',
      messages: [
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'redacted_thinking', data: 'xx' }] },
        { role: 'user', content: [{ type: 'text', text: 'q2', cache: true }] },
      ],
    };
    const out = translateForFallback(req, 'bedrock', 'anthropic');
    assert.deepEqual(out.request.messages[1], { role: 'assistant', content: [{ type: 'text', text: '(no visible answer)' }] });
    assert.deepEqual(out.request.messages[2], req.messages[2]);
    assert.match(out.notes.join(), /dropped 2 thinking block\(s\) signed by bedrock/);
  });

  it('rewrites a tool ID the other provider rejects, the same way in tool_use and tool_result', () => {
    const req: ModelRequest = {
      model: 'sonnet',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call:1/x', name: 't', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 'call:1/x', content: 'r' }] },
      ],
    };
    const out = translateForFallback(req, 'bedrock', 'anthropic');
    const use = (out.request.messages[1]!.content as Array<{ id: string }>)[0]!.id;
    const result = (out.request.messages[2]!.content as Array<{ toolUseId: string }>)[0]!.toolUseId;
    assert.match(use, /^[a-zA-Z0-9_-]{1,64}$/);
    assert.equal(result, use);
  });

  it('drops the other provider\'s own options', () => {
    const req: ModelRequest = { model: 'sonnet', messages: [{ role: 'user', content: 'q' }], bedrock: { latency: 'optimized' }, anthropic: { betas: ['x'] } };
    assert.equal(translateForFallback(req, 'bedrock', 'anthropic').request.bedrock, undefined);
    assert.deepEqual(translateForFallback(req, 'bedrock', 'anthropic').request.anthropic, { betas: ['x'] });
    assert.equal(translateForFallback(req, 'anthropic', 'bedrock').request.anthropic, undefined);
  });

  it('builds a continuation: partial answer as the assistant turn, then a request to continue', () => {
    const out = continuationRequest({ model: 'sonnet', messages: [{ role: 'user', content: 'q' }] }, 'half an ans');
    assert.deepEqual(out.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.deepEqual(out.messages[1]!.content, [{ type: 'text', text: 'half an ans' }]);
  });
});
