// What the Configure tab shows, as data: the groups, and per field its setting (typed against the
// settings table, so a renamed key fails to compile here), its label and control, and when it
// applies (Bedrock's fields follow the auth method). Options and defaults come from package.json at
// run time; validation from core. No vscode import: the table and `formFields` are unit-tested.
import type { BedrockAuthSetting, SettingKey } from '../settings/settingsTable';
import type { FieldControl, SecretCommandTarget } from '../../shared/dashboard/configure';
import type { ProviderId } from '../../shared/providers';

/** A group per provider (its id), plus routing, budget and limits. */
export type FormGroupId = 'routing' | ProviderId | 'budget' | 'limits';

export interface FormGroup { id: FormGroupId; title: string; description?: string }

export interface FormField {
  key: SettingKey;
  group: FormGroupId;
  label: string;
  control: FieldControl;
  help?: string;
  /** `region`: each option says which inference profile the default model gets there (from the resolver). */
  resolverOptions?: 'region';
  /** The Bedrock auth methods the field matters for (absent: always). */
  authMethods?: readonly BedrockAuthSetting[];
}

export interface FormSecret {
  id: SecretCommandTarget;
  group: FormGroupId;
  label: string;
  authMethods?: readonly BedrockAuthSetting[];
}

export const FORM_GROUPS: readonly FormGroup[] = [
  { id: 'routing', title: 'Routing', description: 'Which provider answers, with which model, and what happens when it fails.' },
  { id: 'anthropic', title: 'Anthropic', description: 'The Anthropic API: the key and where requests go.' },
  { id: 'bedrock', title: 'Amazon Bedrock', description: 'How Switchboard signs in to AWS, and the region requests go to. The fields follow the auth method.' },
  { id: 'budget', title: 'Budget', description: 'A monthly budget for every request made through Switchboard (the CLI included).' },
  { id: 'limits', title: 'Output and deadlines', description: 'Per-request limits. A deadline of 0 turns it off.' },
];

const PROFILE_METHODS: readonly BedrockAuthSetting[] = ['auto', 'profile', 'assumeRole'];

export const FORM_FIELDS: readonly FormField[] = [
  { key: 'modelProvider.type', group: 'routing', label: 'Primary provider', control: 'select' },
  { key: 'model', group: 'routing', label: 'Default model', control: 'text', help: 'A logical name (sonnet, haiku, opus, or one of your mapping) or a provider model ID used as given.' },
  { key: 'modelProvider.fallbackProvider', group: 'routing', label: 'Fallback provider', control: 'select' },
  { key: 'modelProvider.autoFallback', group: 'routing', label: 'Fail over automatically', control: 'checkbox', help: 'When the primary is throttled, down or too slow, send the request to the fallback with the same logical model.' },
  { key: 'modelProvider.anthropic.apiKeyEnv', group: 'anthropic', label: 'API key variable', control: 'text', help: 'The NAME of the environment variable holding the key (never the key itself).' },
  { key: 'modelProvider.anthropic.baseUrl', group: 'anthropic', label: 'Base URL', control: 'text', help: 'Empty: https://api.anthropic.com. A proxy or gateway receives your key.' },
  { key: 'modelProvider.bedrock.authMethod', group: 'bedrock', label: 'Auth method', control: 'select' },
  { key: 'modelProvider.bedrock.awsRegion', group: 'bedrock', label: 'Region', control: 'select', resolverOptions: 'region' },
  { key: 'modelProvider.bedrock.awsProfile', group: 'bedrock', label: 'AWS profile', control: 'text', authMethods: PROFILE_METHODS, help: 'A profile in ~/.aws/config (SSO, credential_process and role profiles work). With "assume role" it supplies the credentials that assume the role.' },
  { key: 'modelProvider.bedrock.roleArn', group: 'bedrock', label: 'Role ARN', control: 'text', authMethods: ['assumeRole'], help: 'arn:aws:iam::123456789012:role/NAME' },
  { key: 'modelProvider.bedrock.externalId', group: 'bedrock', label: 'External ID', control: 'text', authMethods: ['assumeRole'], help: 'Only when the role\'s trust policy asks for one.' },
  { key: 'modelProvider.bedrock.inferenceProfile', group: 'bedrock', label: 'Inference profile', control: 'text', help: 'Empty: chosen per model and region (geo, else global, else in-region). Or a prefix (us, eu, apac, jp, au, ca, sa, us-gov, global, none), a profile ID or an ARN.' },
  { key: 'modelProvider.bedrock.endpoint', group: 'bedrock', label: 'Endpoint', control: 'text', help: 'Empty: the region\'s public Bedrock endpoint. A VPC endpoint or proxy receives your credentials.' },
  { key: 'modelProvider.bedrock.httpVersion', group: 'bedrock', label: 'HTTP version', control: 'select' },
  { key: 'budget.monthlyUsd', group: 'budget', label: 'Monthly budget (USD)', control: 'number', help: 'Empty or 0: no budget.' },
  { key: 'budget.alertThresholds', group: 'budget', label: 'Alert at (% of budget)', control: 'list', help: 'Comma-separated percentages, e.g. 50, 80, 100.' },
  { key: 'budget.hardStop', group: 'budget', label: 'Refuse requests over budget', control: 'checkbox', help: 'Allow One Request Over Budget lets a single request through.' },
  { key: 'maxOutputTokens', group: 'limits', label: 'Max output tokens', control: 'number' },
  { key: 'thinkingBudget', group: 'limits', label: 'Thinking budget (tokens)', control: 'number', help: '0: off; at least 1024 when on.' },
  { key: 'timeouts.firstTokenSeconds', group: 'limits', label: 'First token within (s)', control: 'number', help: 'A slower provider counts as slow: retried, or failed over at once when a fallback is set.' },
  { key: 'timeouts.idleSeconds', group: 'limits', label: 'Silence mid-answer (s)', control: 'number' },
  { key: 'timeouts.totalSeconds', group: 'limits', label: 'Whole request within (s)', control: 'number' },
];

export const FORM_SECRETS: readonly FormSecret[] = [
  { id: 'anthropicApiKey', group: 'anthropic', label: 'API key' },
  { id: 'awsAccessKeys', group: 'bedrock', label: 'AWS access keys', authMethods: ['accessKeys', 'assumeRole'] },
  { id: 'bedrockApiKey', group: 'bedrock', label: 'Bedrock API key', authMethods: ['apiKey'] },
];

/** The model mapping has its own editor in the form. */
export const MAPPING_KEY: SettingKey = 'modelProvider.modelMapping';

const applies = (methods: readonly BedrockAuthSetting[] | undefined, method: BedrockAuthSetting): boolean => !methods || methods.includes(method);

/** The fields and secrets that matter for the Bedrock auth method in effect (the others are hidden, not cleared). */
export function formFields(authMethod: BedrockAuthSetting): { fields: FormField[]; secrets: FormSecret[] } {
  return { fields: FORM_FIELDS.filter((f) => applies(f.authMethods, authMethod)), secrets: FORM_SECRETS.filter((s) => applies(s.authMethods, authMethod)) };
}

/** Every key the form may write (the mapping included); anything else the page sends is refused. */
export const FORM_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>([...FORM_FIELDS.map((f) => f.key), MAPPING_KEY]);
