import * as vscode from 'vscode';
import { Disposable } from '../Disposable';
import type { Engine } from '../engine/Engine';
import { imageNames, inspectorSubject, type InspectorTarget } from '../inspector/InspectorSubject';
import { LayerCache } from '../inspector/LayerCache';
import { LayerInspectorModel } from '../inspector/LayerInspectorModel';
import { Coalescer } from '../views/Coalescer';
import type { ContainerNode } from '../views/ContainersTreeProvider';
import type { ImageNode } from '../views/ImagesTreeProvider';
import { LAYER_INSPECTOR_VIEW_TYPE, LayerInspectorPanel, type InspectorPageState } from './LayerInspectorPanel';

/** Workspace state key of what the inspector showed last (for the panel revived after a reload). */
const TARGET_KEY = 'dockerLab.inspectorTarget';

/**
 * What `dockerLab.inspectLayers` accepts: nothing (a picker), a row of the
 * Images view (a tag, a repository, a layer) or of the Containers view, a
 * target, or a string: an image reference (`nginx:1.28.0`, what a lesson's
 * `#inspect:nginx:1.28.0` link carries), `container:NAME` or a container's
 * name or id.
 */
export type InspectArgument = undefined | string | InspectorTarget | ImageNode | ContainerNode;

/**
 * The layer inspector's life: opens the panel on an image or container,
 * keeps it in step with the engine (a container writing a file, an image
 * removed or re-tagged: coalesced redraws), and brings it back after a
 * reload. One panel, aimed at whatever was inspected last.
 */
export class LayerInspectorController extends Disposable {
  private panel: LayerInspectorPanel | undefined;
  /** Unions and change trees per chain id, shared by every image and container inspected in this window. */
  private readonly cache: LayerCache;
  private readonly redraw: Coalescer;

