import type * as vscode from 'vscode';
import { webviewHtml } from '../webviewHtml';

/** The chat webview's page (CSP and assets: see webviewHtml). */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, { title: 'Switchboard Chat', script: 'chat.js' });
}
