// One "start" of a bundle through requireWithCodeCache, in its own process as each VS Code start
// is (V8 consumes a code cache only when it compiles the script; a second compile in the same
// process would be served from V8's in-memory cache instead):
//   node -r tsx/cjs codeCacheStart.ts <bundle.js> <cache dir>
// Prints one JSON line: the cache status, what the bundle's answer() returned, and whether save()
// wrote the cache (and the warning it gave, if any).
import { requireWithCodeCache } from '../../../../src/extension/codeCache';

const warnings: string[] = [];
const loaded = requireWithCodeCache(process.argv[2]!, process.argv[3]!, (message) => warnings.push(message));
const answer = (loaded.exports as { answer(): unknown }).answer();
const saved = loaded.save();
console.log(JSON.stringify({ status: loaded.status, answer, saved, warnings, cacheFile: loaded.cacheFile }));
