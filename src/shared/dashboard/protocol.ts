// The dashboard's typed messages between the extension host and the panel: the tabs, the whole
// view model (each tab's part lives in its own file here), and ONE runtime check for everything
// the panel sends (untrusted input: anything that fails is dropped). No vscode, no DOM.
import { oneOf, validateMessage } from '../protocol';
import type { MessageOf, Validated } from '../protocol';
import { CONFIGURE_SHAPES } from './configure';
import type { ConfigurePart } from './configure';
import { HEALTH_SHAPES } from './health';
import type { HealthPart } from './health';
import { MIGRATE_SHAPES } from './migrate';
import type { MigratePart } from './migrate';
import { OVERVIEW_SHAPES } from './overview';
import type { OverviewPart } from './overview';
import { USAGE_SHAPES } from './usage';
import type { UsagePart } from './usage';

/** The dashboard's tabs, in the order the page shows them. */
export const DASHBOARD_TABS = ['overview', 'configure', 'usage', 'health', 'migrate'] as const;
export type DashboardTab = (typeof DASHBOARD_TABS)[number];
export const isDashboardTab: (value: unknown) => value is DashboardTab = oneOf(DASHBOARD_TABS);

/** Everything the panel shows: each tab's part, merged (the page re-renders it whole). */
export type DashboardViewModel = OverviewPart & ConfigurePart & UsagePart & HealthPart & MigratePart;

/** Messages of the page shell (not of one tab). */
const SHELL_SHAPES = {
  ready: {},
  refresh: {},
};

/** Every message the panel may send, by type: the shell's and each tab's (one table, one check). */
export const DASHBOARD_SHAPES = { ...SHELL_SHAPES, ...OVERVIEW_SHAPES, ...CONFIGURE_SHAPES, ...USAGE_SHAPES, ...HEALTH_SHAPES, ...MIGRATE_SHAPES };

/** webview → host: inferred from the checks, so the type and the runtime check cannot drift. */
export type DashboardWebviewMessage = MessageOf<typeof DASHBOARD_SHAPES>;
/** The messages one tab's table accepts (its section handles exactly these). */
export type SectionMessage<Shapes extends Record<string, Record<string, unknown>>> = Extract<DashboardWebviewMessage, { type: keyof Shapes }>;

/** host → webview: the whole view model on every change; `show` brings a tab to the front. */
export type DashboardHostMessage =
  | { type: 'update'; model: DashboardViewModel }
  | { type: 'show'; tab: DashboardTab };

/** A fresh object with only the known fields, or why the message was refused. */
export function validateDashboardMessage(raw: unknown): Validated<DashboardWebviewMessage> {
  return validateMessage<DashboardWebviewMessage>(raw, DASHBOARD_SHAPES);
}

export function isDashboardHostMessage(raw: unknown): raw is DashboardHostMessage {
  if (typeof raw !== 'object' || raw === null) return false;
  const m = raw as { type?: unknown; model?: unknown; tab?: unknown };
  if (m.type === 'update') return typeof m.model === 'object' && m.model !== null;
  return m.type === 'show' && isDashboardTab(m.tab);
}
