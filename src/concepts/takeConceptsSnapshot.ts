import type { Engine } from '../engine/Engine';
import type { ApiCall } from '../engine/operations';
import type { LessonLanguage } from '../curriculum/lesson';
import type { ConceptsCall, ConceptsSnapshot } from './ConceptsSnapshot';

/** How many calls the architecture view lists. */
export const CALLS_SHOWN = 12;

/**
 * The last API calls the daemon answered, for the architecture view: fed by
 * `engine.onApiCall`, so it sees what the terminal, the sidebar's actions and
 * (later) the API socket ask, and not the views' own reads (Engine.observe).
 */
export class ApiCallLog {
  private readonly entries: ConceptsCall[] = [];
  private readonly subscription: { dispose(): void };

  constructor(engine: Engine, private readonly onCall: (call: ConceptsCall) => void = () => undefined) {
    this.subscription = engine.onApiCall((call) => this.add(call));
  }

  private add(call: ApiCall): void {
    const entry: ConceptsCall = {
      operation: call.operation, method: call.method, path: call.path, status: call.statusCode,
      // `Docker-Client/28.2.2 (linux)`: the product, without the comment.
      ...(call.client === undefined ? {} : { client: call.client.split(' ')[0] }),
    };
    this.entries.push(entry);
    if (this.entries.length > CALLS_SHOWN) this.entries.shift();
    this.onCall(entry);
  }

  /** Oldest first. */
  get calls(): readonly ConceptsCall[] {
    return this.entries;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Reads what the concepts panel draws from `engine`, without reporting the reads as API calls. */
export function takeConceptsSnapshot(engine: Engine, calls: readonly ConceptsCall[], language: LessonLanguage): ConceptsSnapshot {
  return engine.observe(() => {
    const info = engine.info() as { KernelVersion?: string; OperatingSystem?: string };
    return {
      language,
      containers: engine.containerList({ all: true }).map((c) => ({ name: (c.Names[0] ?? '').replace(/^\//, ''), image: c.Image, state: c.State })),
      images: engine.imageList().flatMap((image) => image.RepoTags.filter((tag) => tag !== '<none>:<none>').map((reference) => ({ reference, size: image.Size }))),
      pulling: engine.pullsInProgress(),
      kernel: info.KernelVersion ?? '',
      hostOs: info.OperatingSystem ?? '',
      calls: [...calls],
    };
  });
}
