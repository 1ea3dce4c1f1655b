// The README.md the sandbox puts in its workspace and opens first (workbench.startupEditor
// "readme"): it says the providers are local emulators, before anyone asks a question.
import type { LocalEmulators } from './localEmulators';

export const SANDBOX_README_TITLE = 'Switchboard sandbox: the providers here are local emulators';

export function sandboxReadme(emulators: LocalEmulators): string {
  const { anthropic, bedrock, sts, sso } = emulators;
  const rows = [
    anthropic && `| Anthropic Messages API | ${anthropic.url} | API key \`${anthropic.apiKey}\` |`,
    bedrock && `| Amazon Bedrock Runtime | ${bedrock.url} | access key \`${bedrock.accessKeyId}\`, region ${bedrock.region} |`,
    sts && `| AWS STS | ${sts.url} | answers \`${sts.callerArn}\` |`,
    sso && `| AWS IAM Identity Center (SSO) | ${sso.url} | — |`,
  ].filter(Boolean);
  return [
    `# ${SANDBOX_README_TITLE}`,
    '',
    'This VS Code runs the real Switchboard extension, but **the Anthropic API and Amazon Bedrock behind it are',
    'emulators on this machine**, started by `npm run sandbox` with fake test keys. No account is used, and',
    "Switchboard's requests (the AWS identity and sign-in calls included) all stay on this machine. The answers",
    'are canned demo answers chosen from your question; the first line of each one says which emulator wrote it.',
    '',
    '## Try it',
    '',
    '1. Open the chat: the Switchboard icon in the activity bar, or F1 → **Switchboard: Open Chat**.',
    '2. Ask *"How do I write a debounce function in TypeScript?"* for code, *"Anthropic API vs Bedrock?"* for a',
    '   table, anything else for an overview. The footer shows the model, tokens, cost and time.',
    '3. F1 → **Switchboard: Switch Provider** → *Bedrock*, then **Switchboard: Test Connection**: **Show Details**',
    `   on its notice shows the caller ARN${sts ? ` \`${sts.callerArn}\`` : ''} from the STS emulator.`,
    '4. Set **Switchboard: Thinking Budget** to `2048` to see the thinking before each answer.',
    '5. F1 → **Switchboard: Open Dashboard** for spend, tokens and provider health.',
    '',
    '## What runs where',
    '',
    '| Service | Local URL | Test identity |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'The emulator URLs are machine settings: see the **Remote** tab of the Settings editor',
    '(`switchboard.modelProvider.anthropic.baseUrl`, `switchboard.modelProvider.bedrock.endpoint`).',
    `The AWS profile \`sandbox\` has the test keys${sts ? `, and role \`${sts.roleArn}\` can be assumed` : ''}.`,
    'Stop the sandbox with Ctrl-C in the terminal that started it.',
    '',
  ].join('\n');
}
