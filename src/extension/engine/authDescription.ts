// "API key stored (…abcd)" / "from ANTHROPIC_API_KEY" / "profile dev": how each provider
// authenticates, for the status bar, Switch Provider and the dashboard. Never the secret.
import { chooseApiKey, chooseBedrockApiKey } from '../../core/auth/apiKeyChoice';
import type { ProviderId } from '../../shared/providers';
import { secretTail } from '../secretFormats';
import type { StoredSecrets } from '../secrets';
import type { ExtensionConfig } from './configView';

export function authDescription(provider: ProviderId, config: ExtensionConfig, secrets: StoredSecrets, env: NodeJS.ProcessEnv): string {
  // The key in use and its source: the decision the engine's provider makes with the same inputs
  // (core/auth/apiKeyChoice; the engine gets SecretStorage's values and this environment).
  if (provider === 'anthropic') {
    const key = chooseApiKey({ stored: secrets.anthropicApiKey, storedIn: 'SecretStorage', envVar: config.anthropic.apiKeyEnv.value, env });
    if (key.source === 'stored') return `API key stored (${secretTail(key.key!)})`;
    if (key.source === 'environment') return `API key from ${key.from}`;
    return 'no API key';
  }
  const b = config.bedrock;
  const method = b.useBedrockApiKey.value && b.authMethod.value === 'auto' ? 'apiKey' : b.authMethod.value;
  switch (method) {
    case 'apiKey':
    {
      const key = chooseBedrockApiKey(secrets.bedrockApiKey, env, 'SecretStorage');
      return key.source === 'stored' ? 'Bedrock API key stored' : key.source === 'environment' ? `Bedrock API key from ${key.from}` : 'no Bedrock API key';
    }
    case 'accessKeys':
      return secrets.awsAccessKeyId ? `access keys stored (${secrets.awsAccessKeyId.slice(0, 4)}${secretTail(secrets.awsAccessKeyId)})` : 'no access keys stored';
    case 'profile':
      return `profile ${b.profile.value ?? 'default'}`;
    case 'assumeRole':
      return `assume role ${b.roleArn.value ?? '(roleArn not set)'}`;
    default:
      return b.profile.value ? `default chain, profile ${b.profile.value}` : 'AWS default credential chain';
  }
}
