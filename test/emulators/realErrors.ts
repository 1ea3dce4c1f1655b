import type { Fault } from './faults';

/**
 * Error texts the real services return, with the status and error type they come with and
 * where each was seen in public. The unit tests drive them through the real SDKs; in-host and
 * e2e tests can queue the same faults (`emu.faults.push(REAL.x.fault)`) to show the fix a
 * surface offers for a real failure.
 */
export interface RealError {
  /** Where the text was seen (issue thread, docs page). */
  source: string;
  fault: Extract<Fault, { kind: 'error' }>;
}

export const ANTHROPIC_REAL_ERRORS = {
  inputPlusMaxTokens: {
    source: 'continuedev/continue#6080 (also anthropics/claude-code#408, docker/docker-agent#569)',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'input length and `max_tokens` exceed context limit: 199759 + 8192 > 200000, decrease input length or `max_tokens` and try again' },
  },
  promptTooLong: {
    source: 'earendil-works/pi#102 (also stackblitz/bolt.new#1748)',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'prompt is too long: 219898 tokens > 200000 maximum' },
  },
  outputLimit: {
    source: 'ChatGPTNextWeb/NextChat#4964 (also anthropics/claude-code#11302)',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'max_tokens: 10000 > 4096, which is the maximum allowed number of output tokens for claude-3-5-sonnet-20240620' },
  },
  outputLimitClaude4: {
    source: 'Natively-AI-assistant/natively-cluely-ai-assistant#54 (also BerriAI/litellm#15715, quoting RooCodeInc/Roo-Code#8454: "max_tokens: 200000 > 64000, …")',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'max_tokens: 65536 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929' },
  },
  cacheTtlOrder: {
    source: 'cnighswonger/claude-code-cache-fix#44 (also headroomlabs-ai/headroom#2939, vellum-ai/vellum-assistant#22191)',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: "messages.0.content.4.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`." },
  },
  creditBalance: {
    source: 'anthropics/claude-quickstarts#229 (also anthropics/claude-code#4208, #34521)',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' },
  },
  spendLimit: {
    source: 'anthropics/claude-code#2127 (also #38035, #38038)',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'You have reached your specified API usage limits. You will regain access on 2025-07-01 at 00:00 UTC.' },
  },
  organizationDisabled: {
    source: 'anthropics/claude-code#19028 (also #72457, CherryHQ/cherry-studio#3340)',
    fault: { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'This organization has been disabled.' },
  },
  invalidKey: {
    source: 'cline/cline#12',
    fault: { kind: 'error', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' },
  },
  permissionDenied: {
    source: 'anthropics/claude-code#17848 (also #51610)',
    fault: { kind: 'error', status: 403, errorType: 'permission_error', message: 'Permission denied' },
  },
  modelNotFound: {
    source: 'mattermost/mattermost-plugin-agents#257 (also anthropics/claude-code#5349)',
    fault: { kind: 'error', status: 404, errorType: 'not_found_error', message: 'model: claude-3-5-sonnet-20241022 ' },
  },
  pathNotFound: {
    source: 'danielmiessler/Fabric#1140 (a base URL that does not serve /v1/messages)',
    fault: { kind: 'error', status: 404, errorType: 'not_found_error', message: 'Not Found' },
  },
  rateLimit: {
    source: 'continuedev/continue#9623 (also OpenHands/OpenHands#9259)',
    fault: { kind: 'error', status: 429, errorType: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization (c26fc127-ba09-49d3-a086-a2f26380d5e7) of 30,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.' },
  },
  overloaded: {
    source: 'anthropics/anthropic-sdk-typescript#616 (also anthropics/claude-code#5184)',
    fault: { kind: 'error', status: 529, errorType: 'overloaded_error', message: 'Overloaded' },
  },
  apiError: {
    source: 'docs.claude.com/en/api/errors (500 api_error)',
    fault: { kind: 'error', status: 500, errorType: 'api_error', message: 'Internal server error' },
  },
  requestTooLarge: {
    source: 'docs.claude.com/en/api/errors (413 request_too_large, returned by Cloudflare)',
    fault: { kind: 'error', status: 413, errorType: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  },
} satisfies Record<string, RealError>;

export const BEDROCK_REAL_ERRORS = {
  noModelAccess: {
    source: 'andrewyng/aisuite#174 (also anthropics/claude-code#536, langgenius/dify#2829)',
    fault: { kind: 'error', status: 403, errorType: 'AccessDeniedException', message: "You don't have access to the model with the specified model ID." },
  },
  iamNoPolicy: {
    source: 'zed-industries/zed#53960 (also aws-devtools-labs/aws-blocks#562)',
    fault: { kind: 'error', status: 403, errorType: 'AccessDeniedException', message: 'User: arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AICodeAssistant_3a1fed7730df2791/user@place.com is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:eu-central-1:111122223333:inference-profile/eu.anthropic.claude-sonnet-4-6 because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action' },
  },
  scpDeny: {
    source: 'tinovyatkin/amazon-bedrock-copilot-chat#396 (organization id shortened)',
    fault: { kind: 'error', status: 403, errorType: 'AccessDeniedException', message: 'User: arn:aws:sts::1111111111:assumed-role/user_role is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-opus-4-6-v1 with an explicit deny in a service control policy' },
  },
  marketplace: {
    source: 'aws-samples/sample-host-openclaw-on-amazon-bedrock-agentcore#41 (also aws-samples/anthropic-on-aws#252)',
    fault: { kind: 'error', status: 403, errorType: 'AccessDeniedException', message: 'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 2 minutes.' },
  },
  useCaseForm: {
    source: 'Obot docs, model providers → Amazon Bedrock ("First-time Anthropic model use requires explicit access"); the same text in several public Bedrock setup notes',
    fault: { kind: 'error', status: 404, errorType: 'ResourceNotFoundException', message: 'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.' },
  },
  useCaseFormWrapped: {
    source: 'truefoundry/models#934 (wrapped by Bedrock as "The model returned the following errors: …")',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'The model returned the following errors: You have not filled out the required use-case form for this model. Complete the form at https://ap-southeast-4.console.aws.amazon.com/bedrock/ before requesting access.' },
  },
  legacy: {
    source: 'awslabs/llmeter#35 (also aws-samples/amazon-bedrock-workshop#386)',
    fault: { kind: 'error', status: 404, errorType: 'ResourceNotFoundException', message: 'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 15 days. Please upgrade to an active model on Amazon Bedrock' },
  },
  endOfLife: {
    source: 'gsd-build/gsd-2#5425',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.' },
  },
  operationNotAllowed: {
    source: 'BerriAI/litellm#28704 (Legacy models after their public-extended-access date)',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'Operation not allowed' },
  },
  imageUnsupported: {
    source: 'earendil-works/pi#8960 (also anomalyco/opencode#49443, can1357/oh-my-pi#11685: the text for a model that takes no image in that user message)',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: "This model doesn't support the image field for user messages. Remove image and try again." },
  },
  cacheTtlOrder: {
    source: 'strands-agents/harness-sdk#3758 (seen live on us-west-2, Claude Sonnet 4.5; also #3571)',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: "messages.0.content.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block" },
  },
  onDemandUnsupported: {
    source: 'Bedrock CRIS error seen in cline/cline#2482 (typographic apostrophe as sent; also danny-avila/LibreChat#4570)',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.' },
  },
  invalidModelId: {
    source: 'anthropics/claude-code#12621 (also tailcallhq/forgecode#2644)',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'The provided model identifier is invalid.' },
  },
  inputTooLong: {
    source: 'aws-samples/assessment-generator#2 (also continuedev/continue#6005)',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'Input is too long for requested model.' },
  },
  promptTooLong: {
    source: 'daisuke-awaji/moca#254 (Anthropic\'s text passed through by Bedrock)',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'The model returned the following errors: prompt is too long: 200049 tokens > 200000 maximum' },
  },
  outputLimit: {
    source: 'charmbracelet/crush#946',
    fault: { kind: 'error', status: 400, errorType: 'ValidationException', message: 'The maximum tokens you requested exceeds the model limit of 32768' },
  },
  tooManyRequests: {
    source: 'kirodotdev/Kiro#8113 (also BerriAI/litellm#589)',
    fault: { kind: 'error', status: 429, errorType: 'ThrottlingException', message: 'Too many requests, please wait before trying again.' },
  },
  tooManyTokens: {
    source: 'RooCodeInc/Roo-Code#5050 (also anthropics/claude-code#236; anomalyco/opencode#39621: not a context overflow)',
    fault: { kind: 'error', status: 429, errorType: 'ThrottlingException', message: 'Too many tokens, please wait before trying again.' },
  },
  tooManyTokensPerDay: {
    source: 'minorun365/agent-book#29',
    fault: { kind: 'error', status: 429, errorType: 'ThrottlingException', message: 'Too many tokens per day, please wait before trying again.' },
  },
  serviceUnavailable: {
    source: 'darko-mesaros/bedrust#47',
    fault: { kind: 'error', status: 503, errorType: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' },
  },
  modelTimeout: {
    source: 'AWS Bedrock API reference (ModelTimeoutException, HTTP 408)',
    fault: { kind: 'error', status: 408, errorType: 'ModelTimeoutException', message: 'Model has timed out in processing the request. Try your request again.' },
  },
  modelNotReady: {
    source: 'AWS Bedrock API reference (ModelNotReadyException, HTTP 429)',
    fault: { kind: 'error', status: 429, errorType: 'ModelNotReadyException', message: 'Model is not ready to serve inference requests. Try again later.' },
  },
  expiredToken: {
    source: 'Cloud-wide AWS text; Bedrock example: SungardAS/enhanced-snapshots#107, aws/aws-cli#5971 (ExpiredToken)',
    fault: { kind: 'error', status: 403, errorType: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
  },
  invalidToken: {
    source: 'vercel/ai#4163 (also BerriAI/litellm#6260, anthropics/claude-code#2260)',
    fault: { kind: 'error', status: 403, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
  },
} satisfies Record<string, RealError>;
