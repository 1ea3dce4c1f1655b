// The chat's model picker entries (src/presenters/modelChoices computes them on the host): one
// option per model the answering provider can serve, a disabled heading before each group
// (vscode-single-select has no option groups), the ID, aliases and price as the description.
import { MODEL_GROUP_LABELS, providerName } from '../../../src/shared/chatFormat';
import type { ModelOption } from '../../../src/shared/chatTypes';
import { h } from './dom';

export function modelOptionElements(models: readonly ModelOption[], selected: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  let group: string | undefined;
  for (const m of models) {
    if (m.group && m.group !== group) {
      group = m.group;
      // Only between groups: a heading above the first group would be the picker's first row for no reason.
      if (out.length > 0) out.push(h('vscode-option', { disabled: '', class: 'model-group', value: `group:${m.group}` }, `── ${MODEL_GROUP_LABELS[m.group]} ──`));
    }
    const description = m.detail ?? (m.modelId ? `${providerName(m.provider)} · ${m.modelId}` : m.problem ?? '');
    const o = h('vscode-option', { value: m.name, description }, m.label ?? m.name);
    if (m.name === selected) o.setAttribute('selected', '');
    out.push(o);
  }
  return out;
}

/** The entry a saved name selects: its own, or the one listing it as an alias (`opus-4.7` → `opus`). */
export function optionNameFor(models: readonly ModelOption[], name: string): string {
  return models.find((m) => m.name === name)?.name ?? models.find((m) => m.aliases?.includes(name))?.name ?? name;
}