  constructor(
    private readonly engine: Engine,
    private readonly extensionUri: vscode.Uri,
    private readonly memento: vscode.Memento,
    /** Types a line into a Docker Lab terminal (the "Pull" offer for an image that is not in the lab yet). */
    private readonly runLine: (line: string) => Promise<unknown> | void = () => undefined,
  ) {
    super();
    this.cache = new LayerCache((chainId) => engine.layerFiles(chainId));
    this.redraw = this._register(new Coalescer(() => this.refresh(), 100));
    this._register(engine.onDidChange(() => {
      if (this.panel) this.redraw.trigger();
    }));
    this._register(vscode.window.registerWebviewPanelSerializer(LAYER_INSPECTOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: InspectorPageState | undefined) => {
        const inspector = this.adopt(LayerInspectorPanel.revive(panel, extensionUri));
        const target = validTarget(state?.target) ?? validTarget(this.memento.get(TARGET_KEY));
        const subject = target && inspectorSubject(engine, target);
        if (!target || !subject) {
          panel.dispose();
          return;
        }
        const model = new LayerInspectorModel(subject, this.cache);
        if (typeof state?.selected === 'number') model.selectLayer(state.selected);
        if (state?.mode === 'union') model.setMode('union');
        inspector.show(target, model);
      },
    }));
  }

  /** The panel, if open (for tests). */
  get inspectorPanel(): LayerInspectorPanel | undefined {
    return this.panel;
  }

  /** `dockerLab.inspectLayers`: opens the inspector on what `argument` names (a picker when nothing). */
  async inspect(argument?: InspectArgument): Promise<void> {
    const resolved = await this.resolve(argument);
    if (!resolved) return;
    const subject = inspectorSubject(this.engine, resolved.target);
    if (!subject) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not in the lab.', resolved.target.reference));
      return;
    }
    const model = new LayerInspectorModel(subject, this.cache);
    if (resolved.layer !== undefined) model.selectLayer(resolved.layer);
    if (!this.panel) this.adopt(LayerInspectorPanel.create(this.extensionUri));
    const panel = this.panel as LayerInspectorPanel;
    panel.show(resolved.target, model);
    panel.panel.reveal(undefined, false);
    void this.memento.update(TARGET_KEY, resolved.target);
  }

  private refresh(): void {
    const panel = this.panel;
    const model = panel?.inspectorModel;
    const target = panel?.inspected;
    if (!panel || !model || !target) return;
    const subject = inspectorSubject(this.engine, target);
    if (!subject) {
      panel.refresh(true);
      return;
    }
    model.update(subject);
    panel.refresh();
  }

  private adopt(panel: LayerInspectorPanel): LayerInspectorPanel {
    this.panel?.dispose();
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }

  /** What to inspect (and which layer to select): from a tree row, a string, or the learner's pick. */
  private async resolve(argument: InspectArgument): Promise<{ target: InspectorTarget; layer?: number } | undefined> {
    if (argument === undefined || argument === null) return this.pick();
    if (typeof argument === 'string') return this.resolveString(argument.trim());
    if ('reference' in argument) return { target: argument };
    switch (argument.kind) {
      case 'container':
        return { target: { kind: 'container', reference: argument.container.Id } };
      case 'image':
        return { target: { kind: 'image', reference: argument.entry.reference } };
      case 'layer':
        return { target: { kind: 'image', reference: argument.entry.reference }, layer: argument.index };
      case 'repository': {
        const tags = argument.entry.tags;
        if (tags.length === 1) return { target: { kind: 'image', reference: tags[0].reference } };
        const picked = await vscode.window.showQuickPick(tags.map((entry) => ({ label: entry.reference, description: entry.image.Id.slice(7, 19), reference: entry.reference })),
          { placeHolder: vscode.l10n.t('Choose an image to inspect') });
        return picked && { target: { kind: 'image', reference: picked.reference } };
      }
    }
    return undefined;
  }

  private async resolveString(text: string): Promise<{ target: InspectorTarget } | undefined> {
    const container = /^container:(.+)$/.exec(text);
    if (container) return { target: { kind: 'container', reference: container[1] } };
    const reference = text.replace(/^image:/, '');
    if (this.engine.observe(() => this.engine.hasImage(reference))) return { target: { kind: 'image', reference } };
    if (inspectorSubject(this.engine, { kind: 'container', reference })) return { target: { kind: 'container', reference } };
    const pull = vscode.l10n.t('Pull in Terminal');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} is not in the lab yet. Pull it first: docker pull {0}', reference), pull);
    if (choice === pull) await this.runLine(`docker pull ${reference}`);
    return undefined;
  }

  /** The picker: the lab's images (by tag), then its containers. */
  private async pick(): Promise<{ target: InspectorTarget } | undefined> {
    const images = this.engine.observe(() => this.engine.imageList());
    const containers = this.engine.observe(() => this.engine.containerList({ all: true }));
    type Item = vscode.QuickPickItem & { target?: InspectorTarget };
    const items: Item[] = [];
    for (const image of images) {
      for (const name of imageNames(image)) {
        items.push({ label: `$(layers) ${name}`, description: image.Id.slice(7, 19), target: { kind: 'image', reference: name } });
      }
    }
    if (containers.length > 0) {
      items.push({ label: vscode.l10n.t('Containers'), kind: vscode.QuickPickItemKind.Separator });
      for (const container of containers) {
        const name = (container.Names[0] ?? container.Id).replace(/^\//, '');
        items.push({ label: `$(package) ${name}`, description: `${container.Image} · ${container.State}`, target: { kind: 'container', reference: container.Id } });
      }
    }
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no images yet. Pull one in the terminal: docker pull nginx:1.28.0'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Choose an image or a container to inspect') });
    return picked?.target && { target: picked.target };
  }
}

function validTarget(value: unknown): InspectorTarget | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { kind, reference } = value as { kind?: unknown; reference?: unknown };
  return (kind === 'image' || kind === 'container') && typeof reference === 'string' && reference !== '' ? { kind, reference } : undefined;
}
