// The checks every real-text error case makes (test/unit/anthropic/anthropicRealTextErrors.test.ts,
// test/unit/bedrock/bedrockRealTextErrors.test.ts): the service's text (realErrors.ts), sent by the
// emulator through the real SDK, becomes this type, code, retryability, advice and these fixes.
import * as assert from 'node:assert/strict';
import type { ErrorCode, ErrorType, SwitchboardError } from '../../src/core/errors';
import { fixActionsFor } from '../../src/core/errorFixes';
import type { FixContext, FixKind } from '../../src/core/errorFixes';
import type { RealError } from './realErrors';

export interface RealErrorCase {
  /** The service's text, status and error type, with its public source. */
  real: RealError;
  type: ErrorType;
  code?: ErrorCode;
  retryable: boolean;
  hint: RegExp;
  notHint?: RegExp;
  fixes: FixKind[];
  ctx?: FixContext;
  /** The settings the error names (as ids on `err.settings`, never in the hint's text). */
  settings?: string[];
}

export function assertRealErrorCase(err: SwitchboardError, c: RealErrorCase): void {
  assert.equal(err.type, c.type);
  assert.equal(err.code, c.code);
  assert.equal(err.status, c.real.fault.status);
  assert.equal(err.retryable, c.retryable);
  assert.match(err.hint ?? '', c.hint);
  if (c.notHint) assert.doesNotMatch(err.hint ?? '', c.notHint);
  assert.doesNotMatch(err.hint ?? '', /switchboard\.\w/, 'hints name settings by label; ids travel as err.settings');
  assert.deepEqual(fixActionsFor(err, c.ctx).map((f) => f.kind), c.fixes);
  if (c.settings) assert.deepEqual(err.settings?.map((s) => s.id), c.settings);
}
