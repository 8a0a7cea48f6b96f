import * as vscode from 'vscode';
import { Disposable } from '../Disposable';

/** Webview options of the lab's panels: scripts on, only the extension's media/ folder readable. */
export function labWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

/**
 * What the lesson and concepts panels share: the panel's icon and life (it
 * is disposed with this object, and `onDidDispose` fires when the learner
 * closes it), and the page's strict Content-Security-Policy: its own script
 * by nonce and its own stylesheet, nothing from the network.
 */
export abstract class LabWebviewPanel extends Disposable {
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  protected constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri) {
    super();
    this._register(panel);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'docker-lab.svg');
    this._register(panel.onDidDispose(() => {
      this.disposeEmitter.fire();
      this.dispose();
    }));
  }

  /** A fresh nonce, the CSP that allows only it, and the webview URI of a file in media/. */
  protected pageResources(): { nonce: string; csp: string; media(name: string): string } {
    const webview = this.panel.webview;
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    const nonce = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', name)).toString();
    return { nonce, csp, media };
  }
}
