// Compiles the in-host suites (test/vscode/suite/**/*.ts) to out/test/vscode/suite/ for VS Code's
// extension host: one CommonJS file per source file, same layout. Code from src/ and test/emulators/
// is bundled in; files inside the suite folder stay separate modules (so shared helpers are one
// instance), and node_modules packages (mocha, SDKs) are required at run time, as is `vscode`.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const suiteDir = resolve('test/vscode/suite');
const outDir = resolve('out/test/vscode/suite');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** @type {esbuild.Plugin} */
const keepSuiteModulesSeparate = {
  name: 'keep-suite-modules-separate',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point' || !args.importer.startsWith(suiteDir + sep)) return undefined;
      const target = resolve(dirname(args.importer), args.path);
      if (!target.startsWith(suiteDir + sep)) return undefined;
      // Compiled layout mirrors the source layout, so the relative specifier stays valid.
      return { path: args.path.replace(/\.ts$/, ''), external: true };
    });
  },
};

const entryPoints = sources(suiteDir);
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outbase: suiteDir,
  outdir: outDir,
  bundle: true,
  packages: 'external',
  external: ['vscode'],
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [keepSuiteModulesSeparate],
});
console.log(`build-tests: ${entryPoints.length} file(s) → ${relative(process.cwd(), outDir)}`);
