import type { ErrorType, SwitchboardError } from '../core/errors';

/** The `type` values of SPEC §6's `--json` error shape. */
export type CliErrorType =
  | 'authentication'
  | 'permission'
  | 'rate_limit'
  | 'overloaded'
  | 'model_not_found'
  | 'inference_profile_required'
  | 'region'
  | 'context_length'
  | 'timeout'
  | 'network'
  | 'invalid_config'
  | 'unknown';

export function cliErrorType(type: ErrorType): CliErrorType {
  switch (type) {
    case 'unavailable':
      return 'overloaded';
    case 'missing_dependency':
      return 'invalid_config';
    case 'billing':
      return 'permission';
    case 'invalid_request':
    case 'cancelled':
    case 'budget_exceeded':
      return 'unknown';
    default:
      return type;
  }
}

/** 0 ok, 1 other, 2 usage / config, 3 auth / permission, 4 rate limit / overloaded / unavailable, 5 model / region / profile. */
export function exitCodeFor(error: SwitchboardError): number {
  switch (error.type) {
    case 'invalid_config':
    case 'missing_dependency':
      return 2;
    case 'authentication':
    case 'permission':
    case 'billing':
      return 3;
    case 'rate_limit':
    case 'overloaded':
    case 'unavailable':
      return 4;
    case 'model_not_found':
    case 'inference_profile_required':
    case 'region':
      return 5;
    default:
      return 1;
  }
}

export function cliErrorJson(error: SwitchboardError): { error: { type: CliErrorType; message: string; provider: string | null; hint: string | null } } {
  return { error: { type: cliErrorType(error.type), message: error.message, provider: error.provider ?? null, hint: error.hint ?? null } };
}
