// A child AbortController that follows its parent signal. AbortSignal.any would do the same, but
// costs tens of microseconds per call on Node 20 (measured in bench/provider-overhead): too much
// for once per request and once per attempt, so the link is one listener, removed when done.
export function linkedController(parent: AbortSignal | undefined): { controller: AbortController; unlink: () => void } {
  const controller = new AbortController();
  if (!parent) return { controller, unlink: () => undefined };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, unlink: () => undefined };
  }
  const onAbort = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener('abort', onAbort) };
}
