// Editing the test server's settings the way a person editing settings.json would. The file VS Code
// watches in this (remote) window is the server's machine settings — "Remote [Server]" in the
// Settings editor; an outside edit of the User file is not picked up by the web workbench (seen on
// 1.139), so tests change settings here. Remote settings win over User ones, for every scope but
// `application`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VsCodeServer } from '../vscode/host/server';

/** Sets (or with `undefined`, removes) settings in the window's Remote [Server] settings.json. */
export function setRemoteSettings(server: VsCodeServer, values: Record<string, unknown>): void {
  const file = join(server.userDataDir, 'Machine', 'settings.json');
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch { /* a new file */ }
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete current[k];
    else current[k] = v;
  }
  writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
}
