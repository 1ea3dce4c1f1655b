// package.json `contributes.configuration` as the Settings editor and settings.json show it:
// categories, descriptions whose links work in the editor and read cleanly in a settings.json hover,
// the Bedrock region as choices computed from core's data, machine scope for what redirects credentials.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionChoices } from '../../../src/extension/settings/regionChoices';
import { CREDENTIAL_REDIRECTING_KEYS } from '../../../src/extension/settings/settingsTable';

interface Prop { type: unknown; default?: unknown; scope?: string; enum?: unknown[]; enumDescriptions?: string[]; markdownEnumDescriptions?: string[]; markdownDescription?: string; description?: string }
interface Category { id?: string; title?: string; order?: number; properties: Record<string, Prop> }
const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: Category[] } };
const categories = pkg.contributes.configuration;
const props = new Map<string, Prop>(categories.flatMap((c) => Object.entries(c.properties)));

describe('contributed settings (package.json) as the Settings editor and settings.json show them', () => {
  it('come in titled categories (General, Anthropic, Bedrock, …), each id a prefix of its keys so titles carry no repeated category', () => {
    assert.deepEqual(categories.map((c) => c.title), ['General', 'Anthropic', 'Bedrock', 'Failover', 'Timeouts', 'Budget & Prices', 'Cache', 'History']);
    assert.deepEqual(categories.map((c) => c.order), categories.map((_, i) => i));
    for (const c of categories) {
      assert.ok(c.id?.startsWith('switchboard'), `${c.title}: no id`);
      // VS Code strips the category id from a key's middle segments (settingKeyToDisplayFormat), so
      // "switchboard.modelProvider.bedrock.endpoint" under Bedrock reads "Endpoint".
      assert.ok(Object.keys(c.properties).some((k) => k.startsWith(`${c.id}.`)), `${c.title}: its id prefixes none of its keys`);
    }
  });

  it('every setting has a markdown description for the Settings editor and a plain one, with no raw #setting# syntax for a settings.json hover', () => {
    for (const [key, p] of props) {
      assert.ok(p.markdownDescription && p.description, `${key}: both descriptions`);
      // `#key#` renders as a link in the Settings editor only; settings.json hovers show it raw.
      assert.doesNotMatch(p.markdownDescription, /`#[^`]*#`|'#[^']*#'/, `${key}: raw link syntax`);
      assert.doesNotMatch(p.description, /\*\*|`|\]\(|#switchboard\./, `${key}: markdown in the plain description`);
      for (const [, target] of p.markdownDescription.matchAll(/\]\(#([\w.]+)\)/g)) assert.ok(props.has(target!), `${key}: links to ${target}, which is no setting`);
      for (const d of p.enumDescriptions ?? []) assert.doesNotMatch(d, /\*\*|`/, `${key}: markdown in a plain enum description`);
    }
  });

  it('the Bedrock region is a choice of the regions where Bedrock serves Claude, each saying which inference profile it gives', () => {
    const region = props.get('switchboard.modelProvider.bedrock.awsRegion')!;
    const choices = regionChoices();
    assert.deepEqual(region.enum, choices.map((c) => c.region), 'package.json is out of date with src/extension/settings/regionChoices.ts');
    assert.deepEqual(region.enumDescriptions, choices.map((c) => c.description));
    assert.ok(region.enum!.includes(region.default as string), 'the default is not a choice');
    // Opus 5.5 has no eu. profile in the sources (catalogClaude5.ts): Ireland sends it to global.
    assert.equal(region.enumDescriptions![region.enum!.indexOf('eu-west-1')], 'Europe (Ireland): global. profiles for opus; eu. profiles for sonnet, haiku');
    assert.equal(region.enumDescriptions![region.enum!.indexOf('ap-south-1')], 'Asia Pacific (Mumbai): global. profiles for opus, haiku; apac. profiles for sonnet');
    assert.match(region.enumDescriptions![region.enum!.indexOf('us-gov-west-1')]!, /^AWS GovCloud \(US-West\): us-gov\. profiles for sonnet; the in-region base ID for /);
  });

  it('what redirects credentials is machine-scoped (no workspace can set it) and says where to set it in a remote window', () => {
    for (const key of CREDENTIAL_REDIRECTING_KEYS) {
      const p = props.get(`switchboard.${key}`)!;
      assert.equal(p.scope, 'machine', key);
      assert.match(p.markdownDescription!, /In a remote window .* set it under \*\*Remote\*\* settings/, key);
    }
  });
});
