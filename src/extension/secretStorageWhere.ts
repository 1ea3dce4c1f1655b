// Where VS Code keeps what an extension stores in SecretStorage, in words that are true for the
// window the extension runs in (no vscode import: unit-tested).
// - Desktop VS Code encrypts secrets with Electron's safeStorage, whose key lives in the OS
//   keychain (macOS Keychain, Windows DPAPI, Linux Secret Service / KWallet), and keeps them in its
//   state database (VS Code's maintainers in microsoft/vscode#208967, read 2026-12-07).
// - In a browser window (code-server, `code serve-web`, VS Code Server's web client) there is no OS
//   keychain: the web workbench keeps them in the browser (localStorage, encrypted with a key the
//   server mints when it can — microsoft/vscode#191538; in memory only when the server offers no
//   key — microsoft/vscode#317329). A desktop window on a remote (SSH, containers) still uses the
//   local desktop's SecretStorage: secrets belong to the UI side.
export type UiKind = 'desktop' | 'web';

export function secretStorageWhere(ui: UiKind): string {
  return ui === 'desktop' ? 'VS Code SecretStorage (encrypted with your OS keychain)' : 'VS Code SecretStorage in this browser (a browser window has no OS keychain)';
}
