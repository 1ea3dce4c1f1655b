// The Configure tab's view model: each field with its value, what is in effect and why, its lock
// (pinned by the environment, Restricted Mode) and the last refusal; the region options with the
// inference profile and price each region gives the default model, and the mapping rows with what
// the resolver makes of them. Both come from core's resolver (describeModel), not a copy. Pure.
import { show } from '../../core/config/validate';
import type { ModelMapping } from '../../core/models/catalog';
import { catalogLogicalNames } from '../../core/models/catalog';
import { describeModel } from '../../core/models/describe';
import type { ModelDescription } from '../../core/models/describe';
import { bedrockRegions } from '../../core/models/regions';
import { usdPerMTok } from './format';
import type { ProviderId } from '../../shared/providers';
import type { ConfigurePart, ConfigureView, FieldControl, FieldGroup, FieldOption, FieldView, MappingRowView, SecretCommandTarget } from '../../shared/dashboard/configure';

/** Where a value in effect comes from, in the shape the extension knows it. */
export interface EffectiveValue {
  value: unknown;
  /** `environment`, `settings`, `file`, `explicit`, `default`, or `profile` (the AWS profile's region). */
  source: string;
  /** The variable, file path or profile behind it. */
  origin?: string;
}

export interface ConfigFieldInput {
  key: string;
  group: string;
  label: string;
  control: FieldControl;
  help?: string;
  options?: FieldOption[];
  resolverOptions?: 'region';
  /** User settings, the workspace (folder or workspace file) and the contributed default. */
  user?: unknown;
  workspace?: unknown;
  defaultValue?: unknown;
  /** What requests use, for keys of the core configuration. */
  effective?: EffectiveValue;
  redirecting: boolean;
}

export interface SecretInput { id: SecretCommandTarget; group: string; label: string; state: string; stored: boolean; present: boolean }

export interface ConfigureInput {
  trusted: boolean;
  groups: Array<{ id: string; title: string; description?: string }>;
  fields: ConfigFieldInput[];
  secrets: SecretInput[];
  /** What the resolver needs: the default model, the region and profile setting in use, the mapping in effect. */
  resolution: { model: string; region: string; inferenceProfile: string | null; mapping: ModelMapping };
  /** The model mapping as the user, and the workspace, set it. */
  mapping: { user?: unknown; workspace?: unknown; effective?: EffectiveValue };
}

/** Refusals of the last changes, kept by the section until the field is changed again. */
export interface ConfigureErrors { fields: ReadonlyMap<string, string>; mapping?: string; /** The page's last answered change number. */ handled: number }

const REDIRECT_LOCK = 'Restricted Mode: this field decides where your credentials are sent, so it can be changed only in a trusted window (or in your user settings.json).';

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function where(e: EffectiveValue): string {
  switch (e.source) {
    case 'environment': return `from ${e.origin ?? 'the environment'}`;
    case 'file': return `from ${e.origin ?? 'the config file'}`;
    case 'explicit': return `from ${e.origin ?? 'a command'}`;
    case 'profile': return `from ${e.origin ?? 'the AWS profile'}`;
    case 'default': return 'default';
    default: return 'settings';
  }
}

function pinned(e: EffectiveValue | undefined): e is EffectiveValue & { origin: string } {
  return e?.source === 'environment' && typeof e.origin === 'string';
}

function field(f: ConfigFieldInput, trusted: boolean, error: string | undefined, options?: FieldOption[]): FieldView {
  const userSet = f.user !== undefined;
  const shown = f.control === 'checkbox' ? Boolean(f.user ?? f.defaultValue) : f.control === 'select' ? text(f.user ?? (f.resolverOptions ? '' : f.defaultValue)) : text(f.user);
  const e = f.effective;
  let effective: string | undefined;
  // A value from elsewhere than settings (a config file, the AWS profile) is said beside the field; a pin says it in its lock.
  if (e && e.source !== 'settings' && e.source !== 'default' && e.source !== 'environment') effective = `In effect: ${text(e.value) || '(none)'} (${where(e)})`;
  let locked: FieldView['locked'];
  if (pinned(e)) {
    locked = { kind: 'environment', message: `Pinned by ${e.origin} in the environment (${show(e.value)}): requests use it whatever this field says. Unset ${e.origin} and restart VS Code to choose here.` };
  } else if (f.redirecting && !trusted) {
    locked = { kind: 'untrusted', message: REDIRECT_LOCK };
  }
  let note: string | undefined;
  if (f.workspace !== undefined) {
    note = f.redirecting
      ? `The workspace's value ${show(f.workspace)} is ignored: this field is read from your user settings only.`
      : `The workspace sets ${show(f.workspace)}, which wins over your user setting.`;
  }
  return {
    key: f.key,
    label: f.label,
    control: f.control,
    value: shown,
    ...(f.defaultValue !== undefined && f.defaultValue !== null && text(f.defaultValue) !== '' ? { placeholder: text(f.defaultValue) } : {}),
    ...(f.help ? { help: f.help } : {}),
    ...(options ?? f.options ? { options: options ?? f.options } : {}),
    userSet,
    ...(effective ? { effective } : {}),
    ...(locked ? { locked } : {}),
    ...(note ? { note } : {}),
    ...(error ? { error } : {}),
    ...(f.redirecting ? { redirecting: true } : {}),
  };
}

