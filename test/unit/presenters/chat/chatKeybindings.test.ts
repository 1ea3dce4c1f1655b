import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAT_KEYBINDINGS, keyLabel } from '../../../../src/shared/chatKeybindings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { keybindings: unknown[]; commands: Array<{ command: string }> } };

describe('chat keybindings', () => {
  it('package.json contributes exactly the chords the chat view names (focus chat, new chat, add selection)', () => {
    assert.deepEqual(manifest.contributes.keybindings, Object.values(CHAT_KEYBINDINGS));
    for (const k of Object.values(CHAT_KEYBINDINGS)) assert.ok(manifest.contributes.commands.some((c) => c.command === k.command), k.command);
  });

  it('writes them as VS Code does: Ctrl+Shift+Alt+S, and ⇧⌥⌘S on macOS', () => {
    assert.equal(keyLabel(CHAT_KEYBINDINGS.openChat, false), 'Ctrl+Shift+Alt+S');
    assert.equal(keyLabel(CHAT_KEYBINDINGS.openChat, true), '⇧⌥⌘S');
    assert.equal(keyLabel({ command: 'x', key: 'alt+ctrl+k', mac: 'cmd+ctrl+k' }, true), '⌃⌘K');
  });
});
