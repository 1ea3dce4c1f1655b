import type { Switchboard } from '../../core/engine/types';

/**
 * Keeps a replaced engine alive while requests still run on it: a settings change mid-answer
 * rebuilds the engine for the next request without cutting off the current one.
 */
export class EngineLeases {
  private readonly inflight = new Map<Switchboard, number>();
  private readonly retired = new Set<Switchboard>();

  hold(engine: Switchboard): Switchboard {
    this.inflight.set(engine, (this.inflight.get(engine) ?? 0) + 1);
    return engine;
  }

  release(engine: Switchboard): void {
    const left = (this.inflight.get(engine) ?? 1) - 1;
    if (left > 0) return void this.inflight.set(engine, left);
    this.inflight.delete(engine);
    if (this.retired.delete(engine)) void engine.dispose();
  }

  /** The engine was replaced: dispose it now, or when its last request ends. */
  retire(engine: Switchboard): void {
    if (this.inflight.has(engine)) this.retired.add(engine);
    else void engine.dispose();
  }
}
