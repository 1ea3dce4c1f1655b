// One "start" of a bundle through the code cache, in its own process as each VS Code start is (V8
// consumes a code cache only when it compiles the script; a second compile in the same process
// would be served from V8's in-memory cache instead):
//   node -r tsx/cjs codeCacheStart.ts <dist/bundle.js> <cache dir>
// The bundle is loaded as boot.ts loads dist/extension.js (its chunks under dist/ through the same
// cache, saved right after they load here); its answer() is called, then save(). Prints one JSON
// line: the entry's status, the answer, whether save() wrote (and any warnings), and every bundle's status.
import { dirname } from 'node:path';
import { CodeCacheLoader } from '../../../../src/extension/codeCache';

const warnings: string[] = [];
const loader = new CodeCacheLoader(dirname(process.argv[2]!), process.argv[3]!, (message) => warnings.push(message), 0);
const loaded = loader.load(process.argv[2]!);
const answer = (loaded.exports as { answer(): unknown }).answer();
const saved = loaded.save();
// The chunks' saves were scheduled after 0 ms (unref'd timers): let them run.
setTimeout(() => console.log(JSON.stringify({ status: loaded.status, answer, saved, warnings, cacheFile: loaded.cacheFile, bundles: Object.fromEntries(loader.statuses) })), 50);
