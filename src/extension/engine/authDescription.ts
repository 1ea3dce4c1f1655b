// "API key stored (…abcd)" / "from ANTHROPIC_API_KEY" / "profile dev": how each provider
// authenticates, for the status bar, Switch Provider and the dashboard. Never the secret.
import type { ProviderId } from '../../shared/providers';
import { secretTail } from '../secretFormats';
import type { StoredSecrets } from '../secrets';
import type { ExtensionConfig } from './configView';

export function authDescription(provider: ProviderId, config: ExtensionConfig, secrets: StoredSecrets, env: NodeJS.ProcessEnv): string {
  if (provider === 'anthropic') {
    const envVar = config.anthropic.apiKeyEnv.value;
    if (secrets.anthropicApiKey) return `API key stored (${secretTail(secrets.anthropicApiKey)})`;
    if (env[envVar]) return `API key from ${envVar}`;
    return 'no API key';
  }
  const b = config.bedrock;
  const method = b.useBedrockApiKey.value && b.authMethod.value === 'auto' ? 'apiKey' : b.authMethod.value;
  switch (method) {
    case 'apiKey':
      return secrets.bedrockApiKey ? 'Bedrock API key stored' : env.AWS_BEARER_TOKEN_BEDROCK ? 'Bedrock API key from AWS_BEARER_TOKEN_BEDROCK' : 'no Bedrock API key';
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
