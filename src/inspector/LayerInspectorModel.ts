/**
 * The layer inspector's model: "an image is a stack of read-only layers; a
 * container adds a writable one on top", as rows a view can draw.
 *
 * Left, the stack: one row per layer, bottom first (a container's writable
 * layer last). Right, for the selected layer, a file tree: either the
 * layer's own changes, marked A / C / D against the union below, or the
 * union up to the layer (everything a container of that stack would see),
 * with the selected layer's changes marked in it and its removals shown
 * where they were. Directory sizes are rolled up; the tree filters by path
 * substring and by mark, sorts by name or size, and folds.
 *
 * The tree is never drawn whole: the view asks for a window of the
 * flattened rows (the visible part of the expanded directories). Per-layer
 * work is proportional to the layer; unions are persistent trees cached per
 * chain id (LayerCache), so switching layers does not rebuild the image.
 */
import type { LayerChanges } from '../engine/fs/overlay';
import { efficiency, layerBytes, supersededCopies, type Efficiency } from './efficiency';
import type { InspectorSubject } from './InspectorSubject';
import { LayerCache } from './LayerCache';
import { writableChangeTree } from './layerChangeTree';
import { unionTree, type ChangeMark, type TreeNode } from './unionTree';

/** The right pane: the selected layer's changes, or the union up to it. */
export type InspectorMode = 'layer' | 'union';
export type InspectorSort = 'name' | 'size';
/** A mark to show: A, C, D, or U for entries the layer did not change. */
export type ChangeFilter = ChangeMark | 'U';
export const CHANGE_FILTERS: readonly ChangeFilter[] = ['A', 'C', 'D', 'U'];

/** A layer as the stack lists it. */
export interface LayerRow {
  /** 0 for the bottom layer. */
  readonly index: number;
  readonly chainId: string;
  /** 12 hex digits of the layer's digest, as `docker pull` prints them; '' for a writable layer. */
  readonly shortDigest: string;
  readonly size: number;
  /** The instruction on one line, without BuildKit's ` # buildkit`. */
  readonly instruction: string;
  /** The instruction as `docker history --no-trunc` shows it. */
  readonly createdBy: string;
  readonly created: string;
  /** Other local images that hold this layer. */
  readonly sharedWith: readonly string[];
  /** True for a container's writable layer. */
  readonly writable: boolean;
  /** A writable layer's `docker diff` line count. */
  readonly changes?: number;
}

/** A row of the file tree. */
export interface TreeRow {
  /** Position in the flattened tree. */
  readonly index: number;
  readonly path: string;
  readonly name: string;
  /** 0 for entries of `/`. */
  readonly depth: number;
  readonly kind: 'dir' | 'file' | 'symlink';
  /** Bytes (a directory's: of the files below it; a removed entry's: what was removed). */
  readonly size: number;
  /** Files and symlinks at or below. */
  readonly count: number;
  readonly mark?: ChangeMark;
  readonly expandable: boolean;
  readonly expanded: boolean;
  /** Index of the parent directory's row; -1 at the top. */
  readonly parent: number;
  /** The layer the entry comes from (in the union: the topmost layer that wrote it). */
  readonly layer: number;
  readonly target?: string;
  readonly mode: number;
}

/** The header: what is inspected, its size and its efficiency. */
export interface InspectorSummary {
  readonly kind: 'image' | 'container';
  readonly name: string;
  readonly id: string;
  readonly image?: string;
  readonly state?: string;
  /** The image's layers' sizes summed (`docker images` SIZE). */
  readonly imageSize: number;
  /** A container's writable layer's bytes (`docker ps -s`'s first size). */
  readonly writableSize?: number;
  readonly efficiency: Efficiency;
}

/** How many nodes a layer's change tree may have and still open fully by itself. */
const SMALL_LAYER = 50;

interface FlatRow {
  readonly node: TreeNode;
  /** The selected layer's change node at the same path (union mode), for its mark. */
  readonly mark?: ChangeMark;
  readonly overlay?: TreeNode;
  readonly depth: number;
  readonly parent: number;
  readonly expandable: boolean;
  readonly expanded: boolean;
}

/** A child to draw: a node and the change node at the same path (union mode). */
interface Child {
  readonly node: TreeNode;
  readonly overlay?: TreeNode;
}

