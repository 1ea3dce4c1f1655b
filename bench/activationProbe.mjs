// Preloaded into the VS Code server by bench:activation (`node --import`; the extension host
// inherits it): times Switchboard's own part of what the "Running Extensions" figure counts — the
// host's require() of the entry point of the extension in $SWITCHBOARD_BENCH_PROBE_EXTENSION (the
// folder; other extensions' entry points are left alone) and the synchronous activate() call — for
// any build — and writes it to $SWITCHBOARD_BENCH_PROBE_DIR/<pid>.json. VS Code's figure runs from the
// moment the host starts loading a whole batch of extensions activated by the same event, so it
// also holds the loading of the extensions before Switchboard in that batch; this says which part
// is Switchboard's. Measurement only: nothing in the product reads it.
import Module from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dir = process.env.SWITCHBOARD_BENCH_PROBE_DIR;
const extension = process.env.SWITCHBOARD_BENCH_PROBE_EXTENSION;
const entry = extension && join(extension, JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8')).main);
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  if (!dir || !entry || join(request) !== entry) return load.call(this, request, parent, ...rest);
  const cpu = () => (process.threadCpuUsage ?? process.cpuUsage)();
  const t0 = performance.now();
  const c0 = cpu();
  const exports = load.call(this, request, parent, ...rest);
  const loadMs = performance.now() - t0;
  const c1 = cpu();
  return new Proxy(exports, {
    get(target, key) {
      if (key !== 'activate') return target[key];
      return (...args) => {
        const t1 = performance.now();
        const c2 = cpu();
        const result = target.activate(...args);
        const activateMs = performance.now() - t1;
        const c3 = cpu();
        // This thread's CPU time in the two parts (wall time also holds the moments the machine ran something else).
        const cpuMs = (c1.user - c0.user + c1.system - c0.system + c3.user - c2.user + c3.system - c2.system) / 1000;
        const codeCache = typeof target.codeCacheState === 'function' ? target.codeCacheState().status : 'none';
        writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ entry: request, loadMs, activateMs, cpuMs, codeCache }));
        return result;
      };
    },
  });
};
