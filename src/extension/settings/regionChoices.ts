// The Bedrock region setting's choices (package.json `enum` + `enumDescriptions`), computed from
// core's data so they cannot drift: the regions where Bedrock serves Claude (src/core/models/regions)
// and, per region, the inference profile each current model gets there (src/core/models/profileChoice,
// the same choice a request makes). A unit test holds package.json to this. No vscode import.
import { MODEL_CATALOG } from '../../core/models/catalog';
import { chooseProfilePrefix } from '../../core/models/profileChoice';
import { bedrockRegions } from '../../core/models/regions';

/** AWS's names for the regions (AWS "Regions and Availability Zones", read 2026-12-07). */
const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)', 'us-east-2': 'US East (Ohio)', 'us-west-1': 'US West (N. California)', 'us-west-2': 'US West (Oregon)',
  'us-gov-west-1': 'AWS GovCloud (US-West)', 'us-gov-east-1': 'AWS GovCloud (US-East)',
  'ca-central-1': 'Canada (Central)', 'mx-central-1': 'Mexico (Central)', 'sa-east-1': 'South America (São Paulo)',
  'eu-west-1': 'Europe (Ireland)', 'eu-west-2': 'Europe (London)', 'eu-west-3': 'Europe (Paris)', 'eu-central-1': 'Europe (Frankfurt)',
  'eu-central-2': 'Europe (Zurich)', 'eu-north-1': 'Europe (Stockholm)', 'eu-south-1': 'Europe (Milan)', 'eu-south-2': 'Europe (Spain)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)', 'ap-northeast-2': 'Asia Pacific (Seoul)', 'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-southeast-1': 'Asia Pacific (Singapore)', 'ap-southeast-2': 'Asia Pacific (Sydney)', 'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'ap-southeast-4': 'Asia Pacific (Melbourne)', 'ap-southeast-5': 'Asia Pacific (Malaysia)', 'ap-southeast-7': 'Asia Pacific (Thailand)',
  'ap-south-1': 'Asia Pacific (Mumbai)', 'ap-south-2': 'Asia Pacific (Hyderabad)', 'ap-east-2': 'Asia Pacific (Taipei)',
  'me-central-1': 'Middle East (UAE)', 'me-south-1': 'Middle East (Bahrain)', 'il-central-1': 'Israel (Tel Aviv)', 'af-south-1': 'Africa (Cape Town)',
};

export interface RegionChoice {
  region: string;
  /** "Europe (Ireland): eu. profiles" / "…: global. for opus, sonnet; base ID for haiku". */
  description: string;
}

/** The newest model of each tier (the one that owns `opus`, `sonnet`, `haiku`). */
const CURRENT = MODEL_CATALOG.filter((m) => m.family === 'anthropic' && m.aliases.length > 0);

function profileWords(prefix: string | undefined): string {
  return prefix ? `${prefix}. profiles` : 'the in-region base ID';
}

export function regionChoices(): RegionChoice[] {
  return bedrockRegions().map((region) => {
    const byProfile = new Map<string, string[]>();
    for (const m of CURRENT) {
      const words = profileWords(chooseProfilePrefix(m, region, false, { kind: 'none' }).prefix);
      byProfile.set(words, [...(byProfile.get(words) ?? []), m.aliases[0]!]);
    }
    const name = REGION_NAMES[region] ?? region;
    // Profiles first: "us-gov. profiles for sonnet; the in-region base ID for opus, haiku".
    const groups = [...byProfile.entries()].sort(([a], [b]) => Number(a.startsWith('the')) - Number(b.startsWith('the')));
    const profiles = groups.length === 1 ? groups[0]![0] : groups.map(([words, models]) => `${words} for ${models.join(', ')}`).join('; ');
    return { region, description: `${name}: ${profiles}` };
  });
}
