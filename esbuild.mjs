// One build for everything: the extension host bundle, the CLI, the lazily loaded SDK chunks
// and the webviews. `--production` minifies; `--watch` rebuilds with a problem-matcher log.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The SDKs are big; activation must not pay for them. Core code loads them with
 * `await import('@anthropic-ai/sdk')` etc. In the extension / CLI bundles we rewrite those
 * imports to sibling chunk files (dist/sdk/*.js) that are only required on first use.
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

/** @type {esbuild.Plugin} */
const lazySdkChunks = {
  name: 'lazy-sdk-chunks',
  setup(build) {
    const chunks = { ...SDK_CHUNKS, ...CHUNK_ALIASES };
    const filter = new RegExp(`^(${Object.keys(chunks).map((k) => k.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./sdk/${chunks[args.path]}.js`, external: true }));
  },
};

/**
 * The provider layer (providers, auth, message conversion: ~100 KB) is needed only for the first
 * request, so it ships as dist/sdk/providers.js. core/engine/providerRegistry loads it on first use
 * with `require('../providerFactory')`; in the main bundles that require is of the chunk. A static
 * import would put the layer back into the bundle: refused here.
 * Errors carry a brand (core/errors.ts) because the chunk has its own copy of SwitchboardError.
 */
const PROVIDERS_CHUNK = './sdk/providers.js';
/** @type {esbuild.Plugin} */
const lazyProviders = {
  name: 'lazy-providers',
  setup(build) {
    build.onResolve({ filter: /(^|\/)providerFactory$/ }, (args) => {
      if (args.kind === 'require-call' || args.kind === 'dynamic-import') return { path: PROVIDERS_CHUNK, external: true };
      return { errors: [{ text: `${args.importer} imports providerFactory statically; only core/engine/providerRegistry may load it, on first use (it is the lazily loaded dist/sdk/providers.js)` }] };
    });
  },
};

/** Inside dist/sdk/providers.js the SDK chunks are siblings. */
/** @type {esbuild.Plugin} */
const siblingSdkChunks = {
  name: 'sibling-sdk-chunks',
  setup(build) {
    const chunks = { ...SDK_CHUNKS, ...CHUNK_ALIASES };
    const filter = new RegExp(`^(${Object.keys(chunks).map((k) => k.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./${chunks[args.path]}.js`, external: true }));
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
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [lazyProviders, lazySdkChunks, problemMatcher],
  },
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyProviders, lazySdkChunks, problemMatcher],
  },
  {
    ...nodeCommon,
    entryPoints: { 'sdk/providers': 'src/core/providerFactory.ts' },
    outdir: 'dist',
    plugins: [siblingSdkChunks, problemMatcher],
  },
  {
    ...nodeCommon,
    // Each chunk re-exports one SDK; they share nothing, which costs some bytes on disk but
    // keeps each load independent.
    entryPoints: Object.fromEntries(Object.entries(SDK_CHUNKS).map(([_pkg, name]) => [`sdk/${name}`, `scripts/sdk-chunks/${name}.ts`])),
    outdir: 'dist',
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
      outdir: 'dist',
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
  mkdirSync('dist/webview', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/webview/${file}`);
}

const filtered = builds.filter((b) => Object.values(b.entryPoints).every((e) => existsSync(e)));

if (watch) {
  const contexts = await Promise.all(filtered.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(filtered.map((b) => esbuild.build(b)));
}
