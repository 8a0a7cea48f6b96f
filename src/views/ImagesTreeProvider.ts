import * as vscode from 'vscode';
import { Disposable } from '../Disposable';
import type { Engine, ImageLayer } from '../engine/Engine';
import { Coalescer } from './Coalescer';
import {
  escapeMarkdown, groupImages, imageDescription, layerDescription, layerShortId, layerTooltip,
  type ImageTagEntry, type RepositoryEntry,
} from './presentation';

/** A row of the Images view: a repository, one of its tags, or a layer of that image. */
export type ImageNode =
  | { readonly kind: 'repository'; readonly entry: RepositoryEntry }
  | { readonly kind: 'image'; readonly entry: ImageTagEntry }
  | { readonly kind: 'layer'; readonly entry: ImageTagEntry; readonly layer: ImageLayer; readonly index: number };

/**
 * The Images view: repositories, their tags (size and age as `docker images`
 * shows them), and under each tag the image's layers, bottom first, with the
 * instruction that made each and the other images that share it.
 */
export class ImagesTreeProvider extends Disposable implements vscode.TreeDataProvider<ImageNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly coalescer = this._register(new Coalescer(() => this.changeEmitter.fire()));

  constructor(private readonly engine: Engine) {
    super();
    this._register(engine.onDidChange((change) => {
      // A container's image counts in `Containers`; only image changes redraw this view.
      if (change.kind === 'images') this.coalescer.trigger();
    }));
  }

  refresh(): void {
    this.coalescer.trigger();
  }

  getChildren(node?: ImageNode): ImageNode[] {
    if (node === undefined) {
      return groupImages(this.engine.observe(() => this.engine.imageList())).map((entry) => ({ kind: 'repository', entry }));
    }
    switch (node.kind) {
      case 'repository':
        return node.entry.tags.map((entry) => ({ kind: 'image', entry }));
      case 'image':
        return this.layersOf(node.entry).map((layer, index) => ({ kind: 'layer', entry: node.entry, layer, index }));
      case 'layer':
        return [];
    }
  }

  getTreeItem(node: ImageNode): vscode.TreeItem {
    const now = this.engine.clock.now();
    switch (node.kind) {
      case 'repository': {
        const item = new vscode.TreeItem(node.entry.repository, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `repository:${node.entry.repository}`;
        item.contextValue = 'repository';
        item.iconPath = new vscode.ThemeIcon('repo');
        return item;
      }
      case 'image': {
        const { entry } = node;
        const item = new vscode.TreeItem(entry.tag, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `image:${entry.reference}`;
        item.description = imageDescription(entry.image, now);
        item.contextValue = 'image';
        item.iconPath = new vscode.ThemeIcon('tag');
        const tooltip = new vscode.MarkdownString();
        tooltip.appendMarkdown(`**${escapeMarkdown(entry.reference)}**\n\n`);
        tooltip.appendCodeblock(entry.image.Id, 'text');
        tooltip.appendText(vscode.l10n.t('{0} layers · {1}', this.layersOf(entry).length, imageDescription(entry.image, now)));
        item.tooltip = tooltip;
        return item;
      }
      case 'layer': {
        const { layer, entry } = node;
        const item = new vscode.TreeItem(layerShortId(layer), vscode.TreeItemCollapsibleState.None);
        item.id = `layer:${entry.reference}:${node.index}:${layer.chainId}`;
        item.description = layerDescription(layer);
        item.contextValue = 'layer';
        item.iconPath = new vscode.ThemeIcon('layers');
        item.tooltip = new vscode.MarkdownString(layerTooltip(layer, this.sharersOf(layer, entry.image.Id), {
          size: vscode.l10n.t('Size'),
          digest: vscode.l10n.t('Digest'),
          sharedWith: vscode.l10n.t('Also a layer of:'),
        }));
        return item;
      }
    }
  }

  private layersOf(entry: ImageTagEntry): ImageLayer[] {
    try {
      return this.engine.imageLayers(entry.image.Id);
    } catch {
      // Removed between listing and expanding: the next redraw drops it.
      return [];
    }
  }

  /** The tags of other images whose stack holds `layer` (the same chain id: the same content on the same base). */
  private sharersOf(layer: ImageLayer, imageId: string): string[] {
    const sharers: string[] = [];
    for (const image of this.engine.observe(() => this.engine.imageList())) {
      if (image.Id === imageId) continue;
      let layers: ImageLayer[];
      try {
        layers = this.engine.imageLayers(image.Id);
      } catch {
        continue;
      }
      if (layers.some((l) => l.chainId === layer.chainId)) {
        sharers.push(...(image.RepoTags.filter((t) => t !== '<none>:<none>').length ? image.RepoTags : [image.Id.slice(7, 19)]));
      }
    }
    return sharers;
  }
}
