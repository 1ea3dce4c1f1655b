// The usage report and the dashboard Usage tab's figures (totals, advice, charts): read when the
// dashboard or a report asks, never at activation — their own chunk (esbuild.mjs LAZY_MODULES),
// loaded by usage.ts on first use.
export { buildUsageReport, readUsageReport, renderUsageMarkdown } from '../core/usage/report';
export { loadUsageTab } from '../presenters/dashboard/usageCharts';
