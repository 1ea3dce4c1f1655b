import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded on first use: it is ~110 KB minified and only YAML import / export and
 * config files need it, so activation must not pay for it (esbuild maps it to dist/sdk/yaml.js).
 */
export function yamlLib(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load
  return (lib ??= require('yaml') as typeof Yaml);
}
