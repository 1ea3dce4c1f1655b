import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORM_FIELDS, FORM_GROUPS, FORM_KEYS, formFields } from '../../../../src/extension/dashboard/configureForm';
import { SETTINGS } from '../../../../src/extension/settings/settingsTable';

const PACKAGE = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { configuration: Array<{ properties: Record<string, { enum?: unknown[] }> }> } };
const contributed = new Map(PACKAGE.contributes.configuration.flatMap((c) => Object.entries(c.properties)));

describe('dashboard form: which fields, when', () => {
  it('every field is a contributed setting, in a known group; a select field has its options in package.json', () => {
    for (const f of FORM_FIELDS) {
      assert.ok(SETTINGS[f.key], f.key);
      assert.ok(contributed.has(`switchboard.${f.key}`), `${f.key} is not contributed`);
      assert.ok(FORM_GROUPS.some((g) => g.id === f.group), f.key);
      if (f.control === 'select' && !f.resolverOptions) assert.ok(contributed.get(`switchboard.${f.key}`)?.enum, `${f.key} has no enum`);
    }
    assert.ok(FORM_KEYS.has('modelProvider.modelMapping'));
  });

  it("Bedrock's fields follow the auth method: profile, access keys, assume role and API key each show what they need", () => {
    const keys = (method: Parameters<typeof formFields>[0]): string[] => {
      const f = formFields(method);
      return [...f.fields.filter((x) => x.group === 'bedrock').map((x) => x.key), ...f.secrets.filter((s) => s.group === 'bedrock').map((s) => s.id)];
    };
    const profile = keys('profile');
    assert.ok(profile.includes('modelProvider.bedrock.awsProfile'));
    assert.ok(!profile.includes('modelProvider.bedrock.roleArn') && !profile.includes('awsAccessKeys') && !profile.includes('bedrockApiKey'));
    const keysOnly = keys('accessKeys');
    assert.ok(keysOnly.includes('awsAccessKeys') && !keysOnly.includes('modelProvider.bedrock.awsProfile'));
    const role = keys('assumeRole');
    for (const k of ['modelProvider.bedrock.roleArn', 'modelProvider.bedrock.externalId', 'modelProvider.bedrock.awsProfile', 'awsAccessKeys']) assert.ok(role.includes(k), `assumeRole lacks ${k}`);
    const apiKey = keys('apiKey');
    assert.ok(apiKey.includes('bedrockApiKey') && !apiKey.includes('modelProvider.bedrock.awsProfile') && !apiKey.includes('awsAccessKeys'));
    for (const method of ['auto', 'profile', 'accessKeys', 'assumeRole', 'apiKey'] as const) {
      assert.ok(keys(method).includes('modelProvider.bedrock.awsRegion'), `${method}: no region`);
      assert.ok(keys(method).includes('modelProvider.bedrock.authMethod'));
    }
  });
});
