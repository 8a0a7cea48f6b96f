/**
 * Wasted space in dive's sense: bytes an image carries that no container
 * can see, because a later layer overwrote or removed the file. Each layer
 * keeps its copy in the image (layers are immutable tars), so `RUN rm` does
 * not make an image smaller.
 *
 * Unlike dive, each superseded copy is counted once: a file written in
 * layers 1 and 3 wastes layer 1's copy only (layer 3's is the one
 * containers read). dive sums every copy of a duplicated path, so its
 * "Potential wasted space" double-counts (wagoodman/dive#684); its score
 * keeps one copy, so its two numbers disagree. Here score and bytes agree:
 * score = 1 - wasted / total.
 */
import type { LayerChanges } from '../engine/fs/overlay';
import { filesBelow, type TreeNode } from './unionTree';

/** One superseded copy of a file: the layer that holds it and the layer that hid it. */
export interface WastedCopy {
  readonly path: string;
  readonly size: number;
  /** The layer whose copy is wasted. */
  readonly layer: number;
  /** The later layer that overwrote or removed it. */
  readonly by: number;
  /** `overwritten`: the later layer put something else at the path; `removed`: it deleted the path (or a directory above it). */
  readonly fate: 'overwritten' | 'removed';
}

/** A path that wastes bytes, with its superseded copies (bottom first). */
export interface WastedFile {
  readonly path: string;
  readonly wastedBytes: number;
  readonly copies: readonly WastedCopy[];
}

/** An image's (or container's) efficiency. */
export interface Efficiency {
  /** The bytes of every file copy in every layer. */
  readonly totalBytes: number;
  /** The bytes of superseded copies (each once). */
  readonly wastedBytes: number;
  /** 1 - wasted / total; 1 for an image without files. */
  readonly score: number;
  /** The paths that waste bytes (empty files waste nothing), biggest waste first, then by path. */
  readonly files: readonly WastedFile[];
}

/** The bytes of a layer's files. */
export function layerBytes(layer: LayerChanges): number {
  let bytes = 0;
  for (const entry of layer.values()) if (entry.kind === 'file') bytes += entry.size;
  return bytes;
}

/**
 * The file copies of the union below that layer `index` supersedes: files it
 * overwrites (with a file, a symlink or a directory), files under a path it
 * whites out, replaces with a non-directory or makes opaque, and files that
 * stood where it needs a directory. Work proportional to the layer plus the
 * files it hides.
 */
export function supersededCopies(layer: LayerChanges, below: TreeNode, index: number): WastedCopy[] {
  const copies: WastedCopy[] = [];
  const seen = new Set<string>();
  const waste = (node: TreeNode, fate: WastedCopy['fate']) => {
    for (const file of filesBelow(node)) {
      if (seen.has(file.path)) continue;
      seen.add(file.path);
      copies.push({ path: file.path, size: file.size, layer: file.layer, by: index, fate });
    }
  };
  for (const [path, entry] of layer) {
    if (path === '/') continue;
    // Walk down to the path; a file where the layer needs a directory is replaced by one.
    let node: TreeNode | undefined = below;
    let start = 1;
    for (;;) {
      const slash = path.indexOf('/', start);
      const name = slash < 0 ? path.slice(start) : path.slice(start, slash);
      const child: TreeNode | undefined = node?.children?.get(name);
      if (slash < 0) {
        node = child;
        break;
      }
      if (child === undefined) {
        node = undefined;
        break;
      }
      if (child.kind !== 'dir') {
        if (entry.kind !== 'whiteout') waste(child, 'overwritten');
        node = undefined;
        break;
      }
      node = child;
      start = slash + 1;
    }
    if (node === undefined) continue;
    switch (entry.kind) {
      case 'whiteout':
        waste(node, 'removed');
        break;
      case 'dir':
        if (node.kind !== 'dir') waste(node, 'overwritten');
        else if (entry.opaque) waste(node, 'removed');
        break;
      case 'file':
      case 'symlink':
        waste(node, node.kind === 'dir' ? 'removed' : 'overwritten');
        break;
    }
  }
  return copies;
}

/** Sums the layers' bytes and superseded copies into the efficiency. */
export function efficiency(layers: readonly { readonly bytes: number; readonly superseded: readonly WastedCopy[] }[]): Efficiency {
  let totalBytes = 0;
  let wastedBytes = 0;
  const byPath = new Map<string, WastedCopy[]>();
  for (const layer of layers) {
    totalBytes += layer.bytes;
    for (const copy of layer.superseded) {
      wastedBytes += copy.size;
      const list = byPath.get(copy.path);
      if (list) list.push(copy);
      else byPath.set(copy.path, [copy]);
    }
  }
  const files: WastedFile[] = [...byPath].map(([path, copies]) => ({
    path,
    wastedBytes: copies.reduce((sum, copy) => sum + copy.size, 0),
    copies: copies.sort((a, b) => a.layer - b.layer),
  })).filter((file) => file.wastedBytes > 0);
  files.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { totalBytes, wastedBytes, score: totalBytes > 0 ? 1 - wastedBytes / totalBytes : 1, files };
}
