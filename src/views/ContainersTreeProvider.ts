import * as vscode from 'vscode';
import { Disposable } from '../Disposable';
import type { Engine } from '../engine/Engine';
import type { ContainerSummary } from '../engine/types';
import { Coalescer } from './Coalescer';
import {
  CONTAINER_ICONS, containerContextValue, containerDescription, containerLook, containerName, containerTooltip,
} from './presentation';

/** A row of the Containers view: one container, as `docker ps -a` lists it. */
export interface ContainerNode {
  readonly kind: 'container';
  readonly container: ContainerSummary;
}

/** How often statuses (`Up 5 minutes`) are redrawn while the view is visible. */
const STATUS_REFRESH_MS = 10_000;

/**
 * The Containers view: every container, newest first (`docker ps -a`'s
 * order), with its state icon, image and status, and context actions by state.
 * Redraws on the engine's container changes, coalescing bursts.
 */
export class ContainersTreeProvider extends Disposable implements vscode.TreeDataProvider<ContainerNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly coalescer = this._register(new Coalescer(() => this.changeEmitter.fire()));
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly engine: Engine) {
    super();
    this._register(engine.onDidChange((change) => {
      if (change.kind === 'containers') this.coalescer.trigger();
    }));
    this._register({ dispose: () => this.setVisible(false) });
  }

  /** Redraw now (the Refresh command). */
  refresh(): void {
    this.coalescer.trigger();
  }

  /** While the view is visible, statuses that count time (`Up 5 minutes`, `Exited (0) 2 hours ago`) are kept current. */
  setVisible(visible: boolean): void {
    if (visible && this.ticker === undefined) {
      this.ticker = setInterval(() => this.changeEmitter.fire(), STATUS_REFRESH_MS);
    } else if (!visible && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  getChildren(element?: ContainerNode): ContainerNode[] {
    if (element) return [];
    return this.engine.containerList({ all: true }).map((container) => ({ kind: 'container', container }));
  }

  getTreeItem(node: ContainerNode): vscode.TreeItem {
    const { container } = node;
    const item = new vscode.TreeItem(containerName(container), vscode.TreeItemCollapsibleState.None);
    item.id = container.Id;
    item.description = containerDescription(container);
    item.contextValue = containerContextValue(container);
    const look = CONTAINER_ICONS[containerLook(container.State)];
    item.iconPath = new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
    const tooltip = containerTooltip(container, {
      image: vscode.l10n.t('Image'),
      command: vscode.l10n.t('Command'),
      status: vscode.l10n.t('Status'),
      ports: vscode.l10n.t('Ports'),
      created: vscode.l10n.t('Created'),
    }, this.engine.clock.now());
    item.tooltip = new vscode.MarkdownString(tooltip);
    item.accessibilityInformation = { label: `${containerName(container)}, ${container.Image}, ${container.Status}` };
    return item;
  }
}
