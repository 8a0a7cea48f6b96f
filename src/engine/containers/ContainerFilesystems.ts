import { ContainerFs, containerBase } from '../fs/ContainerFs';
import type { VolumeMount } from '../fs/ContainerFs';
import { officialLayerFiles } from '../fs/officialLayerFiles';
import type { FsNode, LayerChanges, WritableLayer } from '../fs/overlay';
import { normalizePath } from '../fs/overlay';
import type { ImageStore, StoredImage } from '../images/ImageStore';
import type { ContainerRecord } from './Container';

const NO_FILES: LayerChanges = new Map();

/**
 * The root filesystems of the daemon's containers, made on first use (most
 * processes never touch a file): the image's layers from the store, the
 * container's writable layer from its record. The record keeps the writable
 * layer as plain data (`rw`), so snapshots carry what learners wrote.
 */
export class ContainerFilesystems {
  private readonly live = new Map<string, ContainerFs>();
  private readonly madeFiles = new Map<string, LayerChanges>();

  /** `volumeFiles`: a volume's files by name (the daemon's volumes), for the containers that mount it. */
  constructor(
    private readonly images: ImageStore,
    private readonly onChange: (record: ContainerRecord) => void,
    private readonly volumeFiles: (name: string) => WritableLayer | undefined = () => undefined,
  ) {}

  /** A layer's files: what a commit or build stored with it, or the official layer's generated files. */
  layerFiles(chainId: string): LayerChanges {
    const layer = this.images.layer(chainId);
    if (!layer) return NO_FILES;
    if (layer.files) {
      let files = this.madeFiles.get(chainId);
      if (!files) this.madeFiles.set(chainId, (files = new Map(layer.files)));
      return files;
    }
    return officialLayerFiles(layer.digest) ?? NO_FILES;
  }

  /** An image's layers' files, bottom first. */
  imageFiles(image: StoredImage): LayerChanges[] {
    return image.layers.map((chainId) => this.layerFiles(chainId));
  }

  /** The container's filesystem (the same object for every process of the container). */
  of(record: ContainerRecord): ContainerFs {
    let fs = this.live.get(record.id);
    if (!fs) {
      const layers = record.layers ?? this.images.get(record.imageId)?.layers ?? [];
      const base = containerBase(layers[layers.length - 1] ?? 'scratch', () => layers.map((chainId) => this.layerFiles(chainId)));
      const made: ContainerFs = new ContainerFs(base, record.rw, defaultMounts(record), () => {
        record.rw = [...made.layer.changes];
        this.onChange(record);
      });
      this.live.set(record.id, (fs = made));
      made.setVolumes(this.volumeMounts(record));
    }
    return fs;
  }

  /**
   * What the container's image (with docker's init layer) has at `path` and
   * below, paths relative to it (`/` for `path` itself, first), parents
   * before children; nothing when it is not a directory there. What docker
   * copies into an empty volume mounted at `path`.
   */
  imageTree(record: ContainerRecord, path: string): [string, FsNode][] {
    const layers = record.layers ?? this.images.get(record.imageId)?.layers ?? [];
    const base = containerBase(layers[layers.length - 1] ?? 'scratch', () => layers.map((chainId) => this.layerFiles(chainId)));
    const image = new ContainerFs(base, undefined, {});
    const root = normalizePath(path);
    if (image.node(root)?.kind !== 'dir') return [];
    return image.subtree(root).map(([full, node]): [string, FsNode] => [full === root ? '/' : full.slice(root.length), node]);
  }

  /** At a start: the daemon writes /etc/hosts and /etc/hostname again (the address may have changed). */
  refreshMounts(record: ContainerRecord): void {
    const fs = this.live.get(record.id);
    fs?.setMounts(defaultMounts(record));
    fs?.setVolumes(this.volumeMounts(record));
  }

  /** The container's volumes, each at its mount point (a volume that is gone is not mounted). */
  private volumeMounts(record: ContainerRecord): VolumeMount[] {
    return (record.mountPoints ?? []).flatMap((point) => {
      const files = point.Type === 'volume' && point.Name ? this.volumeFiles(point.Name) : undefined;
      return files ? [{ destination: point.Destination, files, readOnly: !point.RW }] : [];
    });
  }

  forget(id: string): void {
    this.live.delete(id);
  }

  clear(): void {
    this.live.clear();
    this.madeFiles.clear();
  }
}

/** The texts docker bind-mounts into a container: /etc/hostname and /etc/hosts (libnetwork's etchosts.Build). */
export function defaultMounts(record: { config: { Hostname: string }; ipAddress: string }): Record<string, string> {
  const hostname = record.config.Hostname;
  let hosts = '127.0.0.1\tlocalhost\n'
    + '::1\tlocalhost ip6-localhost ip6-loopback\n'
    + 'fe00::\tip6-localnet\n'
    + 'ff00::\tip6-mcastprefix\n'
    + 'ff02::1\tip6-allnodes\n'
    + 'ff02::2\tip6-allrouters\n';
  if (record.ipAddress) hosts += `${record.ipAddress}\t${hostname}\n`;
  return { '/etc/hostname': `${hostname}\n`, '/etc/hosts': hosts };
}
