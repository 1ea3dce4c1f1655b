import * as os from 'node:os';
import * as path from 'node:path';

/** The local store's file name in the Switchboard home. */
export const STORE_FILE = 'switchboard.db';

/**
 * The Switchboard home, where the local store (`switchboard.db`) and `prices.json` live — the
 * same folder for the CLI and every VS Code window, so they share one ledger, cache and history:
 * SWITCHBOARD_HOME, else a per-user data folder.
 */
export function switchboardHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SWITCHBOARD_HOME) return path.resolve(env.SWITCHBOARD_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'switchboard');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'switchboard');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'switchboard');
}
