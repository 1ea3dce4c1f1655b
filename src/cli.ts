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

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, readStdin, env: process.env, version }).then((code) => {
  process.exitCode = code;
});
