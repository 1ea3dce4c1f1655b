// Ambient declarations for the webview bundle.
declare module '*.css' {
  const text: string;
  // eslint-disable-next-line no-restricted-exports -- esbuild's text loader gives CSS as the default export
  export default text;
}

interface VsCodeWebviewApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State = unknown>(): VsCodeWebviewApi<State>;
