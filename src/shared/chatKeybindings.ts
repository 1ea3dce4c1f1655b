// The chat's keyboard shortcuts, as package.json contributes them (a unit test keeps the two equal),
// and how VS Code writes them, so the chat view can name them in its tooltips and hints. Chosen
// so they clash with no VS Code default (checked against the default keybindings of the test
// host, e2e chatKeys.test.ts): Ctrl+Shift+Alt (⇧⌥⌘ on macOS) with A (add), S (show) and D next to it.

export interface ChatKeybinding {
  command: string;
  /** Windows and Linux. */
  key: string;
  mac: string;
  when?: string;
}

export const CHAT_KEYBINDINGS = {
  openChat: { command: 'switchboard.openChat', key: 'ctrl+shift+alt+s', mac: 'cmd+shift+alt+s' },
  newChat: { command: 'switchboard.newChat', key: 'ctrl+shift+alt+d', mac: 'cmd+shift+alt+d' },
  addSelection: { command: 'switchboard.addSelectionToChat', key: 'ctrl+shift+alt+a', mac: 'cmd+shift+alt+a', when: 'editorTextFocus' },
} as const satisfies Record<string, ChatKeybinding>;

const MAC: Record<string, string> = { ctrl: '⌃', shift: '⇧', alt: '⌥', cmd: '⌘' };
const OTHER: Record<string, string> = { ctrl: 'Ctrl', shift: 'Shift', alt: 'Alt', meta: 'Super' };
/** VS Code's order of modifiers in a label. */
const ORDER = ['ctrl', 'shift', 'alt', 'cmd', 'meta'];

/** The label VS Code shows for a binding: "Ctrl+Shift+Alt+S", or "⇧⌥⌘S" on macOS. */
export function keyLabel(binding: ChatKeybinding, mac: boolean): string {
  const parts = (mac ? binding.mac : binding.key).split('+');
  const key = parts.pop()!.toUpperCase();
  const mods = parts.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return mac ? `${mods.map((m) => MAC[m] ?? m).join('')}${key}` : [...mods.map((m) => OTHER[m] ?? m), key].join('+');
}
