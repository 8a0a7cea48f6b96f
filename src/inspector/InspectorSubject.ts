/**
 * What the layer inspector shows, read from the engine: an image's layers
 * (bottom first, with the instruction that made each and the other local
 * images that share it), or a container's: its image's layers and its
 * writable layer with the changes `docker diff` prints. Reads go through
 * `engine.observe`, so the inspector redrawing is not an API call the
 * learner made.
 */
import type { Engine, FilesystemChange, ImageLayer } from '../engine/Engine';
import type { LayerChanges } from '../engine/fs/overlay';
import type { ImageSummary } from '../engine/types';

/** One image layer as the inspector lists it. */
export interface SubjectLayer {
  readonly chainId: string;
  /** `sha256:…` of the compressed blob (what `docker pull` prints 12 hex digits of); '' when unknown. */
  readonly digest: string;
  readonly size: number;
  /** `docker history --no-trunc`'s CREATED BY. */
  readonly createdBy: string;
  readonly created: string;
  /** Other local images (their tags, or short ids) whose stacks hold this layer: the same chain id. */
  readonly sharedWith: readonly string[];
}

/** A container's writable layer: its entries and `docker diff`'s lines. */
export interface SubjectWritable {
  readonly files: LayerChanges;
  readonly changes: readonly FilesystemChange[];
}

/** An image or a container, ready to inspect. */
export interface InspectorSubject {
  readonly kind: 'image' | 'container';
  /** What the learner calls it: `nginx:1.28.0`, a short image id, or a container's name. */
  readonly name: string;
  /** The image id or container id. */
  readonly id: string;
  /** A container's image, as `docker ps` shows it. */
  readonly image?: string;
  /** A container's state (`running`, `exited`, …). */
  readonly state?: string;
  readonly layers: readonly SubjectLayer[];
  readonly writable?: SubjectWritable;
}

/** What to inspect: an image reference or id, or a container id or name. */
export interface InspectorTarget {
  readonly kind: 'image' | 'container';
  readonly reference: string;
}

/** The names a learner knows an image by: its tags, or its short id. */
export function imageNames(image: ImageSummary): string[] {
  const tags = image.RepoTags.filter((tag) => tag !== '<none>:<none>');
  return tags.length > 0 ? tags : [image.Id.replace(/^sha256:/, '').slice(0, 12)];
}

/**
 * Reads `target` from the engine; undefined when there is no such image or
 * container (any more).
 */
export function inspectorSubject(engine: Engine, target: InspectorTarget): InspectorSubject | undefined {
  return engine.observe(() => (target.kind === 'image' ? imageSubject(engine, target.reference) : containerSubject(engine, target.reference)));
}

function imageSubject(engine: Engine, reference: string): InspectorSubject | undefined {
  let layers: ImageLayer[];
  let id: string;
  try {
    layers = engine.imageLayers(reference);
    id = engine.imageInspect(reference).Id;
  } catch {
    return undefined;
  }
  const images = engine.imageList();
  const summary = images.find((image) => image.Id === id);
  const name = summary && !/^(sha256:)?[0-9a-f]{12,64}$/.test(reference) ? reference : summary ? imageNames(summary)[0] : reference;
  const shared = sharers(engine, images, id);
  return { kind: 'image', name, id, layers: layers.map((layer) => subjectLayer(layer, shared)) };
}

function containerSubject(engine: Engine, idOrName: string): InspectorSubject | undefined {
  const bare = idOrName.replace(/^\//, '');
  const summary = engine.containerList({ all: true }).find((c) => c.Id === bare || c.Names.includes(`/${bare}`) || (bare.length >= 3 && c.Id.startsWith(bare)));
  if (!summary) return undefined;
  let stack: ReturnType<Engine['containerLayers']>;
  try {
    stack = engine.containerLayers(summary.Id);
  } catch {
    return undefined;
  }
  let known: ImageLayer[] = [];
  try {
    known = engine.imageLayers(summary.ImageID);
  } catch {
    // The image was removed (`docker rmi -f`): the container keeps its layers, the inspector their files.
  }
  const byChain = new Map(known.map((layer) => [layer.chainId, layer]));
  const shared = sharers(engine, engine.imageList(), summary.ImageID);
  const layers = stack.layers.map((chainId) => {
    const layer = byChain.get(chainId);
    return layer ? subjectLayer(layer, shared) : { chainId, digest: '', size: 0, createdBy: '', created: '', sharedWith: shared.get(chainId) ?? [] };
  });
  return {
    kind: 'container',
    name: (summary.Names[0] ?? summary.Id).replace(/^\//, ''),
    id: summary.Id,
    image: summary.Image,
    state: summary.State,
    layers,
    writable: { files: stack.writable, changes: stack.changes },
  };
}

function subjectLayer(layer: ImageLayer, shared: ReadonlyMap<string, string[]>): SubjectLayer {
  return { chainId: layer.chainId, digest: layer.digest, size: layer.size, createdBy: layer.createdBy, created: layer.created, sharedWith: shared.get(layer.chainId) ?? [] };
}

/** Chain id -> the names of the images other than `except` whose stacks hold it. */
function sharers(engine: Engine, images: readonly ImageSummary[], except: string): Map<string, string[]> {
  const shared = new Map<string, string[]>();
  for (const image of images) {
    if (image.Id === except) continue;
    let layers: ImageLayer[];
    try {
      layers = engine.imageLayers(image.Id);
    } catch {
      continue;
    }
    for (const layer of layers) {
      const list = shared.get(layer.chainId);
      if (list) list.push(...imageNames(image));
      else shared.set(layer.chainId, imageNames(image));
    }
  }
  return shared;
}
