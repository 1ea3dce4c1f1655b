import * as path from 'node:path';
import { ResponseCache } from '../core/cache/responseCache';
import type { SwitchboardClientOptions } from '../core/client';
import type { CliArgs } from './args';
import { switchboardHome } from './home';

/** The CLI's response cache file: `$SWITCHBOARD_HOME/cache/responses.json`. */
export function cliCacheFile(env: NodeJS.ProcessEnv): string {
  return path.join(switchboardHome(env), 'cache', 'responses.json');
}

/**
 * Client options for the response cache: on unless `--no-cache`. Only reproducible requests
 * (`--temperature 0`) are cached, as everywhere.
 */
export function cliCacheClientOptions(env: NodeJS.ProcessEnv, args: Pick<CliArgs, 'cache'>): Pick<SwitchboardClientOptions, 'responseCache'> {
  return args.cache ? { responseCache: new ResponseCache({ file: cliCacheFile(env) }) } : {};
}
