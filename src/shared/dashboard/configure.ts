// The dashboard's Configure tab: the form's part of the view model (fields per group, with their
// values, locks and errors; the model-mapping editor) and the messages its page sends. The host
// validates and writes; the page never decides what is valid. No vscode, no DOM.
import { oneOf, optional } from '../protocol';
import type { Check } from '../protocol';

export type FieldControl = 'text' | 'number' | 'select' | 'checkbox' | 'list';

export interface FieldOption {
  value: string;
  label: string;
  /** Shown under the field while this option is chosen (e.g. the inference profile a region gives). */
  detail?: string;
}

export interface FieldView {
  /** The setting below `switchboard.` (e.g. `modelProvider.bedrock.awsRegion`). */
  key: string;
  label: string;
  control: FieldControl;
  /** The user-settings value as the control shows it ('' when unset); a checkbox's state. */
  value: string | boolean;
  /** Shown in an empty field: the default. */
  placeholder?: string;
  help?: string;
  options?: FieldOption[];
  /** Set in user settings (Reset is offered). */
  userSet: boolean;
  /** What requests use and where it comes from, when that is not simply this field's value. */
  effective?: string;
  /** Why the field is read-only here; absent = editable. */
  locked?: { kind: 'environment' | 'untrusted'; message: string };
  /** Something to know beside the field (a workspace value that wins, one that is ignored). */
  note?: string;
  /** The last change refused, in the validator's words (nothing was written). */
  error?: string;
  /** Decides where credentials are sent: read from user settings only. */
  redirecting?: boolean;
}

/** A key kept in SecretStorage: its state in words (never the key) and the commands that set / clear it. */
export interface SecretView {
  id: SecretCommandTarget;
  label: string;
  state: string;
  /** Kept in SecretStorage (Clear is offered). */
  stored: boolean;
  /** A key is available (stored or from the environment). */
  present: boolean;
}

export interface FieldGroup {
  id: string;
  title: string;
  description?: string;
  fields: FieldView[];
  secrets: SecretView[];
}

export interface MappingRowView {
  name: string;
  anthropic: string;
  bedrock: string;
  fallback: string;
  /** What the resolver makes of the row in the region in use: the IDs sent, or why not. */
  resolved: { anthropic: string; bedrock: string; ok: boolean };
}

export interface MappingView {
  /** The user's own mapping (user settings); the built-in names need none. */
  rows: MappingRowView[];
  /** The names the resolver knows without a mapping (sonnet, haiku, opus, …). */
  builtIn: string[];
  region: string;
  error?: string;
  locked?: { kind: 'environment' | 'untrusted'; message: string };
  note?: string;
}

export interface ConfigureView {
  /** The highest `seq` of a change the host has answered (the page keeps what the user typed until then). */
  handled: number;
  trusted: boolean;
  /** Said once at the top in Restricted Mode. */
  trustNote?: string;
  groups: FieldGroup[];
  mapping: MappingView;
}

/** The Configure tab's part of the dashboard view model (absent when the settings cannot be read). */
export interface ConfigurePart {
  configure?: ConfigureView;
}

export type SecretCommandTarget = 'anthropicApiKey' | 'bedrockApiKey' | 'awsAccessKeys';
export const SECRET_TARGETS: readonly SecretCommandTarget[] = ['anthropicApiKey', 'bedrockApiKey', 'awsAccessKeys'];

/** Longest text a form field sends (a URL, an ARN, a list of thresholds). */
export const MAX_FIELD_CHARS = 2048;
/** Most rows the mapping editor sends. */
export const MAX_MAPPING_ROWS = 200;

const settingKey: Check<string> = (v): v is string => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9.]{0,99}$/.test(v);
/** What a control sends: its text, a checkbox's state, or a select's value; the host turns it into the setting's type. */
const fieldValue: Check<string | boolean> = (v): v is string | boolean => typeof v === 'boolean' || (typeof v === 'string' && v.length <= MAX_FIELD_CHARS);

export interface MappingRowInput { name: string; anthropic: string; bedrock: string; fallback: string }
const short = (v: unknown): v is string => typeof v === 'string' && v.length <= 300;
const mappingRows: Check<MappingRowInput[]> = (v): v is MappingRowInput[] => Array.isArray(v) && v.length <= MAX_MAPPING_ROWS
  && v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r)
    && short((r as Record<string, unknown>).name) && short((r as Record<string, unknown>).anthropic)
    && short((r as Record<string, unknown>).bedrock) && short((r as Record<string, unknown>).fallback));

/** The page's running number for its changes; the view says which it has answered. */
const seq = optional((v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

/** webview → host messages of the Configure tab. */
export const CONFIGURE_SHAPES = {
  /** Validate and write one setting to user settings. */
  setSetting: { key: settingKey, value: fieldValue, seq },
  /** Remove the user-settings value (the default, or a lower layer, applies again). */
  resetSetting: { key: settingKey, seq },
  /** Validate and write the whole model mapping (the editor's rows). */
  setMapping: { rows: mappingRows, seq },
  /** Run Set / Clear for a key kept in SecretStorage (VS Code asks for the value; the page never sees it). */
  setSecret: { target: oneOf(SECRET_TARGETS) },
  clearSecret: { target: oneOf(SECRET_TARGETS) },
};
