import * as vscode from 'vscode';
import { runDocker } from '../cli/runDocker';
import { Disposable } from '../Disposable';
import type { Engine } from '../engine/Engine';

/** The URI scheme of inspect documents: `docker-lab-inspect:/container/web.json?<id>`. */
export const INSPECT_SCHEME = 'docker-lab-inspect';

/**
 * Read-only JSON documents with what `docker container inspect` or
 * `docker image inspect` prints, byte for byte. Documents of this scheme
 * cannot be edited or saved; reopening one shows the current state.
 */
export class InspectDocumentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly engine: Engine) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, this));
  }

  /** Opens (or refreshes and shows) the inspect document of a container or image. */
  async show(kind: 'container' | 'image', reference: string, title: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${title.replace(/[/\\:]/g, '_')}.json`, query: `${kind}=${reference}` });
    this.changeEmitter.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const match = /^(container|image)=(.*)$/.exec(uri.query);
    if (!match) return '';
    const result = await runDocker(this.engine, [match[1], 'inspect', match[2]]);
    // Gone since the document was opened: show what docker says (`[]` and the error).
    return result.status === 0 ? result.stdout : result.stdout + result.stderr;
  }
}
