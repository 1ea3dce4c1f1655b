// `switchboard`: the headless CLI over the same core, config precedence and environment
// variables as the extension (SPEC §6).
import { version } from '../package.json';
import { runCli } from './cli/main';

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (data += chunk));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

// SIGINT / SIGTERM cancel the request (the engine records what was billed) and exit 130 / 143.
// A second signal while the record is being written ends the process at once.
const cancel = new AbortController();
const onSignal = (name: NodeJS.Signals): void => {
  if (cancel.signal.aborted) process.exit(name === 'SIGINT' ? 130 : 143);
  cancel.abort(name);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, readStdin, env: process.env, version, signal: cancel.signal }).then((code) => {
  process.exitCode = code;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
});
