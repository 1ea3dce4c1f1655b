// Child of bench/activation-load.ts, run with plain `node` (no tsx hooks in the measured require).
// Loads <dir>'s entry point (package.json "main") and calls activate() the way the extension host does, with a
// STAND-IN for the `vscode` module (this process has no VS Code): every API object is an inert
// proxy, SecretStorage is empty, the Switchboard home is a fresh temp folder. It measures only the
// part VS Code's "Running Extensions" figure counts — the require (code loading) and activate()
// up to its first await — in wall time and in this thread's CPU time, and prints one JSON line.
//   node activationLoadChild.mjs <dir> [<global storage dir>] [prime]
// The global storage folder (default: a fresh one) is where the extension keeps its V8 code cache;
// `prime` keeps the process alive until the extension has written it.
import Module, { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
// Any member is another inert object (not a thenable, no primitive conversion); calls and `new` too.
const member = (t, p) => (typeof p === 'symbol' || p === 'then' ? undefined : p in t ? t[p] : inert());
const inert = () => new Proxy(function () {}, { get: member, set: () => true, apply: () => inert(), construct: () => inert() });
const vscode = {
  EventEmitter: class { constructor() { this.event = () => ({ dispose() {} }); } fire() {} dispose() {} },
  Disposable: class { static from() { return { dispose() {} }; } dispose() {} },
  UIKind: { Desktop: 1, Web: 2 },
  window: new Proxy({ state: { focused: true } }, { get: member }),
  workspace: new Proxy({ getConfiguration: () => ({ get: (_k, d) => d, inspect: () => undefined }), isTrusted: true, workspaceFolders: [] }, { get: member }),
};
for (const k of ['Uri', 'commands', 'languages', 'lm', 'env', 'extensions', 'StatusBarAlignment', 'ThemeColor', 'ProgressLocation', 'ViewColumn', 'MarkdownString', 'l10n', 'LanguageModelError', 'LanguageModelTextPart', 'LanguageModelToolCallPart', 'ConfigurationTarget', 'ThemeIcon']) vscode[k] = inert();
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-activation-'));
process.env.SWITCHBOARD_HOME = home;
const memento = () => ({ get: (_k, d) => d, update: async () => {}, keys: () => [] });
const context = {
  subscriptions: [], globalStorageUri: { fsPath: process.argv[3] || path.join(home, 'global') }, globalState: memento(), workspaceState: memento(),
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
  extensionUri: { fsPath: process.argv[2] }, extensionPath: process.argv[2],
  extension: { packageJSON: JSON.parse(fs.readFileSync(path.join(process.argv[2], 'package.json'), 'utf8')) },
};

const cpu0 = process.threadCpuUsage ? process.threadCpuUsage() : process.cpuUsage();
const t0 = performance.now();
const entry = path.join(process.argv[2], JSON.parse(fs.readFileSync(path.join(process.argv[2], 'package.json'), 'utf8')).main);
const extension = require(entry);
const t1 = performance.now();
const activated = extension.activate(context);
const t2 = performance.now();
const cpu = process.threadCpuUsage ? process.threadCpuUsage(cpu0) : process.cpuUsage(cpu0);
activated.then(() => {
  const t3 = performance.now();
  const codeCache = extension.codeCacheState?.().status ?? 'none';
  console.log(JSON.stringify({ requireMs: t1 - t0, activateCallMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, resolvedMs: t3 - t2, codeCache }));
  const exit = () => {
    fs.rmSync(home, { recursive: true, force: true });
    process.exit(0);
  };
  if (process.argv[4] === 'prime') setTimeout(exit, 3_000);
  else exit();
}, (e) => {
  console.error(e);
  process.exit(1);
});
