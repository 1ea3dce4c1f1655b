// The `region` of one AWS profile, read from the shared files without the AWS SDK. Every engine
// resolves the Bedrock region when it is built — at activation too — and the SDK's file loader
// ships in the 392 KB credentials chunk; this is the one value needed then. The SDK still reads
// the files for everything else (credentials, profile kinds: awsConfigFiles.ts, bedrockAuth.ts).
//
// The rules are the SDK's region loader's (@smithy/core/config: loadSharedConfigFiles, parseIni,
// NODE_REGION_CONFIG_FILE_OPTIONS), and test/unit/auth/awsProfileRegion.test.ts checks each case
// against it: config file `[default]` / `[profile x]` (`[profile default]` wins over `[default]`),
// credentials file `[x]`, the credentials file's value winning; `;` / `#` comments; indented
// sub-properties (`s3 =` then `  region = …`) are not the profile's region; `[sso-session x]` and
// `[services x]` are not profiles; a region is not inherited through `source_profile`; a file that
// cannot be read (or names a `__proto__` profile) counts as empty.
import { readFile } from 'node:fs/promises';
import { awsConfigFilePaths } from './awsConfigFiles';

type Sections = Record<string, Record<string, string>>;

const SECTION_TYPES = ['profile', 'sso-session', 'services'];
const PREFIXED_SECTION = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const BLOCKED_SECTIONS = ['__proto__', 'profile __proto__'];

/** The SDK's INI reading: `[type name]` sections keyed `type.name`, sub-properties keyed `parent.key`. */
function parseIni(text: string): Sections {
  const sections: Sections = Object.create(null) as Sections;
  let section: string | undefined;
  let sub: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(^|\s)[;#]/)[0]!.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1);
      const prefixed = PREFIXED_SECTION.exec(name);
      section = prefixed ? (SECTION_TYPES.includes(prefixed[1]!) ? `${prefixed[1]}.${prefixed[3]}` : undefined) : name;
      sub = undefined;
      if (BLOCKED_SECTIONS.includes(name)) throw new Error(`Found invalid profile name "${name}"`);
      continue;
    }
    if (!section) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === '') {
      sub = key;
      continue;
    }
    if (sub && raw.trimStart() === raw) sub = undefined;
    (sections[section] ??= {})[sub ? `${sub}.${key}` : key] = value;
  }
  return sections;
}

/** The config file's profiles as the SDK keys them: `[profile x]` → `x`, over `[default]`. */
function configProfiles(sections: Sections): Sections {
  const profiles: Sections = Object.create(null) as Sections;
  if (sections.default) profiles.default = sections.default;
  for (const [name, values] of Object.entries(sections)) {
    const dot = name.indexOf('.');
    if (dot === -1 || !SECTION_TYPES.includes(name.slice(0, dot))) continue;
    profiles[name.slice(0, dot) === 'profile' ? name.slice(dot + 1) : name] = values;
  }
  return profiles;
}

async function readSections(file: string): Promise<Sections> {
  try {
    return parseIni(await readFile(file, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * `profile`'s `region` in the shared files of this environment (`AWS_CONFIG_FILE`,
 * `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/…`), or undefined; and the config file's path
 * (where the user looks). Never cached: the user may have just run `aws configure`.
 */
export async function readProfileRegion(env: NodeJS.ProcessEnv, profile: string): Promise<{ region: string | undefined; file: string }> {
  const paths = awsConfigFilePaths(env);
  const [config, credentials] = await Promise.all([readSections(paths.configFile).then(configProfiles), readSections(paths.credentialsFile)]);
  return { region: credentials[profile]?.region ?? config[profile]?.region, file: paths.configFile };
}
