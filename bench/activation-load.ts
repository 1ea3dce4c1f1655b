// npm run bench:activation-load — the part of activation that is Switchboard's own code, measured
// in plain Node so a loaded machine moves it less: the production dist/extension.js required and
// activate() run up to its first await (what VS Code's "Running Extensions" figure counts), with a
// stand-in for the `vscode` module (bench/activationLoadChild.mjs says how). Reported as wall time
// and as the thread's CPU time, median and minimum over fresh processes; also the time until
// activate() resolves. bench:activation is the real-host figure; this one says where it goes.
//
// BENCH_BASELINE=/path/to/another/checkout (built with `node esbuild.mjs --production`) runs that
// build process for process, alternating with this one, and prints both and the difference.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/vscode/host/paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 41);
const BASELINE = process.env.BENCH_BASELINE;
const CHILD = join(__dirname, 'activationLoadChild.mjs');

interface Sample {
  requireMs: number;
  activateCallMs: number;
  cpuMs: number;
  resolvedMs: number;
  /** What the extension's code cache did (boot.ts codeCacheState; 'none' for a build without one). */
  codeCache: string;
}

function build(production: boolean): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`esbuild.mjs ${production ? '--production ' : ''}failed`);
}

function sample(dir: string, storage: string, prime = false): Sample {
  const r = spawnSync(process.execPath, [CHILD, dir, storage, ...(prime ? ['prime'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`activation child failed for ${dir}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Sample;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const f = (n: number): string => n.toFixed(2).padStart(7);

function summary(label: string, samples: Sample[]): { wall: number; cpu: number } {
  const wall = samples.map((s) => s.requireMs + s.activateCallMs);
  const cpu = samples.map((s) => s.cpuMs);
  console.log(`  ${label.padEnd(9)} require ${f(median(samples.map((s) => s.requireMs)))} ms + activate() to its first await ${f(median(samples.map((s) => s.activateCallMs)))} ms` +
    ` = ${f(median(wall))} ms (min ${f(Math.min(...wall))}); CPU ${f(median(cpu))} ms (min ${f(Math.min(...cpu))}); until activate() resolves ${f(median(samples.map((s) => s.resolvedMs)))} ms more;` +
    ` code cache: ${[...new Set(samples.map((s) => s.codeCache))].join(', ')}`);
  return { wall: median(wall), cpu: median(cpu) };
}

function main(): void {
  console.log('building the production bundles (esbuild.mjs --production)…');
  build(true);
  try {
    console.log(`\nrequire + activate() in plain Node with a vscode stand-in, ${RUNS} fresh processes each (medians)`);
    const storage = { mine: mkdtempSync(join(tmpdir(), 'sb-bench-storage-')), base: mkdtempSync(join(tmpdir(), 'sb-bench-storage-')) };
    const coldMine = sample(repoRoot, storage.mine, true);
    const coldBase = BASELINE ? sample(BASELINE, storage.base, true) : undefined;
    const mine: Sample[] = [];
    const base: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (BASELINE) base.push(sample(BASELINE, storage.base));
      mine.push(sample(repoRoot, storage.mine));
    }
    for (const dir of Object.values(storage)) rmSync(dir, { recursive: true, force: true });
    console.log('  first start (no code cache yet), one process each:');
    summary('this', [coldMine]);
    if (coldBase) summary('baseline', [coldBase]);
    console.log('  every later start (medians):');
    const m = summary('this', mine);
    if (BASELINE) {
      const b = summary('baseline', base);
      console.log(`  this build vs baseline: wall ${(m.wall - b.wall).toFixed(2)} ms (${(m.wall / b.wall).toFixed(2)}×), CPU ${(m.cpu - b.cpu).toFixed(2)} ms (${(m.cpu / b.cpu).toFixed(2)}×)`);
    }
  } finally {
    console.log('\nrestoring the development build (esbuild.mjs)…');
    build(false);
  }
}

main();
