// The Migrate tab's view model: per logical model the ID and price on each side (core's resolver in
// the region in use), the checks' results, and the checklist — each item with the actions that fix
// it (core's errorFixes for a failed call; the wizard's own for the routing). Pure.
import type { FixAction } from '../../core/errorFixes';
import type { ModelMapping } from '../../core/models/catalog';
import { describeModel } from '../../core/models/describe';
import type { ModelDescription } from '../../core/models/describe';
import { isBedrockRegion } from '../../core/models/regions';
import type { ChecklistItemView, ChecklistState, CheckState, MigratePart, MigrateView, ModelRowView } from '../../shared/dashboard/migrate';
import type { CompareView } from '../../shared/dashboard/overview';
import { PROVIDER_FULL_LABELS } from '../../shared/providers';
import type { ProviderId } from '../../shared/providers';
import { usdPerMTok } from './format';

/** What the extension knows about the routing and resolution now. */
export interface MigrateInput {
  primary: ProviderId;
  fallback: ProviderId | null;
  /** The variable that pins the provider, when one does (a switch would have no effect). */
  providerPinnedBy?: string;
  /** The default model. */
  model: string;
  region: { region: string; source: string; origin: string };
  inferenceProfile: string | null;
  /** The mapping in effect, and the user's own (user settings) for the remap fix. */
  mapping: ModelMapping;
  userMapping: ModelMapping;
}

/** A failed call: its words and the fixes core offers for its cause. */
export interface Failure { message: string; hint?: string; fixes: FixAction[] }

export interface CheckResult<T> { state: CheckState; value?: T; failure?: Failure }

export interface MigrateState {
  from: ProviderId;
  to: ProviderId;
  credentials: CheckResult<{ identity: string; region?: string; modelId: string; latencyMs: number }>;
  access: ReadonlyMap<string, CheckResult<{ modelId: string; latencyMs: number }>>;
  compare: CompareView;
  busy: boolean;
}

/** What a checklist button does: a fix from core, or one of the wizard's own. */
export type WizardAction =
  | { kind: 'errorFix'; action: FixAction }
  | { kind: 'setFallback'; provider: ProviderId }
  | { kind: 'makePrimary'; provider: ProviderId }
  | { kind: 'showConfigure' };

export interface ChecklistItem extends Omit<ChecklistItemView, 'fixes'> { actions: Array<{ label: string; action: WizardAction }> }

/** The logical models the wizard checks: the default, the three families, and the user's own names. */
export function modelsToCheck(input: MigrateInput): string[] {
  return [...new Set([input.model, 'sonnet', 'haiku', 'opus', ...Object.keys(input.userMapping)])];
}

function describe(name: string, input: MigrateInput): ModelDescription | undefined {
  try {
    return describeModel(name, { region: input.region.region, mapping: input.mapping, inferenceProfile: input.inferenceProfile });
  } catch {
    return undefined;
  }
}

function priceOn(d: ModelDescription | undefined, provider: ProviderId): string {
  const p = provider === 'anthropic' ? d?.prices?.anthropic : d?.prices?.bedrock;
  return p ? `${usdPerMTok(p.input)} / ${usdPerMTok(p.output)}` : '—';
}

export function modelRows(input: MigrateInput, state: MigrateState): ModelRowView[] {
  return modelsToCheck(input).map((name) => {
    const d = describe(name, input);
    const side = (p: ProviderId): { id: string; reason: string } => {
      const id = d?.ids[p];
      if (!id) return { id: '—', reason: `${name} is not a known model` };
      return id.available ? { id: id.modelId, reason: id.reason } : { id: '—', reason: id.reason };
    };
    const from = side(state.from);
    const to = side(state.to);
    const access = state.access.get(name);
    return {
      name,
      fromId: from.id,
      toId: to.id,
      toReason: to.reason,
      fromPrice: priceOn(d, state.from),
      toPrice: priceOn(d, state.to),
      access: to.id === '—' ? 'idle' : access?.state ?? 'idle',
      // Short in the table (the checklist has the whole message); the ID is named only when another one answered.
      ...(access?.state === 'ok' && access.value ? { accessDetail: `answered in ${access.value.latencyMs} ms${access.value.modelId !== to.id ? ` as ${access.value.modelId}` : ''}` } : {}),
      ...(access?.state === 'error' && access.failure ? { accessDetail: access.failure.message.split(':')[0] === access.failure.message ? 'failed' : `${access.failure.message.split(':')[0]} error (see the checklist)` } : {}),
    };
  });
}

const fromCheck = (s: CheckState): ChecklistState => (s === 'ok' ? 'pass' : s === 'error' ? 'fail' : 'pending');
const errorActions = (f: Failure | undefined): ChecklistItem['actions'] => (f?.fixes ?? []).map((action) => ({ label: action.label, action: { kind: 'errorFix', action } }));
const detailOf = (f: Failure | undefined): string | undefined => (f ? `${f.message}${f.hint ? ` ${f.hint}` : ''}` : undefined);

