// AWS region facts used to validate `aws_region` and to pick a cross-region inference-profile
// prefix. Regions are data: add new ones here when AWS launches them.

/** Every AWS region name we accept in config (commercial, GovCloud, China). */
const AWS_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'us-gov-west-1', 'us-gov-east-1',
  'ca-central-1', 'ca-west-1', 'mx-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-south-1', 'ap-south-2', 'ap-east-1', 'ap-east-2',
  'me-central-1', 'me-south-1', 'il-central-1', 'af-south-1',
  'cn-north-1', 'cn-northwest-1',
];

/**
 * Regions where Bedrock runtime is offered (to our knowledge). Used for a warning, not an error:
 * Bedrock keeps expanding, so an AWS region outside this list is still accepted. af-south-1
 * (Cape Town) serves the Claude 4.5 models through global. profiles (AWS ML blog "Scale AI in
 * South Africa using Amazon Bedrock global cross-Region inference", read 2026-12-01). Unknown to
 * us (hence left out): ap-east-1, ap-southeast-6, ca-west-1, cn-*.
 */
const BEDROCK_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'us-gov-west-1', 'us-gov-east-1',
  'ca-central-1', 'mx-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-south-1', 'ap-south-2', 'ap-east-2', 'me-central-1', 'me-south-1', 'il-central-1', 'af-south-1',
]);

const REGION_SET: ReadonlySet<string> = new Set(AWS_REGIONS);

/**
 * Prefixes of system-defined cross-region inference profiles (plus `global`), exactly as they
 * appear in profile IDs. GovCloud's is `us-gov.` (e.g. `us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0`;
 * AWS Bedrock "Supported cross-Region inference profiles", read 2026-12-01) — never `ug.`.
 */
export type ProfilePrefix = 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'ca' | 'sa' | 'us-gov' | 'global';
export const PROFILE_PREFIXES: readonly ProfilePrefix[] = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'sa', 'us-gov', 'global'];

/** AWS partitions: `global.` profiles exist only in the commercial one. */
export type AwsPartition = 'aws' | 'aws-us-gov' | 'aws-cn';

export function knownRegions(): readonly string[] {
  return AWS_REGIONS;
}

export function isKnownRegion(region: string): boolean {
  return REGION_SET.has(region);
}

export function isBedrockRegion(region: string): boolean {
  return BEDROCK_REGIONS.has(region);
}

/** The regions where Bedrock runtime is offered (commercial and GovCloud), for tests and `models`. */
export function bedrockRegions(): readonly string[] {
  return [...BEDROCK_REGIONS];
}

export function partitionOf(region: string): AwsPartition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/**
 * The geo prefix a region's cross-region profiles use (SPEC §7), before model availability is
 * considered (see `chooseProfilePrefix`: jp./au. fall back to apac. for models that have no
 * jp./au. profile, then `global.`, then the base ID).
 *
 * Deviation from the SPEC's "ap-northeast-* → jp.": the jp. profiles route only between Tokyo
 * (ap-northeast-1) and Osaka (ap-northeast-3); Seoul (ap-northeast-2) is not part of them and
 * uses apac.
 * me-*, il-*, af-*, mx-*, cn-* have no geo profiles we know of → undefined (global or in-region).
 */
export function geoPrefixForRegion(region: string): ProfilePrefix | undefined {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return 'au';
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return 'jp';
  if (region.startsWith('ap-')) return 'apac';
  if (region.startsWith('ca-')) return 'ca';
  if (region.startsWith('sa-')) return 'sa';
  return undefined;
}
