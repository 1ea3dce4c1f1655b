// Hooks around an async iterable without a generator step per event: a pass-through stage that
// only needs to see events and the end pays one `.then` per event instead of a generator hop.
export interface TapHooks<T> {
  event?(value: T): void;
  /** Once: the source finished (`done`), threw (`error`), or the consumer stopped (`return`). */
  end?(how: 'done' | 'error' | 'return', error?: unknown): void;
}

export function tap<T>(source: AsyncIterable<T>, hooks: TapHooks<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const it = source[Symbol.asyncIterator]();
      let ended = false;
      const end = (how: 'done' | 'error' | 'return', error?: unknown): void => {
        if (ended) return;
        ended = true;
        hooks.end?.(how, error);
      };
      return {
        next: () =>
          it.next().then(
            (r) => {
              if (r.done) end('done');
              else hooks.event?.(r.value);
              return r;
            },
            (e: unknown) => {
              end('error', e);
              throw e;
            },
          ),
        return: async (value?: unknown) => {
          try {
            if (it.return) await it.return(value);
          } finally {
            end('return');
          }
          return { done: true, value: value as T };
        },
      };
    },
  };
}
