// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_VSCODE = { name: 'vscode', message: 'Only src/extension may import vscode; core, presenters, shared and the CLI run without the editor.' };
const SDK_ONLY_IN_PROVIDERS = { group: ['@anthropic-ai/*', '@aws-sdk/*', '@smithy/*', '@aws-crypto/*'], message: 'SDK imports live only in src/core/providers/ and src/core/auth/.' };
const ONE_ROOT = { group: ['**/core/client', '**/core/engine/engine', '**/core/providerFactory'], message: 'Surfaces get their engine from createSwitchboard (src/core/engine/createSwitchboard.ts) and nothing else.' };
const CORE_STAYS_BELOW = { group: ['**/presenters/**', '**/extension/**', '**/cli/**', '**/cli'], message: 'src/core must not import a surface or the presenters.' };

const ONE_VOCABULARY = [
  { selector: "TSUnionType[types.length>=2]:has(TSLiteralType Literal[value='anthropic']):has(TSLiteralType Literal[value='bedrock'])", message: 'Use ProviderId from src/shared/providers.ts.' },
  { selector: "TSUnionType:has(TSLiteralType Literal[value='degraded']):has(TSLiteralType Literal[value='down'])", message: 'Use HealthStatus from src/shared/providers.ts.' },
];

// eslint-disable-next-line no-restricted-exports -- eslint requires a default export
export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.test-output/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  // The layers (README "Architecture"): shared ← core ← presenters ← extension / cli.
  // `no-restricted-imports` does not merge across config objects, so each layer lists its whole set.
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/providers/**', 'src/core/auth/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [SDK_ONLY_IN_PROVIDERS, CORE_STAYS_BELOW] }] },
  },
  {
    // Only providers/ and auth/ may load an SDK (and they do it lazily, off the activation path).
    files: ['src/core/providers/**/*.ts', 'src/core/auth/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [CORE_STAYS_BELOW] }] },
  },
  {
    files: ['src/presenters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [SDK_ONLY_IN_PROVIDERS, { group: ['**/extension/**', '**/cli/**', '**/cli'], message: 'Presenters are used by every surface; they must not import one.' }] }] },
  },
  {
    files: ['src/cli/**/*.ts', 'src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [SDK_ONLY_IN_PROVIDERS, ONE_ROOT, { group: ['**/extension/**'], message: 'The CLI must not import the extension.' }] }] },
  },
  {
    // src/shared is compiled by the webview tsconfig too: it is the leaf every layer imports.
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [SDK_ONLY_IN_PROVIDERS, { group: ['**/core/**', '**/presenters/**', '**/extension/**', '**/cli/**'], message: 'src/shared imports nothing from the other layers (they import it).' }] }] },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SDK_ONLY_IN_PROVIDERS, ONE_ROOT] }] },
  },
  {
    // One home for the provider vocabulary (src/shared/providers.ts): no second declaration.
    files: ['src/**/*.ts', 'webview-ui/src/**/*.ts'],
    ignores: ['src/shared/providers.ts'],
    rules: { 'no-restricted-syntax': ['error', ...ONE_VOCABULARY] },
  },
  {
    // One wrapper and one listener for settings (src/extension/settings/settings.ts).
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/settings/settings.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...ONE_VOCABULARY,
        { selector: "MemberExpression[property.name='getConfiguration']", message: 'Read settings through Settings (src/extension/settings/settings.ts).' },
        { selector: "MemberExpression[property.name='onDidChangeConfiguration']", message: 'Listen to Settings.onDidChange (one configuration listener).' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
