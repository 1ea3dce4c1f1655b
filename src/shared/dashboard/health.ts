// The dashboard's Health tab: its part of the view model and the messages its page sends.
// It starts with the providers' current health (from the Overview part); the history charts add
// their data here. No vscode, no DOM.

/** The Health tab's own part of the dashboard view model (nothing yet beyond the Overview's cards). */
export type HealthPart = Record<never, never>;

/** webview → host messages of the Health tab. */
export const HEALTH_SHAPES = {};
