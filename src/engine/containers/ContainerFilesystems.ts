import { ContainerFs, containerBase } from '../fs/ContainerFs';
import { officialLayerFiles } from '../fs/officialLayerFiles';
import type { LayerChanges } from '../fs/overlay';
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

  constructor(private readonly images: ImageStore, private readonly onChange: (record: ContainerRecord) => void) {}

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
    }
    return fs;
  }

  /** At a start: the daemon writes /etc/hosts and /etc/hostname again (the address may have changed). */
  refreshMounts(record: ContainerRecord): void {
    this.live.get(record.id)?.setMounts(defaultMounts(record));
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
