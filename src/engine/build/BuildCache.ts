import type { Layer } from '../images/ImageStore';

/** A step's result as the build cache keeps it. */
export interface CachedStep {
  /** The layer the step made, files included: put back in the store if the images holding it were deleted. */
  layer: Layer;
  /** When the step ran (ISO): its history entry's time on every image that reuses it. */
  created: string;
  /** The cache key of the state after the step: its own key and what it made. */
  resultKey: string;
}

/**
 * BuildKit's cache, as the daemon keeps it apart from images: a step whose
 * cache key (its instruction, what it starts from and, for COPY, the
 * checksums of what it copies) was seen before is not run again but
 * `CACHED`. It outlives the images built with it (`docker rmi` does not
 * empty it), as on Docker; a lab reset does.
 */
export class BuildCache {
  private readonly steps = new Map<string, CachedStep>();
  private readonly sources = new Set<string>();
  /** What the daemon holds of each build context (BuildKit's shared local source): path -> content digest. */
  private readonly contexts = new Map<string, Map<string, string>>();

  step(key: string): CachedStep | undefined {
    return this.steps.get(key);
  }

  storeStep(key: string, step: CachedStep): void {
    this.steps.set(key, step);
  }

  /** Whether a base image (by its config digest) was loaded by an earlier build. */
  hasSource(key: string): boolean {
    return this.sources.has(key);
  }

  storeSource(key: string): void {
    this.sources.add(key);
  }

  /** The context files the daemon received last time from `contextKey`, by path: their content digests. */
  context(contextKey: string): Map<string, string> {
    let files = this.contexts.get(contextKey);
    if (!files) this.contexts.set(contextKey, (files = new Map()));
    return files;
  }

  clear(): void {
    this.steps.clear();
    this.sources.clear();
    this.contexts.clear();
  }
}
