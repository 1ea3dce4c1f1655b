// The dashboard's Migrate tab: a wizard from the Anthropic API to Amazon Bedrock or back —
// credentials, region and the ID each logical model gets, model access per model, the same prompt
// on both, prices, and a checklist whose failing items carry fix buttons. Its part of the view
// model and the messages its page sends. No vscode, no DOM.
import { oneOf, optional } from '../protocol';
import type { Check } from '../protocol';
import { PROVIDER_IDS } from '../providers';
import type { ProviderId } from '../providers';
import type { CompareView } from './overview';
import { promptText } from './overview';

export type CheckState = 'idle' | 'running' | 'ok' | 'error';

/** A fix offered for a failing item: the label only; the page answers with the item and the index. */
export interface FixView { label: string; primary: boolean }

export interface CredentialsView {
  state: CheckState;
  /** "arn:aws:sts::…:assumed-role/…", "API key …abcd": who the credentials are (never the secret). */
  identity?: string;
  detail?: string;
  error?: string;
}

export interface ModelRowView {
  /** The logical name (sonnet, haiku, opus, the default model, the user's own). */
  name: string;
  fromId: string;
  toId: string;
  /** Why the ID on the target is what it is (the profile rule), or why there is none. */
  toReason: string;
  fromPrice: string;
  toPrice: string;
  access: CheckState;
  /** The model answered (latency), or the error. */
  accessDetail?: string;
}

export type ChecklistState = 'pass' | 'fail' | 'pending' | 'warn';

export interface ChecklistItemView {
  id: string;
  label: string;
  state: ChecklistState;
  detail?: string;
  fixes: FixView[];
}

export interface MigrateView {
  from: ProviderId;
  to: ProviderId;
  fromLabel: string;
  toLabel: string;
  /** The Bedrock region and where it comes from (the side that is Bedrock). */
  region: { region: string; source: string; ok: boolean };
  credentials: CredentialsView;
  models: ModelRowView[];
  compare: CompareView;
  checklist: ChecklistItemView[];
  /** A check is running (the Run buttons wait). */
  busy: boolean;
  /** Said once when the environment decides the provider (the switch would have no effect). */
  pinned?: string;
}

export interface MigratePart {
  migrate?: MigrateView;
}

/** A checklist item's id: `credentials`, `region`, `model:sonnet`, `compare`, `fallback`, `primary`. */
const itemId: Check<string> = (v): v is string => typeof v === 'string' && /^[A-Za-z][\w:.-]{0,120}$/.test(v);
const index: Check<number> = (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 16;

/** webview → host messages of the Migrate tab. */
export const MIGRATE_SHAPES = {
  /** Migrate to this provider (from the other). */
  migrateDirection: { to: oneOf(PROVIDER_IDS) as Check<ProviderId> },
  /** Run the checks: the credentials, every model's access, or all (with the side-by-side answer). */
  migrateCheck: { step: oneOf(['credentials', 'models', 'all'] as const) },
  migrateCompare: { prompt: optional(promptText) },
  /** Run fix number `fixIndex` of checklist item `item` (the host holds the actions; the page never names one). */
  migrateFix: { item: itemId, fixIndex: index },
  /** The configuration after the migration, as the YAML config, in a new editor. */
  migrateExport: {},
};