function priceText(d: ModelDescription): string {
  const b = d.prices?.bedrock;
  return b ? `, ${usdPerMTok(b.input)} / ${usdPerMTok(b.output)} per million tokens in / out (${b.pricing} price)` : '';
}

/**
 * The region options: every region Bedrock is offered in, each with the ID the default model is
 * sent as there (the resolver's choice: geo profile, global., or in-region) and its price.
 */
export function regionOptions(resolution: ConfigureInput['resolution'], current: string | undefined): FieldOption[] {
  const regions = [...bedrockRegions()];
  if (current && !regions.includes(current)) regions.push(current);
  const unset: FieldOption = { value: '', label: 'Not set: the AWS profile\'s region, else us-east-1' };
  return [unset, ...regions.map((region) => {
    const d = describeModel(resolution.model, { region, mapping: resolution.mapping, inferenceProfile: resolution.inferenceProfile });
    const id = d.ids.bedrock;
    if (!id.available) return { value: region, label: `${region} — ${resolution.model} not available`, detail: `${region}: ${id.reason}` };
    return {
      value: region,
      label: `${region} — ${id.modelId}`,
      detail: `In ${region}, ${resolution.model} is sent as ${id.modelId}: ${id.reason}${id.note && !id.reason.includes(id.note.replace(/\.$/, '')) ? ` (${id.note})` : ''}${priceText(d)}.`,
    };
  })];
}

function modelResolution(resolution: ConfigureInput['resolution']): string {
  const d = describeModel(resolution.model, { region: resolution.region, mapping: resolution.mapping, inferenceProfile: resolution.inferenceProfile });
  const side = (p: ProviderId, label: string): string => {
    const id = d.ids[p];
    return id.available ? `${id.modelId} on ${label}` : `not on ${label} (${id.reason})`;
  };
  return `${resolution.model} → ${side('anthropic', 'Anthropic')}; ${side('bedrock', `Bedrock in ${resolution.region}`)}.`;
}

function mappingRows(user: unknown, resolution: ConfigureInput['resolution']): MappingRowView[] {
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return [];
  return Object.entries(user as Record<string, Record<string, unknown> | null>).map(([name, entry]) => {
    const e = typeof entry === 'object' && entry !== null ? entry : {};
    let resolved: MappingRowView['resolved'];
    try {
      const d = describeModel(name, { region: resolution.region, mapping: resolution.mapping, inferenceProfile: resolution.inferenceProfile });
      const show = (p: ProviderId): string => (d.ids[p].available ? (d.ids[p] as { modelId: string }).modelId : `⚠ ${d.ids[p].reason}`);
      resolved = { anthropic: show('anthropic'), bedrock: show('bedrock'), ok: d.ok };
    } catch (err) {
      resolved = { anthropic: `⚠ ${(err as Error).message}`, bedrock: '', ok: false };
    }
    return { name, anthropic: text(e.anthropic), bedrock: text(e.bedrock), fallback: text(e.fallback), resolved };
  });
}

export function configureView(input: ConfigureInput, errors: ConfigureErrors): ConfigureView {
  const groups: FieldGroup[] = input.groups.map((g) => ({
    ...g,
    fields: input.fields.filter((f) => f.group === g.id).map((f) => {
      const view = field(f, input.trusted, errors.fields.get(f.key), f.resolverOptions === 'region' ? regionOptions(input.resolution, text(f.user) || undefined) : undefined);
      if (f.key === 'model') return { ...view, effective: `${view.effective ? `${view.effective}. ` : ''}${modelResolution(input.resolution)}` };
      if (f.resolverOptions === 'region' && !view.effective && !view.userSet) return { ...view, effective: `In effect: ${input.resolution.region}` };
      return view;
    }),
    secrets: input.secrets.filter((s) => s.group === g.id).map(({ group: _group, ...s }) => s),
  }));
  const m = input.mapping;
  return {
    handled: errors.handled,
    trusted: input.trusted,
    ...(input.trusted ? {} : { trustNote: 'This window is in Restricted Mode: the fields that decide where your credentials are sent (base URL, endpoint, AWS profile, role, key variable) are read-only here.' }),
    groups,
    mapping: {
      rows: mappingRows(m.user, input.resolution),
      builtIn: catalogLogicalNames(),
      region: input.resolution.region,
      ...(errors.mapping ? { error: errors.mapping } : {}),
      ...(m.workspace !== undefined ? { note: 'The workspace has a model mapping too; its entries are merged over yours.' } : {}),
    },
  };
}

/** What the controller gathers for the tab: the backend's input and the section's refusals. */
export interface ConfigureSectionInput { configure?: { input: ConfigureInput; errors: ConfigureErrors } }

export function configurePart(input: ConfigureSectionInput): ConfigurePart {
  return input.configure ? { configure: configureView(input.configure.input, input.configure.errors) } : {};
}
