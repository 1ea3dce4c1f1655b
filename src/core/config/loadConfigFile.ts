// The only I/O in config: read a config.yml-style file and parse it.
import { promises as fs } from 'node:fs';
import type { ParseResult } from './parse';
import { parseConfigYaml } from './parse';

export async function loadConfigFile(path: string): Promise<ParseResult> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? 'unknown error'})`;
    return { ok: false, warnings: [], errors: [{ severity: 'error', path: '', source: path, message: `cannot read the config file: ${why}` }] };
  }
  return parseConfigYaml(text, path);
}
