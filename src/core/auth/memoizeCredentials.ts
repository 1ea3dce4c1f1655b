import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface MemoizeOptions {
  /** Re-resolve this long before the expiration (the SDK uses 5 minutes). */
  refreshWindowMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Called after each real resolution (logging, tests). */
  onResolve?: (credentials: AwsCredentialIdentity) => void;
}

export const DEFAULT_REFRESH_WINDOW_MS = 5 * 60 * 1000;

/**
 * Cache credentials until they are about to expire, then resolve them again. Concurrent callers
 * share one in-flight resolution (one credential_process run, one AssumeRole call). A failure is
 * not cached, so the next request tries again (e.g. after `aws sso login`); a failed early refresh
 * keeps serving credentials that have not expired yet. Credentials without
 * an expiration (static keys) are kept for the life of the provider.
 */
export function memoizeCredentials(provider: AwsCredentialIdentityProvider, options: MemoizeOptions = {}): AwsCredentialIdentityProvider {
  const windowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  const now = options.now ?? Date.now;
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;

  const fresh = (c: AwsCredentialIdentity): boolean => !c.expiration || c.expiration.getTime() - now() > windowMs;

  return async (): Promise<AwsCredentialIdentity> => {
    if (cached && fresh(cached)) return cached;
    if (!inFlight) {
      inFlight = (async () => {
        try {
          const next = await provider();
          cached = next;
          options.onResolve?.(next);
          return next;
        } catch (e) {
          // An advisory refresh (inside the window, not yet expired) that fails keeps the old
          // credentials working until they really expire, like botocore does.
          if (cached?.expiration && cached.expiration.getTime() > now()) return cached;
          throw e;
        } finally {
          inFlight = undefined;
        }
      })();
    }
    return inFlight;
  };
}
