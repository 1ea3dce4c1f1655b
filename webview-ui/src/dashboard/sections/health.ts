// The Health tab: each provider's health now (status, latency percentiles, error rate, last error).
import type { DashboardViewModel } from '../../../../src/shared/dashboard/protocol';
import type { HealthStatus } from '../../../../src/shared/providers';
import { h, icon } from '../../chat/dom';
import { card, problem, row } from '../ui';
import type { SectionView } from '../ui';

const STATUS_ICON: Record<HealthStatus, string> = { ok: 'pass', degraded: 'warning', down: 'error', unknown: 'circle-outline' };

export class HealthSection implements SectionView {
  readonly element = h('div', { class: 'section-health' });

  update(model: DashboardViewModel): void {
    this.element.replaceChildren(card('Health now', 'health-now',
      ...model.providers.map((p) => h('div', { class: 'provider-health', 'data-provider': p.id },
        h('h3', {}, p.label),
        row('Status', h('span', { class: `health health-${p.health.status}` }, icon(STATUS_ICON[p.health.status]), ` ${p.health.status} · ${p.health.summary}`)),
        ...(p.health.lastError ? [row('Last error', problem(p.health.lastError))] : []))),
    ));
  }
}