const byName = (a: TreeNode, b: TreeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const bySize = (a: TreeNode, b: TreeNode) => b.size - a.size || byName(a, b);

/** The inspector's state and rows for one image or container. */
export class LayerInspectorModel {
  private subject: InspectorSubject;
  private chain: string[];
  private selected: number;
  private currentMode: InspectorMode = 'layer';
  private currentSort: InspectorSort = 'name';
  private filterText = '';
  private kinds = new Set<ChangeFilter>(CHANGE_FILTERS);
  /** Directories opened or closed by hand (the rest follow the default: open while filtering or for a small layer). */
  private readonly expanded = new Set<string>();
  private readonly collapsed = new Set<string>();
  private flat: FlatRow[] | undefined;
  private shown: Set<string> | undefined;
  private writableWork: { changes?: TreeNode; union?: TreeNode; efficiency?: Efficiency } = {};
  private imageEfficiency: Efficiency | undefined;
  private readonly sortedChildren = new WeakMap<TreeNode, Partial<Record<InspectorSort, TreeNode[]>>>();

  constructor(subject: InspectorSubject, private readonly cache: LayerCache) {
    this.subject = subject;
    this.chain = subject.layers.map((layer) => layer.chainId);
    this.selected = this.layerCount - 1;
  }

  /** A model with its own cache over `files` (for tests and one-off use). */
  static of(subject: InspectorSubject, files: (chainId: string) => LayerChanges): LayerInspectorModel {
    return new LayerInspectorModel(subject, new LayerCache(files));
  }

  /** What is inspected now. */
  get current(): InspectorSubject {
    return this.subject;
  }

  /**
   * The engine changed: the same image or container, read again (a
   * container wrote a file; an image got a tag). The view keeps its
   * selection, mode, filter and open folders.
   */
  update(subject: InspectorSubject): void {
    const sameStack = subject.layers.length === this.subject.layers.length && subject.layers.every((layer, i) => layer.chainId === this.chain[i]);
    const wasTop = this.selected === this.layerCount - 1;
    this.subject = subject;
    this.chain = subject.layers.map((layer) => layer.chainId);
    if (!sameStack) this.imageEfficiency = undefined;
    this.writableWork = {};
    this.selected = wasTop ? this.layerCount - 1 : Math.min(this.selected, this.layerCount - 1);
    this.invalidate();
  }

  /** Layers, the writable one included. */
  get layerCount(): number {
    return this.chain.length + (this.subject.writable ? 1 : 0);
  }

  /** The stack, bottom first. */
  layers(): LayerRow[] {
    const rows: LayerRow[] = this.subject.layers.map((layer, index) => ({
      index,
      chainId: layer.chainId,
      shortDigest: layer.digest.replace(/^sha256:/, '').slice(0, 12),
      size: layer.size,
      instruction: layerInstruction(layer.createdBy),
      createdBy: layer.createdBy,
      created: layer.created,
      sharedWith: layer.sharedWith,
      writable: false,
    }));
    if (this.subject.writable) {
      rows.push({
        index: this.chain.length, chainId: '', shortDigest: '', size: layerBytes(this.subject.writable.files),
        instruction: '', createdBy: '', created: '', sharedWith: [], writable: true, changes: this.subject.writable.changes.length,
      });
    }
    return rows;
  }

  /** The header's figures. Efficiency is computed once per image (and again for a container whose layer changed). */
  summary(): InspectorSummary {
    const imageSize = this.subject.layers.reduce((sum, layer) => sum + layer.size, 0);
    const base = { kind: this.subject.kind, name: this.subject.name, id: this.subject.id, imageSize };
    const extra = this.subject.kind === 'container' ? { image: this.subject.image, state: this.subject.state } : {};
    if (!this.subject.writable) return { ...base, ...extra, efficiency: this.efficiencyOfImage() };
    return { ...base, ...extra, writableSize: layerBytes(this.subject.writable.files), efficiency: this.efficiencyOfContainer() };
  }

  get selectedLayer(): number {
    return this.selected;
  }

  get mode(): InspectorMode {
    return this.currentMode;
  }

  get sort(): InspectorSort {
    return this.currentSort;
  }

  get filter(): { readonly text: string; readonly kinds: readonly ChangeFilter[] } {
    return { text: this.filterText, kinds: CHANGE_FILTERS.filter((kind) => this.kinds.has(kind)) };
  }

  selectLayer(index: number): void {
    const next = Math.max(0, Math.min(this.layerCount - 1, Math.trunc(index)));
    if (next === this.selected) return;
    this.selected = next;
    this.invalidate();
  }

  setMode(mode: InspectorMode): void {
    if (mode === this.currentMode || (mode !== 'layer' && mode !== 'union')) return;
    this.currentMode = mode;
    this.invalidate();
  }

  setSort(sort: InspectorSort): void {
    if (sort === this.currentSort || (sort !== 'name' && sort !== 'size')) return;
    this.currentSort = sort;
    this.invalidate();
  }

  /** Shows only paths containing `text` (case-insensitive), with their directories. */
  setFilter(text: string): void {
    if (text === this.filterText) return;
    this.filterText = text;
    this.invalidate();
  }

  /** Shows only entries with these marks (and the directories on their way). */
  setKinds(kinds: Iterable<ChangeFilter>): void {
    const next = new Set([...kinds].filter((kind) => CHANGE_FILTERS.includes(kind)));
    if (next.size === this.kinds.size && [...next].every((kind) => this.kinds.has(kind))) return;
    this.kinds = next;
    this.invalidate();
  }

  /** Opens or closes a directory (`open` undefined: the other way). */
  toggle(path: string, open?: boolean): void {
    const isOpen = this.isExpanded(path);
    const wanted = open ?? !isOpen;
    if (wanted === isOpen) return;
    if (wanted) {
      this.expanded.add(path);
      this.collapsed.delete(path);
    } else {
      this.collapsed.add(path);
      this.expanded.delete(path);
    }
    this.flat = undefined;
  }

  /** Closes every directory. */
  collapseAll(): void {
    this.expanded.clear();
    for (const row of this.rowsFlat()) if (row.expanded) this.collapsed.add(row.node.path);
    this.flat = undefined;
  }

  /** How many rows the tree has now (its open part). */
  get rowCount(): number {
    return this.rowsFlat().length;
  }

  /** Rows `start` to `start + count` of the open tree. */
  rows(start = 0, count = Number.MAX_SAFE_INTEGER): TreeRow[] {
    const flat = this.rowsFlat();
    const from = Math.max(0, Math.trunc(start));
    const to = Math.min(flat.length, from + Math.max(0, Math.trunc(count)));
    const rows: TreeRow[] = [];
    for (let index = from; index < to; index++) {
      const row = flat[index];
      const { node } = row;
      rows.push({
        index, path: node.path, name: node.name, depth: row.depth, kind: node.kind, size: node.size, count: node.count,
        ...(row.mark ? { mark: row.mark } : {}),
        expandable: row.expandable, expanded: row.expanded, parent: row.parent, layer: node.layer, mode: node.mode,
        ...(node.target !== undefined ? { target: node.target } : {}),
      });
    }
    return rows;
  }

  /** The row index of `path` in the open tree, or -1. */
  indexOf(path: string): number {
    return this.rowsFlat().findIndex((row) => row.node.path === path);
  }

  /** The tree's root for the selected layer and mode (its rows are its descendants). */
  viewRoot(): TreeNode {
    return this.currentMode === 'union' ? this.unionAt(this.selected) : this.changesAt(this.selected);
  }

  // ------------------------------------------------------------------ internals

  private invalidate(): void {
    this.flat = undefined;
    this.shown = undefined;
  }

  private get writableIndex(): number {
    return this.subject.writable ? this.chain.length : -1;
  }

  private changesAt(index: number): TreeNode {
    if (index !== this.writableIndex) return this.cache.changes(this.chain, index);
    const writable = this.subject.writable as NonNullable<InspectorSubject['writable']>;
    return (this.writableWork.changes ??= writableChangeTree(writable.changes, writable.files, this.cache.union(this.chain, index - 1), index));
  }

  private unionAt(index: number): TreeNode {
    if (index !== this.writableIndex) return this.cache.union(this.chain, index);
    const writable = this.subject.writable as NonNullable<InspectorSubject['writable']>;
    return (this.writableWork.union ??= unionTree(this.cache.union(this.chain, index - 1), writable.files, index));
  }

  private efficiencyOfImage(): Efficiency {
    return (this.imageEfficiency ??= efficiency(this.chain.map((chainId, index) => ({
      bytes: this.cache.bytes(chainId),
      superseded: this.cache.superseded(this.chain, index),
    }))));
  }

  private efficiencyOfContainer(): Efficiency {
    if (this.writableWork.efficiency) return this.writableWork.efficiency;
    const writable = this.subject.writable as NonNullable<InspectorSubject['writable']>;
    const index = this.chain.length;
    const layers = this.chain.map((chainId, i) => ({ bytes: this.cache.bytes(chainId), superseded: this.cache.superseded(this.chain, i) }));
    layers.push({ bytes: layerBytes(writable.files), superseded: supersededCopies(writable.files, this.cache.union(this.chain, index - 1), index) });
    return (this.writableWork.efficiency = efficiency(layers));
  }

  private get filtering(): boolean {
    return this.filterText !== '' || this.kinds.size < CHANGE_FILTERS.length;
  }

  private isExpanded(path: string): boolean {
    if (this.expanded.has(path)) return true;
    if (this.collapsed.has(path)) return false;
    return this.filtering || (this.currentMode === 'layer' && this.isSmallLayer());
  }

  private isSmallLayer(): boolean {
    return this.changesAt(this.selected).count <= SMALL_LAYER;
  }

  /** The entries of a directory to draw, sorted; in union mode with the selected layer's removals put back where they were. */
  private childrenOf(node: TreeNode, overlay: TreeNode | undefined): Child[] {
    const sorted = this.sorted(node);
    if (this.currentMode === 'layer') return sorted.map((child) => ({ node: child }));
    const children: Child[] = sorted.map((child) => ({ node: child, overlay: overlay?.children?.get(child.name) }));
    let removed = false;
    for (const change of overlay?.children?.values() ?? []) {
      if (change.mark === 'D' && !node.children?.has(change.name)) {
        children.push({ node: change, overlay: change });
        removed = true;
      }
    }
    if (removed) {
      const compare = this.currentSort === 'size' ? bySize : byName;
      children.sort((a, b) => compare(a.node, b.node));
    }
    return children;
  }

  private sorted(node: TreeNode): TreeNode[] {
    let lists = this.sortedChildren.get(node);
    if (!lists) this.sortedChildren.set(node, (lists = {}));
    return (lists[this.currentSort] ??= [...(node.children?.values() ?? [])].sort(this.currentSort === 'size' ? bySize : byName));
  }

  private markOf(child: Child): ChangeMark | undefined {
    // The bottom layer's change tree is its (unmarked) union: everything in it is added.
    if (this.currentMode === 'layer') return child.node.mark ?? (this.selected === 0 && this.writableIndex !== 0 ? 'A' : undefined);
    return child.overlay?.mark ?? (this.selected === 0 && this.writableIndex !== 0 && child.overlay ? 'A' : undefined);
  }

  /**
   * A directory with entries (or, in the union, with the layer's removals)
   * opens; a removed entry is a single row: what it held is gone.
   */
  private static expandable(child: Child, mark: ChangeMark | undefined): boolean {
    if (child.node.kind !== 'dir' || mark === 'D') return false;
    return (child.node.children?.size ?? 0) > 0 || (child.overlay !== child.node && (child.overlay?.children?.size ?? 0) > 0);
  }

  /** Paths to draw while filtering: the matches and the directories on their way. */
  private shownPaths(): Set<string> {
    if (this.shown) return this.shown;
    const shown = new Set<string>();
    const text = this.filterText.toLowerCase();
    const visit = (node: TreeNode, overlay: TreeNode | undefined): boolean => {
      let any = false;
      for (const child of this.childrenOf(node, overlay)) {
        const mark = this.markOf(child);
        const self = this.kinds.has(mark ?? 'U') && (text === '' || child.node.path.toLowerCase().includes(text));
        const below = LayerInspectorModel.expandable(child, mark) && visit(child.node, child.overlay);
        if (self || below) {
          shown.add(child.node.path);
          any = true;
        }
      }
      return any;
    };
    visit(this.viewRoot(), this.currentMode === 'union' ? this.changesAt(this.selected) : undefined);
    return (this.shown = shown);
  }

  private rowsFlat(): FlatRow[] {
    if (this.flat) return this.flat;
    const flat: FlatRow[] = [];
    const shown = this.filtering ? this.shownPaths() : undefined;
    const visit = (node: TreeNode, overlay: TreeNode | undefined, depth: number, parent: number) => {
      for (const child of this.childrenOf(node, overlay)) {
        if (shown && !shown.has(child.node.path)) continue;
        const mark = this.markOf(child);
        const expandable = LayerInspectorModel.expandable(child, mark);
        const expanded = expandable && this.isExpanded(child.node.path);
        const index = flat.length;
        flat.push({ node: child.node, overlay: child.overlay, mark, depth, parent, expandable, expanded });
        if (expanded) visit(child.node, child.overlay, depth + 1, index);
      }
    };
    visit(this.viewRoot(), this.currentMode === 'union' ? this.changesAt(this.selected) : undefined, 0, -1);
    return (this.flat = flat);
  }
}

/**
 * A layer's instruction on one line, as a learner reads it: `docker
 * history`'s CREATED BY without BuildKit's ` # buildkit` and without the
 * legacy builder's `/bin/sh -c #(nop) ` wrapping.
 */
export function layerInstruction(createdBy: string): string {
  let text = createdBy.trim().replace(/\s*# buildkit$/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s+/.exec(text);
  if (nop) text = text.slice(nop[0].length);
  else if (text.startsWith('/bin/sh -c ')) text = `RUN ${text}`;
  return text.replace(/\s+/g, ' ');
}
