// One build for everything: the extension host bundle, the CLI, the lazily loaded SDK chunks
// and the webviews. `--production` minifies; `--watch` rebuilds with a problem-matcher log.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** `--outdir DIR`: build somewhere else than dist/ (the bundle test builds into a temp folder). */
const OUT = process.argv.includes('--outdir') ? process.argv[process.argv.indexOf('--outdir') + 1] : 'dist';
/** `--metafile`: write esbuild's metafile beside each node bundle (`<name>.meta.json`: what it contains). */
const metafile = process.argv.includes('--metafile');

/**
 * The SDKs are big; activation must not pay for them. Core code loads them with
 * `await import('@anthropic-ai/sdk')` etc. In the node bundles those imports become requires of
 * chunk files (dist/sdk/*.js) that are only loaded on first use.
 */
const SDK_CHUNKS = {
  '@anthropic-ai/sdk': 'anthropic',
  '@aws-sdk/client-bedrock-runtime': 'bedrock-runtime',
  '@aws-sdk/credential-providers': 'aws-credentials',
  '@aws-sdk/client-sts': 'aws-sts',
  yaml: 'yaml',
};
/** Helper modules served from an SDK chunk (re-exported there; see scripts/sdk-chunks/). */
const CHUNK_ALIASES = {
  '@aws-sdk/core/client': 'bedrock-runtime',
  '@smithy/node-http-handler': 'bedrock-runtime',
  '@smithy/core/config': 'aws-credentials',
};

/**
 * Our own modules that load on first use, each shipped as its own chunk: the code requires one
 * inside a function (`require('../providerFactory')`, as core/config/yamlLib does for `yaml`) and
 * the bundles turn that require into one of the chunk file. Importing one statically would put it
 * back into the bundle, so the build refuses it. A chunk has its own copy of the modules it shares
 * with the bundle that loads it: what crosses is data, functions and objects — no module state,
 * no `instanceof` across the line (errors carry a brand for that: core/errors.ts).
 */
const LAZY_MODULES = {
  // The provider layer (providers, auth, message conversion; the SDKs through their own chunks): the first request.
  'src/core/providerFactory.ts': 'sdk/providers',
  // The request pipeline (stages, provider call): the first request.
  'src/core/engine/pipeline.ts': 'lazy/pipeline',
  // The vscode.lm provider's work (models, requests, token counts): VS Code's first ask.
  'src/extension/lm/lmProvider.ts': 'lazy/lm',
  // The dashboard's host side (controller, tabs' backends): the panel's first open or restore.
  'src/extension/dashboard/dashboardBackend.ts': 'lazy/dashboard',
  // The chat's controller and turns: the chat view's first resolve, or a chat command.
  'src/presenters/chat/chatController.ts': 'lazy/chat',
  // The local store (node:sqlite, schema, import of old files): its first use, right after activation.
  'src/extension/openStore.ts': 'lazy/store',
  // The usage report and the Usage tab's figures (advice, charts): the dashboard or Show Usage report.
  'src/extension/usageReports.ts': 'lazy/usage-reports',
};

/** `./x.js` / `../x.js`: the chunk `dist/<chunk>.js` as seen from a bundle in `dist/<fromDir>`. */
function chunkPath(fromDir, chunk) {
  const rel = path.posix.relative(fromDir, chunk);
  return `${rel.startsWith('.') ? '' : './'}${rel}.js`;
}

/** The SDK chunks, for a bundle written to `dist/<fromDir>`. */
function sdkChunks(fromDir) {
  const chunks = { ...SDK_CHUNKS, ...CHUNK_ALIASES };
  const filter = new RegExp(`^(${Object.keys(chunks).map((k) => k.replace(/[/.-]/g, '\\$&')).join('|')})$`);
  return { name: 'sdk-chunks', setup: (build) => build.onResolve({ filter }, (args) => ({ path: chunkPath(fromDir, `sdk/${chunks[args.path]}`), external: true })) };
}

