import type { ResponseCache } from '../core/cache/responseCache';
import type { LocalStore } from '../core/storage/localStore';
import type { CliArgs } from './args';

/**
 * The response cache: the local store's (SWITCHBOARD_HOME/switchboard.db, shared with every other
 * CLI process and window), on unless `--no-cache`. Only reproducible requests (`--temperature 0`)
 * are cached, as everywhere.
 */
export function cliResponseCache(store: LocalStore, args: Pick<CliArgs, 'cache'>): ResponseCache | undefined {
  return args.cache ? store.responseCache : undefined;
}