export function checklist(input: MigrateInput, state: MigrateState, rows: ModelRowView[]): ChecklistItem[] {
  const { from, to } = state;
  const toLabel = PROVIDER_FULL_LABELS[to];
  const fromLabel = PROVIDER_FULL_LABELS[from];
  const items: ChecklistItem[] = [];
  const c = state.credentials;
  items.push({
    id: 'credentials',
    label: `${toLabel} credentials found and valid`,
    state: fromCheck(c.state),
    ...(c.value ? { detail: `${c.value.identity}${c.value.region ? ` · ${c.value.region}` : ''} · ${c.value.latencyMs} ms` } : detailOf(c.failure) ? { detail: detailOf(c.failure) } : {}),
    actions: c.state === 'error' ? errorActions(c.failure) : [],
  });
  if (to === 'bedrock') {
    const r = input.region;
    const ok = isBedrockRegion(r.region);
    items.push({
      id: 'region',
      label: `Bedrock region ${r.region}`,
      state: ok ? 'pass' : 'fail',
      detail: `${r.source === 'explicit' ? 'from your settings' : r.source === 'default' ? 'the default' : `from ${r.origin}`}${ok ? '' : ': Amazon Bedrock is not offered there as far as Switchboard knows'}`,
      actions: ok ? [] : [{ label: 'Choose a Region', action: { kind: 'showConfigure' } }],
    });
  }
  for (const row of rows) {
    const access = state.access.get(row.name);
    if (row.toId === '—') {
      items.push({ id: `model:${row.name}`, label: `${row.name} on ${toLabel}`, state: 'warn', detail: row.toReason, actions: [] });
      continue;
    }
    items.push({
      id: `model:${row.name}`,
      label: `${row.name} answers on ${toLabel} (${row.toId})`,
      state: fromCheck(access?.state ?? 'idle'),
      ...(access?.state === 'error' ? { detail: detailOf(access.failure) } : row.accessDetail ? { detail: row.accessDetail } : {}),
      actions: access?.state === 'error' ? errorActions(access.failure) : [],
    });
  }
  const answered = state.compare.rows.length > 0 && !state.compare.running;
  const compareFailed = state.compare.rows.find((r) => r.state === 'error');
  items.push({
    id: 'compare',
    label: 'The same prompt answered on both',
    state: !answered ? 'pending' : compareFailed ? 'fail' : 'pass',
    ...(compareFailed ? { detail: `${compareFailed.label}: ${compareFailed.error ?? 'failed'}` } : {}),
    actions: [],
  });
  const fallbackOk = input.fallback === from;
  items.push({
    id: 'fallback',
    label: fallbackOk ? `${fromLabel} kept as the fallback` : `Keep ${fromLabel} as the fallback`,
    state: fallbackOk ? 'pass' : 'warn',
    detail: fallbackOk
      ? `Requests fail over to ${fromLabel} while ${toLabel} is down or throttled${input.primary === to ? '' : ` (once ${toLabel} is primary)`}.`
      : `Recommended while you move: ${input.fallback ? `the fallback is ${PROVIDER_FULL_LABELS[input.fallback]}` : 'no fallback is set'}.`,
    actions: fallbackOk ? [] : [{ label: `Keep ${fromLabel} as Fallback`, action: { kind: 'setFallback', provider: from } }],
  });
  const primaryOk = input.primary === to;
  items.push({
    id: 'primary',
    label: primaryOk ? `${toLabel} is the primary provider` : `Make ${toLabel} the primary provider`,
    state: primaryOk ? 'pass' : input.providerPinnedBy ? 'warn' : 'pending',
    ...(primaryOk ? {} : { detail: input.providerPinnedBy ? `${input.providerPinnedBy} in the environment decides the provider; unset it to switch.` : 'The last step, once the checks above pass.' }),
    actions: primaryOk || input.providerPinnedBy ? [] : [{ label: `Make ${toLabel} Primary`, action: { kind: 'makePrimary', provider: to } }],
  });
  return items;
}

/** The wizard's view, and its checklist with the actions behind each button (kept by the section). */
export interface MigrateSectionInput { migrate?: { view: MigrateView } }

export function migrateView(input: MigrateInput, state: MigrateState): { view: MigrateView; items: ChecklistItem[] } {
  const rows = modelRows(input, state);
  const items = checklist(input, state, rows);
  const c = state.credentials;
  return {
    items,
    view: {
      from: state.from,
      to: state.to,
      fromLabel: PROVIDER_FULL_LABELS[state.from],
      toLabel: PROVIDER_FULL_LABELS[state.to],
      region: { region: input.region.region, source: input.region.source === 'explicit' ? 'settings' : input.region.origin, ok: isBedrockRegion(input.region.region) },
      credentials: {
        state: c.state,
        ...(c.value ? { identity: c.value.identity, detail: `${c.value.region ? `${c.value.region} · ` : ''}model ${c.value.modelId} · ${c.value.latencyMs} ms` } : {}),
        ...(c.failure ? { error: detailOf(c.failure) } : {}),
      },
      models: rows,
      compare: state.compare,
      checklist: items.map(({ actions, ...item }) => ({ ...item, fixes: actions.map((a, i) => ({ label: a.label, primary: i === 0 })) })),
      busy: state.busy,
      ...(input.providerPinnedBy ? { pinned: `${input.providerPinnedBy} in the environment decides the provider: the checks run, but Make Primary would have no effect until it is unset.` } : {}),
    },
  };
}

export function migratePart(input: MigrateSectionInput): MigratePart {
  return input.migrate ? { migrate: input.migrate.view } : {};
}
