import type { LayerEntry } from '../fs/overlay';
import type { BaseFamily, HistoryEntry } from '../Registry';
import type { ImageConfig } from '../types';
import { sha256Hex } from '../util/sha256';

/**
 * A read-only layer in the local store. Layers are content addressed and
 * shared: two images built on the same base hold the same Layer once, which
 * is why a second pull says `Already exists`.
 *
 * The layer's files come in a later piece of work (the layer inspector);
 * the record already has its place in the chain.
 */
export interface Layer {
  /** The compressed blob digest the registry served (what `docker pull` prints). */
  digest: string;
  /** The uncompressed content digest (RootFS.Layers). */
  diffId: string;
  /** The chain id: sha256 over the chain of diff ids below and including this one. */
  chainId: string;
  size: number;
  compressedSize: number;
  /** The files of a layer made in the lab (commit, build): path and entry. Official layers' files are generated from their digest. */
  files?: [string, LayerEntry][];
}

/** A local image: config + history + a stack of layers, known by its config digest. */
export interface StoredImage {
  /** `sha256:<64 hex>`, the config digest. */
  id: string;
  /** Tags in full form, e.g. `docker.io/library/nginx:1.28.0`. */
  tags: string[];
  /** Digest references in full form, e.g. `docker.io/library/nginx@sha256:...`. */
  digests: string[];
  /** ISO time the image was created (its last history entry). */
  created: string;
  config: ImageConfig;
  history: HistoryEntry[];
  /** Layer chain ids, bottom first. */
  layers: string[];
  family: BaseFamily;
  /** The image this one was committed or built from, if any (its ID). */
  parent: string;
  /** When a tag was last added (ms since the epoch), for Metadata.LastTagTime. */
  lastTagTime: number;
  comment: string;
  author: string;
  /** The official image whose programs this one's containers run (set on committed and built images). */
  origin?: string;
}

/** sha256 chain id of a stack of diff ids, as the layer store computes it. */
export function chainIdOf(diffIds: readonly string[]): string[] {
  const chain: string[] = [];
  for (const diffId of diffIds) {
    const parent = chain[chain.length - 1];
    chain.push(parent ? `sha256:${sha256Hex(`${parent} ${diffId}`)}` : diffId);
  }
  return chain;
}

/**
 * Images, tags and layers held by the simulated daemon. References are kept
 * in full form (`docker.io/library/nginx:1.28.0`); the daemon's answers
 * use the familiar form.
 */
export class ImageStore {
  private readonly images = new Map<string, StoredImage>();
  private readonly layers = new Map<string, Layer>();

  all(): StoredImage[] {
    return [...this.images.values()];
  }

  get(id: string): StoredImage | undefined {
    return this.images.get(id);
  }

  /** The image a full tag or digest reference points at. */
  byReference(fullReference: string): StoredImage | undefined {
    for (const image of this.images.values()) {
      if (image.tags.includes(fullReference) || image.digests.includes(fullReference)) return image;
    }
    return undefined;
  }

  /** Images whose ID starts with `prefix` (`sha256:` optional). */
  byIdPrefix(prefix: string): StoredImage[] {
    const hex = prefix.startsWith('sha256:') ? prefix.slice(7) : prefix;
    if (!/^[0-9a-f]+$/.test(hex)) return [];
    return this.all().filter((image) => image.id.slice(7).startsWith(hex));
  }

  hasLayer(chainId: string): boolean {
    return this.layers.has(chainId);
  }

  layer(chainId: string): Layer | undefined {
    return this.layers.get(chainId);
  }

  allLayers(): Layer[] {
    return [...this.layers.values()];
  }

  addLayer(layer: Layer): void {
    if (!this.layers.has(layer.chainId)) this.layers.set(layer.chainId, layer);
  }

  /** Adds an image (its layers must be in the store). */
  add(image: StoredImage): void {
    this.images.set(image.id, image);
  }

  /** Moves `fullReference` to `image`, taking it off any other image first. */
  tag(image: StoredImage, fullReference: string, now: number): void {
    const isDigest = fullReference.includes('@');
    for (const other of this.images.values()) {
      if (other === image) continue;
      other.tags = other.tags.filter((t) => t !== fullReference);
      other.digests = other.digests.filter((d) => d !== fullReference);
    }
    const list = isDigest ? image.digests : image.tags;
    if (!list.includes(fullReference)) list.push(fullReference);
    if (!isDigest) image.lastTagTime = now;
  }

  /** Removes one reference; true if it was there. */
  untag(image: StoredImage, fullReference: string): boolean {
    const before = image.tags.length + image.digests.length;
    image.tags = image.tags.filter((t) => t !== fullReference);
    image.digests = image.digests.filter((d) => d !== fullReference);
    return image.tags.length + image.digests.length !== before;
  }

  /**
   * Deletes an image; returns the layers no other image holds any more, top
   * first. Layers in `inUse` (a container's, whose writable layer sits on
   * them) stay in the store without being reported.
   */
  delete(image: StoredImage, inUse: ReadonlySet<string> = new Set()): Layer[] {
    this.images.delete(image.id);
    const stillUsed = new Set(this.all().flatMap((i) => i.layers));
    for (const chainId of inUse) stillUsed.add(chainId);
    const released: Layer[] = [];
    for (const chainId of [...image.layers].reverse()) {
      if (stillUsed.has(chainId)) continue;
      const layer = this.layers.get(chainId);
      if (layer) {
        this.layers.delete(chainId);
        released.push(layer);
      }
    }
    return released;
  }

  /** Images whose parent is `image` (committed or built on it). */
  children(image: StoredImage): StoredImage[] {
    return this.all().filter((i) => i.parent === image.id);
  }

  /** Total size of an image: the sum of its layers. */
  sizeOf(image: StoredImage): number {
    return image.layers.reduce((sum, chainId) => sum + (this.layers.get(chainId)?.size ?? 0), 0);
  }

  /** Size held in layers other images use too (SharedSize in `docker system df -v`). */
  sharedSizeOf(image: StoredImage): number {
    const others = new Set(this.all().filter((i) => i !== image).flatMap((i) => i.layers));
    return image.layers.filter((l) => others.has(l)).reduce((sum, l) => sum + (this.layers.get(l)?.size ?? 0), 0);
  }
}
