import * as path from 'node:path';
import { ResponseCache } from '../core/cache/responseCache';
import type { CliArgs } from './args';
import { switchboardHome } from './home';

/** The CLI's response cache file: `$SWITCHBOARD_HOME/cache/responses.json`. */
export function cliCacheFile(env: NodeJS.ProcessEnv): string {
  return path.join(switchboardHome(env), 'cache', 'responses.json');
}

/**
 * The response cache: on unless `--no-cache`. Only reproducible requests
 * (`--temperature 0`) are cached, as everywhere.
 */
export function cliResponseCache(env: NodeJS.ProcessEnv, args: Pick<CliArgs, 'cache'>): ResponseCache | undefined {
  return args.cache ? new ResponseCache({ file: cliCacheFile(env) }) : undefined;
}
