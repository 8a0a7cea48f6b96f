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

/** How often statuses (`Up 5 seconds`) are checked while the view is visible; the view redraws only when one changed. */
const STATUS_CHECK_MS = 1000;

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
  /** The statuses the view last showed (`id status` lines). */
  private shownStatuses = '';

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

  /**
   * While the view is visible, statuses that count time (`Up 5 seconds`,
   * `Exited (0) 2 hours ago`) are kept current, as `docker ps` would print
   * them now: checked every second, redrawn when one reads differently.
   */
  setVisible(visible: boolean): void {
    if (visible && this.ticker === undefined) {
      this.ticker = setInterval(() => {
        if (statusesOf(this.engine.observe(() => this.engine.containerList({ all: true }))) !== this.shownStatuses) this.changeEmitter.fire();
      }, STATUS_CHECK_MS);
    } else if (!visible && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  getChildren(element?: ContainerNode): ContainerNode[] {
    if (element) return [];
    const containers = this.engine.observe(() => this.engine.containerList({ all: true }));
    this.shownStatuses = statusesOf(containers);
    return containers.map((container) => ({ kind: 'container', container }));
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

function statusesOf(containers: readonly ContainerSummary[]): string {
  return containers.map((c) => `${c.Id} ${c.Status}`).join('\n');
}