/** LAZY_MODULES, for a bundle written to `dist/<fromDir>`. */
function lazyModules(fromDir) {
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const base = path.relative(process.cwd(), path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
        const file = [base, `${base}.ts`].find((f) => f in LAZY_MODULES);
        if (!file) return undefined;
        if (args.kind === 'require-call' || args.kind === 'dynamic-import') return { path: chunkPath(fromDir, LAZY_MODULES[file]), external: true };
        return { errors: [{ text: `${args.importer} imports ${file} statically; it loads on first use (require it inside a function), as dist/${LAZY_MODULES[file]}.js` }] };
      });
    },
  };
}

/**
 * `vscode` as the bundles import it. esbuild turns each module's `import * as vscode from 'vscode'`
 * into `__toESM(require('vscode'))`, which copies every property of VS Code's API object (several
 * hundred) into a new namespace object — once per importing module, 21 of them at activation,
 * about 9 ms of the extension host's time in a profile. Marking the API object as an ES module
 * (a view whose prototype is the API object, with `__esModule` set) makes that interop read the
 * API through the prototype instead: the same objects, no copies.
 * @type {esbuild.Plugin}
 */
const vscodeApi = {
  name: 'vscode-api',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
      contents: "module.exports = Object.create(require('vscode'), { __esModule: { value: true } });",
      loader: 'js',
    }));
  },
};

/** @type {esbuild.Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    // Only the watch task's problem matcher reads these lines; a one-off build stays quiet
    // (esbuild itself reports errors at logLevel 'warning').
    if (!watch) return;
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // Turn `await import(...)` into a deferred require(): Node's ESM loader cannot see the named
  // exports of esbuild's CJS chunks, require() can.
  supported: { 'dynamic-import': false },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...nodeCommon,
    // boot.js is package.json's main: it loads extension.js through V8's code cache (codeCache.ts).
    entryPoints: { boot: 'src/extension/boot.ts', extension: 'src/extension/extension.ts' },
    outdir: OUT,
    plugins: [vscodeApi, lazyModules('.'), sdkChunks('.'), problemMatcher],
  },
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: OUT,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyModules('.'), sdkChunks('.'), problemMatcher],
  },
  // One chunk per lazy module, with the SDK chunks and other lazy modules as siblings.
  ...Object.entries(LAZY_MODULES).map(([entry, chunk]) => ({
    ...nodeCommon,
    entryPoints: { [chunk]: entry },
    outdir: OUT,
    plugins: [vscodeApi, lazyModules(path.posix.dirname(chunk)), sdkChunks(path.posix.dirname(chunk)), problemMatcher],
  })),
  {
    ...nodeCommon,
    // Each chunk re-exports one SDK; they share nothing, which costs some bytes on disk but
    // keeps each load independent.
    entryPoints: Object.fromEntries(Object.entries(SDK_CHUNKS).map(([_pkg, name]) => [`sdk/${name}`, `scripts/sdk-chunks/${name}.ts`])),
    outdir: OUT,
  },
];

// Webviews (browser bundles) are added once they exist.
for (const [name, entry] of [
  ['webview/chat', 'webview-ui/src/chat/main.ts'],
  ['webview/dashboard', 'webview-ui/src/dashboard/main.ts'],
]) {
  if (existsSync(entry)) {
    builds.push({
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'esm',
      entryPoints: { [name]: entry },
      outdir: OUT,
      sourcemap: !production,
      minify: production,
      logLevel: 'warning',
      loader: { '.css': 'text', '.ttf': 'file' },
      plugins: [problemMatcher],
    });
  }
}

// Codicons for the webviews: shipped as files next to the bundles and linked through
// asWebviewUri (the font must come from the webview's own origin under the CSP).
if (existsSync('webview-ui/src/chat/main.ts')) {
  mkdirSync(`${OUT}/webview`, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `${OUT}/webview/${file}`);
}

const filtered = builds.filter((b) => Object.values(b.entryPoints).every((e) => existsSync(e)));

if (watch) {
  const contexts = await Promise.all(filtered.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(filtered.map((b) => esbuild.build({ ...b, metafile: metafile && b.platform === 'node' })));
  if (metafile) {
    filtered.forEach((b, i) => {
      if (b.platform === 'node') for (const name of Object.keys(b.entryPoints)) writeFileSync(path.join(OUT, `${name}.meta.json`), JSON.stringify(results[i].metafile));
    });
  }
}
