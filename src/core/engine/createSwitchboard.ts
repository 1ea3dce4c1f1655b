// THE composition root. The CLI and the extension (and every later surface) get their engine
// from this function and from nothing else.
import type { EffectiveConfig } from '../config/effective';
import { Engine } from './engine';
import type { Switchboard, SwitchboardOptions } from './types';

export type CreateSwitchboardOptions =
  | SwitchboardOptions
  | (Omit<SwitchboardOptions, 'config' | 'sources'> & { effective: EffectiveConfig });

export function createSwitchboard(options: CreateSwitchboardOptions): Switchboard {
  return createEngine(options);
}

/** The concrete engine (the SwitchboardClient facade needs its internals; surfaces use createSwitchboard). */
export function createEngine(options: CreateSwitchboardOptions): Engine {
  if ('effective' in options) {
    const { effective, ...rest } = options;
    return new Engine({ ...rest, config: effective.config, sources: effective.sources });
  }
  return new Engine(options);
}
