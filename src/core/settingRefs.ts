import type { SettingRef } from './errors';
import { FIELDS, fieldPath } from './config/schema';
import type { ConfigKey } from './config/schema';

/**
 * The settings error hints and fix actions point at, as data (id + label) so a UI renders a
 * link and text shows the label, never a raw id. Ids of configuration fields come from the
 * schema (one source of truth); the labels are what a person reads.
 */
const LABELS: Partial<Record<ConfigKey, string>> = {
  provider: 'Provider',
  'anthropic.apiKeyEnv': 'Anthropic API Key Variable',
  'anthropic.baseUrl': 'Anthropic Base URL',
  'bedrock.awsRegion': 'AWS Region',
  'bedrock.awsProfile': 'AWS Profile',
  'bedrock.authMethod': 'Bedrock Auth Method',
  'bedrock.inferenceProfile': 'Bedrock Inference Profile',
  'bedrock.endpoint': 'Bedrock Endpoint',
  modelMapping: 'Model Mapping',
  fallbackProvider: 'Fallback Provider',
  model: 'Model',
  maxOutputTokens: 'Max Output Tokens',
  thinkingBudget: 'Thinking Budget',
};

export function settingRef(key: ConfigKey): SettingRef {
  const field = FIELDS.find((f) => f.key === key);
  if (!field) throw new Error(`no such setting key: ${key}`);
  return { id: fieldPath(field, 'settings'), label: LABELS[key] ?? key };
}

/** Budget settings live outside the provider schema (usage/budget reads them). */
export const BUDGET_SETTINGS: { monthlyUsd: SettingRef; hardStop: SettingRef } = {
  monthlyUsd: { id: 'switchboard.budget.monthlyUsd', label: 'Monthly Budget (USD)' },
  hardStop: { id: 'switchboard.budget.hardStop', label: 'Budget Hard Stop' },
};
