import type { Clock } from '../Clock';
import { sleep } from '../Clock';
import { ContainerProcess } from '../containers/ContainerProcess';
import { ContainerFs, containerBase } from '../fs/ContainerFs';
import type { FsNode, LayerChanges, LayerEntry } from '../fs/overlay';
import type { Layer, StoredImage } from '../images/ImageStore';
import type { ImageStore } from '../images/ImageStore';
import type { HostInfo } from '../programs/Program';
import { findProgram } from '../programs/ProgramTable';
import type { BaseFamily, HistoryEntry, Registry, RemoteImage } from '../Registry';
import { DEFAULT_PATH } from '../Registry';
import type { ImageConfig } from '../types';
import { SIGNALS } from '../types';
import { goQuote } from '../util/goQuote';
import type { NamedReference } from '../util/reference';
import { parseNormalizedNamed, referenceString, tagNameOnly, withDigest } from '../util/reference';
import { sha256Hex } from '../util/sha256';
import type { BuildCache, CachedStep } from './BuildCache';
import type { BuildContext, BuildOptions, BuildResult } from './BuildContext';
import { BuildError } from './BuildError';
import type { SourceLines } from './BuildError';
import type { BuildEvent, BuildWarning } from './BuildEvent';
import type { DockerfileCommand, DockerfileStage, InstructionBase, LintFinding, ParsedDockerfile } from './parseDockerfile';
import { DockerfileSyntaxError, parseDockerfile, suggest } from './parseDockerfile';
import { ShellLexError, processWord, processWords } from './ShellLex';
import type { EnvLookup } from './ShellLex';
import type { SourceTree } from './SourceTree';
import { cleanPath, contextTree, filesystemTree, hasWildcards, resolveLinks, resolveWildcards } from './SourceTree';

/** What the builder needs of the daemon: its stores, its clock, and a way to announce what it made. */
export interface BuildBackend {
  readonly clock: Clock;
  readonly host: HostInfo;
  readonly registry: Registry;
  readonly images: ImageStore;
  readonly cache: BuildCache;
  /** Lab seconds a download takes per compressed megabyte (0 = instant). */
  readonly pullSecondsPerMegabyte: number;
  /** A layer's files (lab-made ones stored, official ones generated). */
  layerFiles(chainId: string): LayerChanges;
  /** Logs an image event (`tag`) as the daemon does. */
  emitImageEvent(action: string, id: string, attributes: Record<string, string>): void;
  /** The image list changed. */
  imagesChanged(): void;
}

/** The diff id of an empty layer: a step that changed nothing still makes one (moby's exporter keeps them). */
const EMPTY_LAYER_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';
/** dockerfile2llb's historyComment. */
const HISTORY_COMMENT = 'buildkit.dockerfile.v0';
const DEFAULT_SHELL = ['/bin/sh', '-c'];
/** BuildKit's default hostname for RUN containers. */
const SANDBOX_HOSTNAME = 'buildkitsandbox';
const SANDBOX_MOUNTS = {
  '/etc/hostname': `${SANDBOX_HOSTNAME}\n`,
  '/etc/hosts': `127.0.0.1\tlocalhost ${SANDBOX_HOSTNAME}\n::1\tlocalhost ip6-localhost ip6-loopback\n`,
};
/** Lab time a RUN container takes to start (runc create + start), before its first output. */
const CONTAINER_START_MS = 100;
/** Lab time to resolve a tag on the registry (`load metadata`). */
const REGISTRY_RESOLVE_MS = 300;
/** The platform the lab builds for (its registry holds linux/amd64 images). */
const PLATFORM_ARGS: ReadonlyArray<[string, string]> = [
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
];

/**
 * The daemon's builder (BuildKit with the Dockerfile frontend, as dockerd
 * 28 runs it): parses the Dockerfile, resolves and pulls the base images,
 * runs each RUN in a container of the step before it, copies from the
 * context, and exports the result to the image store with its tags. Every
 * step is cached by what it does and what it starts from.
 */
export class ImageBuilder {
  constructor(private readonly backend: BuildBackend) {}

  /** Builds; progress goes to `onProgress` as BuildKit's status stream. Throws BuildError when the build fails. */
  build(context: BuildContext, options: BuildOptions, onProgress: (event: BuildEvent) => void): Promise<BuildResult> {
    return new BuildRun(this.backend, context, options, onProgress).run();
  }
}

/** A base image as the frontend resolved it. */
interface BaseImage {
  /** `docker.io/library/alpine:latest`: what `load metadata for` names. */
  reference: string;
  /** The FROM vertex's reference: pinned by digest when it came from the registry, as written when it was local. */
  pinned: string;
  id: string;
  config: ImageConfig;
  history: HistoryEntry[];
  /** Chain ids, bottom first. */
  layers: string[];
  family: BaseFamily;
  /** The official image whose programs run in it. */
  origin: string | undefined;
  author: string;
  /** The registry's image, when its layers may still have to be pulled. */
  remote?: RemoteImage;
}

/** A history entry of the image being built; new ones get their time when the image is exported. */
interface PendingHistory {
  createdBy: string;
  emptyLayer: boolean;
  created: string | undefined;
  comment?: string;
}

/** A stage while it is built: dockerfile2llb's dispatchState. */
interface StageState {
  stage: DockerfileStage;
  /** Its place among all states (stages, then implicit `COPY --from=image` ones). */
  index: number;
  /** The name vertex prefixes use: '' when there is one state, else the stage's name or `stage-N`. */
  prefixName: string;
  cmdTotal: number;
  cmdIndex: number;
  /** Made from an image reference by `COPY --from=nginx`, not written as a stage. */
  implicit: boolean;
  parent?: StageState;
  base?: BaseImage;
  scratch: boolean;
  dispatched: boolean;
  config: ImageConfig;
  shell: string[] | undefined;
  history: PendingHistory[];
  layers: string[];
  env: Map<string, string>;
  buildArgs: { key: string; value: string | undefined }[];
  workdir: string;
  user: string;
  /** The cache key of the state so far (its LLB definition's digest). */
  key: string;
  family: BaseFamily;
  origin: string | undefined;
  author: string;
  cmdSet: boolean;
}

/** One line of the progress: a vertex of the build graph. */
class Vertex {
  readonly id: string;
  readonly started: number;
  private finished = false;

  constructor(private readonly run: BuildRun, readonly name: string) {
    this.id = `vertex-${++run.vertexCount}`;
    this.started = run.now();
    run.emit({ type: 'vertex', vertex: this.id, name, started: this.started });
  }

  status(id: string, fields: { current?: number; total?: number; started?: number; completed?: number }): void {
    this.run.emit({ type: 'status', vertex: this.id, id, ...fields });
  }

  /** A status that starts and ends at once (`naming to ...`). */
  oneOff(id: string, current?: number): void {
    const now = this.run.now();
    this.status(id, { ...(current !== undefined ? { current } : {}), started: now, completed: now });
  }

  log(stream: 'stdout' | 'stderr', data: string): void {
    this.run.emit({ type: 'log', vertex: this.id, stream, data, time: this.run.now() });
  }

  warn(warning: BuildWarning): void {
    this.run.emit({ type: 'warning', vertex: this.id, warning });
  }

  done(cached = false): void {
    if (this.finished) return;
    this.finished = true;
    this.run.emit({ type: 'vertex', vertex: this.id, name: this.name, started: this.started, completed: this.run.now(), ...(cached ? { cached } : {}) });
  }

  fail(error: string): void {
    if (this.finished) return;
    this.finished = true;
    this.run.emit({ type: 'vertex', vertex: this.id, name: this.name, started: this.started, completed: this.run.now(), error });
  }
}

/** A failure of one step: the vertex's error and the solve's (they differ for COPY's cache key errors). */
class StepFailure extends Error {
  constructor(readonly vertexError: string, readonly solveError: string, readonly canceled = false) {
    super(solveError);
  }
}

class BuildRun {
  vertexCount = 0;
  private readonly clock: Clock;
  private readonly dockerfileName: string;
  private dockerfileText = '';
  private parsed!: ParsedDockerfile;
  private states: StageState[] = [];
  private globalArgs = new Map<string, string>();
  private readonly buildArgs: ReadonlyMap<string, string>;
  private readonly metadata = new Map<string, BaseImage>();
  private contextVertexDone = false;
  private contextTreeCache: SourceTree | undefined;
  private running: ContainerProcess | undefined;

  constructor(
    private readonly backend: BuildBackend,
    private readonly context: BuildContext,
    private readonly options: BuildOptions,
    private readonly onProgress: (event: BuildEvent) => void,
  ) {
    this.clock = backend.clock;
    this.dockerfileName = context.dockerfile.name;
    this.buildArgs = new Map(Object.entries(options.buildArgs ?? {}));
  }

  now(): number {
    return this.clock.now();
  }

  emit(event: BuildEvent): void {
    this.onProgress(event);
  }

  async run(): Promise<BuildResult> {
    const abort = () => this.running?.signal('SIGKILL');
    this.options.signal?.addEventListener('abort', abort);
    try {
      const target = this.loadDefinition();
      await this.resolveMetadata();
      this.loadDockerignore();
      await this.loadBases();
      // The context is loaded beside the bases, before any step, when a built stage copies from it.
      const reached = this.states.filter((state) => this.reachable.has(state));
      if (reached.some((state) => state.stage.commands.some((c) => this.copiesFromContext(c)))) this.loadBuildContext();
      for (const state of this.states) {
        if (!state.dispatched && this.reachable.has(state)) await this.dispatchStage(state);
      }
      return this.export(target);
    } finally {
      this.options.signal?.removeEventListener('abort', abort);
    }
  }

  private reachable = new Set<StageState>();

  // ------------------------------------------------------------ definition

  /** `[internal] load build definition from Dockerfile`: reads and parses the Dockerfile, finds the target. */
  private loadDefinition(): StageState {
    const vertex = new Vertex(this, `[internal] load build definition from ${this.dockerfileName}`);
    const text = this.context.dockerfile.text;
    vertex.oneOff('transferring dockerfile:', transferSize(text === undefined ? [] : [[this.dockerfileName, text]]));
    if (text === undefined) {
      vertex.done();
      throw new BuildError(`failed to read dockerfile: open ${this.dockerfileName}: no such file or directory`);
    }
    this.dockerfileText = text;
    try {
      this.parsed = parseDockerfile(text);
    } catch (e) {
      vertex.done();
      if (e instanceof DockerfileSyntaxError) throw this.sourceError(e.message, e.location);
      throw e;
    }
    let target: StageState;
    try {
      target = this.setUpStages();
    } catch (e) {
      vertex.done();
      throw e;
    }
    for (const finding of [...this.parsed.lint, ...this.dispatchLint()].sort((a, b) => a.location.start - b.location.start)) {
      const warning: BuildWarning = {
        short: `${finding.rule}: ${finding.message}${finding.location.start > 0 ? ` (line ${finding.location.start})` : ''}`,
        rule: finding.rule,
        url: finding.url,
        location: finding.location,
      };
      vertex.warn(warning);
    }
    vertex.done();
    return target;
  }

  private sourceError(message: string, location: SourceLines | undefined): BuildError {
    return new BuildError(message, location ? { filename: this.dockerfileName, text: this.dockerfileText, ranges: [location] } : undefined);
  }

  /** The dispatch states: global ARGs, base names, stage names, the target and what it needs. */
  private setUpStages(): StageState {
    const stages = this.parsed.stages;
    this.globalArgs = new Map(PLATFORM_ARGS);
    for (const meta of this.parsed.metaArgs) {
      for (const arg of meta.args) {
        let value = this.buildArgs.get(arg.key);
        if (value === undefined && arg.value !== undefined) value = this.expand(arg.value, this.globalArgs, meta.location);
        if (value !== undefined) this.globalArgs.set(arg.key, value);
        else this.globalArgs.delete(arg.key);
      }
    }
    const byName = new Map<string, StageState>();
    for (const [index, stage] of stages.entries()) {
      const baseName = this.expand(stage.baseName, this.globalArgs, stage.location);
      if (baseName === '') throw this.sourceError(`base name (${stage.baseName}) should not be blank`, stage.location);
      stage.baseName = baseName;
      const parent = byName.get(baseName.toLowerCase());
      const scratch = !parent && baseName.toLowerCase() === 'scratch';
      const state = this.newState(stage, index, false, parent, scratch);
      state.cmdTotal = (!scratch && !parent ? 1 : 0) + stage.commands.filter((c) => ['ADD', 'COPY', 'RUN', 'WORKDIR'].includes(c.kind)).length;
      this.states.push(state);
      if (stage.name) byName.set(stage.name, state);
    }
    let target: StageState;
    if (this.options.target) {
      const found = byName.get(this.options.target.toLowerCase());
      if (!found) {
        const suggestion = suggest(this.options.target, [...byName.keys()]);
        throw new BuildError(`target stage ${goQuote(this.options.target)} could not be found${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
      }
      target = found;
    } else {
      target = this.states[this.states.length - 1];
    }
    // toCommand: COPY --from names a stage (by name or index) or, failing that, an image.
    const copySources = new Map<DockerfileCommand, StageState>();
    for (const state of [...this.states]) {
      for (const command of state.stage.commands) {
        if ((command.kind !== 'COPY') || command.from === '') continue;
        let source: StageState | undefined;
        if (/^\d+$/.test(command.from)) {
          source = this.states.filter((s) => !s.implicit)[Number(command.from)];
          if (!source) throw this.sourceError(`invalid stage index ${command.from}`, command.location);
        } else {
          source = byName.get(command.from.toLowerCase());
        }
        if (!source) {
          const stage: DockerfileStage = {
            kind: 'FROM', keyword: 'FROM', written: 'FROM', original: `FROM ${command.from}`, location: command.location,
            baseName: command.from, name: '', asWritten: '', platform: '', commands: [],
          };
          source = this.newState(stage, this.states.length, true, undefined, command.from.toLowerCase() === 'scratch');
          this.states.push(source);
        }
        copySources.set(command, source);
      }
    }
    this.copySources = copySources;
    if (this.states.length > 1) {
      for (const state of this.states) state.prefixName = state.stage.name || `stage-${state.index}`;
    }
    const visit = (state: StageState) => {
      if (this.reachable.has(state)) return;
      this.reachable.add(state);
      if (state.parent) visit(state.parent);
      for (const command of state.stage.commands) {
        const source = copySources.get(command);
        if (source) visit(source);
      }
    };
    visit(target);
    return target;
  }

  private copySources = new Map<DockerfileCommand, StageState>();
  private readonly loadedSources = new Set<string>();

  private newState(stage: DockerfileStage, index: number, implicit: boolean, parent: StageState | undefined, scratch: boolean): StageState {
    return {
      stage, index, prefixName: '', cmdTotal: 0, cmdIndex: 0, implicit, parent, scratch, dispatched: false,
      config: emptyConfig(), shell: undefined, history: [], layers: [], env: new Map(), buildArgs: [], workdir: '/', user: '',
      key: '', family: 'scratch', origin: undefined, author: '', cmdSet: false,
    };
  }

  /** The checks dockerfile2llb runs while dispatching (JSONArgsRecommended, MultipleInstructionsDisallowed, ...), for the stages built. */
  private dispatchLint(): LintFinding[] {
    const findings: LintFinding[] = [];
    const url = (slug: string) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
    for (const state of this.states) {
      if (!this.reachable.has(state)) continue;
      let shellSet = false;
      for (let parent = state.parent; parent; parent = parent.parent) {
        if (parent.stage.commands.some((c) => c.kind === 'SHELL')) shellSet = true;
      }
      const used = new Map<string, SourceLines>();
      let workdirSet = false;
      for (const command of state.stage.commands) {
        if (command.kind === 'SHELL') shellSet = true;
        if (command.kind === 'CMD' || command.kind === 'ENTRYPOINT' || command.kind === 'HEALTHCHECK') {
          const previous = used.get(command.kind);
          if (previous) {
            findings.push({ rule: 'MultipleInstructionsDisallowed', message: `Multiple ${command.written} instructions should not be used in the same stage because only the last one will be used`, url: url('multiple-instructions-disallowed'), location: previous });
          }
          used.set(command.kind, command.location);
        }
        if ((command.kind === 'CMD' || command.kind === 'ENTRYPOINT') && command.prependShell && !shellSet) {
          findings.push({ rule: 'JSONArgsRecommended', message: `JSON arguments recommended for ${command.written} to prevent unintended behavior related to OS signals`, url: url('json-args-recommended'), location: command.location });
        }
        if ((command.kind === 'ENV' || command.kind === 'LABEL') && command.pairs.some((pair) => pair.noDelimiter)) {
          findings.push({ rule: 'LegacyKeyValueFormat', message: `"${command.written} key=value" should be used instead of legacy "${command.written} key value" format`, url: url('legacy-key-value-format'), location: command.location });
        }
        if (command.kind === 'WORKDIR') {
          if (!workdirSet && !command.value.startsWith('/') && !command.value.startsWith('$')) {
            findings.push({ rule: 'WorkdirRelativePath', message: `Relative workdir ${goQuote(command.value)} can have unexpected results if the base image changes`, url: url('workdir-relative-path'), location: command.location });
          }
          workdirSet = true;
        }
      }
    }
    return findings;
  }

  // ------------------------------------------------------------ bases

  /** `[internal] load metadata for ...`: each base image's config, from the image store or the registry. */
  private async resolveMetadata(): Promise<void> {
    for (const state of this.states) {
      if (!this.reachable.has(state) || state.parent || state.scratch) continue;
      const written = state.stage.baseName;
      let reference: NamedReference;
      try {
        reference = tagNameOnly(parseNormalizedNamed(written));
      } catch (e) {
        throw this.sourceError(`failed to parse stage name ${goQuote(written)}: ${e instanceof Error ? e.message : String(e)}`, state.stage.location);
      }
      const name = referenceString(reference);
      let base = this.metadata.get(name);
      if (!base) {
        const vertex = new Vertex(this, `[internal] load metadata for ${name}`);
        try {
          base = await this.resolveImage(reference, name);
        } catch (e) {
          if (!(e instanceof StepFailure)) throw e;
          vertex.fail(e.vertexError);
          throw this.sourceError(`${written}: failed to resolve source metadata for ${name}: ${e.solveError}`, state.stage.location);
        }
        vertex.done();
        this.metadata.set(name, base);
      }
      state.base = base;
    }
  }

  /** moby's ResolveImageConfig in the default mode: a local image first, then the registry. */
  private async resolveImage(reference: NamedReference, name: string): Promise<BaseImage> {
    const local = this.backend.images.byReference(name);
    if (local) return baseFromStored(local, name);
    if (reference.domain !== 'docker.io') {
      await sleep(this.clock, REGISTRY_RESOLVE_MS);
      const failure = `failed to do request: Head "https://${reference.domain}/v2/${reference.path}/manifests/${reference.digest ?? reference.tag}": dial tcp: lookup ${reference.domain.split(':')[0]}: no such host`;
      throw new StepFailure(failure, failure);
    }
    await sleep(this.clock, REGISTRY_RESOLVE_MS);
    const remote = this.backend.registry.resolve(reference.path, reference.digest ?? reference.tag ?? 'latest');
    if (!remote) {
      const failure = this.backend.registry.hasRepository(reference.path)
        ? `${name}: not found`
        : 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
      throw new StepFailure(failure, failure);
    }
    const chain: string[] = [];
    for (const layer of remote.layers) chain.push(chain.length ? `sha256:${sha256Hex(`${chain[chain.length - 1]} ${layer.diffId}`)}` : layer.diffId);
    return {
      reference: name,
      pinned: reference.digest ? name : referenceString(withDigest(reference, remote.indexDigest)),
      id: remote.imageId,
      config: structuredClone(remote.config),
      history: remote.history.map((h) => ({ ...h })),
      layers: chain,
      family: remote.family,
      origin: remote.imageId,
      author: '',
      remote,
    };
  }

  /** `[internal] load .dockerignore`: the patterns the client applied. */
  private loadDockerignore(): void {
    const vertex = new Vertex(this, '[internal] load .dockerignore');
    vertex.oneOff('transferring context:', transferSize(this.context.dockerignore ? [['.dockerignore', this.context.dockerignore]] : []));
    vertex.done();
  }

  /** The FROM vertices: each base's layers, pulled when the daemon does not have them yet. */
  private async loadBases(): Promise<void> {
    for (const state of this.states) {
      if (!this.reachable.has(state) || state.parent) continue;
      this.initState(state);
      // An implicit stage (`COPY --from=nginx`) is its base image alone: ready once loaded.
      state.dispatched = state.implicit;
      if (!state.base) continue;
      const base = state.base;
      const name = this.prefix(state, `FROM ${base.pinned}`);
      // Stages on the same base share its source operation: BuildKit shows one vertex for them.
      if (this.loadedSources.has(base.pinned)) continue;
      this.loadedSources.add(base.pinned);
      const vertex = new Vertex(this, name);
      const sourceKey = `from ${base.id}`;
      if (base.remote) {
        const started = this.now();
        vertex.status(`resolve ${base.pinned}`, { started, completed: started });
      }
      const missing = base.remote ? base.remote.layers.filter((_, i) => !this.backend.images.hasLayer(base.layers[i])) : [];
      if (base.remote && missing.length) await this.pull(vertex, base);
      if (base.remote) this.addRemoteLayers(base);
      const cached = this.backend.cache.hasSource(sourceKey) && missing.length === 0;
      this.backend.cache.storeSource(sourceKey);
      vertex.done(cached);
    }
  }

  /** Downloads and extracts a base's missing layers, with BuildKit's per-blob statuses. */
  private async pull(vertex: Vertex, base: BaseImage): Promise<void> {
    const remote = base.remote as RemoteImage;
    const layers = remote.layers.filter((_, i) => !this.backend.images.hasLayer(base.layers[i]));
    for (const layer of layers) {
      const started = this.now();
      vertex.status(layer.digest, { current: 0, total: layer.compressedSize, started });
      const seconds = (layer.compressedSize / 1_000_000) * this.backend.pullSecondsPerMegabyte;
      if (seconds > 0) await sleep(this.clock, seconds * 1000);
      vertex.status(layer.digest, { current: layer.compressedSize, total: layer.compressedSize, started, completed: this.now() });
    }
    for (const layer of layers) {
      const started = this.now();
      const seconds = (layer.size / 1_000_000) * this.backend.pullSecondsPerMegabyte * 0.25;
      if (seconds > 0) await sleep(this.clock, seconds * 1000);
      vertex.status(`extracting ${layer.digest}`, { started, completed: this.now() });
    }
  }

  private addRemoteLayers(base: BaseImage): void {
    const remote = base.remote as RemoteImage;
    remote.layers.forEach((layer, i) => {
      this.backend.images.addLayer({ digest: layer.digest, diffId: layer.diffId, chainId: base.layers[i], size: layer.size, compressedSize: layer.compressedSize });
    });
  }

  /** A stage's starting point: its base image's (or base stage's) files, config and history. */
  private initState(state: StageState): void {
    if (state.parent) {
      const parent = state.parent;
      Object.assign(state, {
        config: structuredClone(parent.config), shell: parent.shell, history: parent.history.map((h) => ({ ...h })),
        layers: [...parent.layers], env: new Map(parent.env), workdir: parent.workdir, user: parent.user,
        key: parent.key, family: parent.family, origin: parent.origin, author: parent.author,
      });
      return;
    }
    if (state.base) {
      const base = state.base;
      state.config = structuredClone(base.config);
      state.history = base.history.map((h) => ({ createdBy: h.createdBy, emptyLayer: h.emptyLayer, created: h.created, ...(h.comment !== undefined ? { comment: h.comment } : {}) }));
      state.layers = [...base.layers];
      state.family = base.family;
      state.origin = base.origin;
      state.author = base.author;
      state.key = sha256Hex(`from ${base.id}`);
    } else {
      state.key = sha256Hex('scratch');
    }
    // dockerfile2llb: PATH is always set, the image's env and working directory and user carried over.
    if (!state.config.Env.some((entry) => entry.split('=')[0] === 'PATH')) state.config.Env.push(DEFAULT_PATH);
    for (const entry of state.config.Env) {
      const equals = entry.indexOf('=');
      state.env.set(equals < 0 ? entry : entry.slice(0, equals), equals < 0 ? '' : entry.slice(equals + 1));
    }
    state.workdir = state.config.WorkingDir || '/';
    state.user = state.config.User;
  }

  private prefix(state: StageState, text: string): string {
    if (state.cmdTotal === 0) return text;
    state.cmdIndex++;
    const width = Math.floor(1 + Math.log10(state.cmdTotal));
    return `[${state.prefixName ? `${state.prefixName} ` : ''}${String(state.cmdIndex).padStart(width, ' ')}/${state.cmdTotal}] ${text}`;
  }

  // ------------------------------------------------------------ dispatch

  private async dispatchStage(state: StageState): Promise<void> {
    // A stage built on another starts from where that one ended (it comes earlier, so it is done).
    if (state.parent) this.initState(state);
    state.dispatched = true;
    for (const command of state.stage.commands) {
      try {
        await this.dispatch(state, command);
      } catch (e) {
        if (e instanceof ShellLexError) throw this.sourceError(e.message, command.location);
        if (e instanceof StepFailure) throw this.sourceError(e.solveError, command.location);
        throw e;
      }
    }
  }

  private async dispatch(state: StageState, command: DockerfileCommand): Promise<void> {
    switch (command.kind) {
      case 'ENV': {
        const pairs = command.pairs.map((pair) => [this.expand(pair.key, state.env), this.expand(pair.value, state.env)] as const);
        for (const [key, value] of pairs) {
          state.env.set(key, value);
          state.config.Env = addEnv(state.config.Env, key, value);
        }
        this.commit(state, `ENV ${pairs.map(([key, value]) => `${key}=${value}`).join(' ')}`);
        return;
      }
      case 'LABEL': {
        const pairs = command.pairs.map((pair) => [this.expand(pair.key, state.env), this.expand(pair.value, state.env)] as const);
        state.config.Labels = { ...(state.config.Labels ?? {}) };
        for (const [key, value] of pairs) state.config.Labels[key] = value;
        this.commit(state, `LABEL ${pairs.map(([key, value]) => `${key}=${value}`).join(' ')}`);
        return;
      }
      case 'ARG':
        this.dispatchArg(state, command);
        return;
      case 'MAINTAINER':
        state.author = command.value;
        this.commit(state, `MAINTAINER ${command.value}`);
        return;
      case 'USER': {
        const user = this.expand(command.value, state.env);
        state.user = user;
        state.config.User = user;
        this.commit(state, `USER ${user}`);
        return;
      }
      case 'EXPOSE': {
        const ports = command.ports.flatMap((port) => processWords(port, state.env));
        const specs = new Set<string>();
        for (const port of ports) for (const spec of parsePortSpec(port)) specs.add(spec);
        state.config.ExposedPorts = { ...(state.config.ExposedPorts ?? {}) };
        for (const spec of specs) state.config.ExposedPorts[spec] = {};
        this.commit(state, `EXPOSE map[${[...specs].sort().map((spec) => `${spec}:{}`).join(' ')}]`);
        return;
      }
      case 'VOLUME': {
        const volumes = command.volumes.map((volume) => this.expand(volume, state.env));
        if (volumes.some((volume) => volume === '')) throw this.sourceError('VOLUME specified can not be an empty string', command.location);
        state.config.Volumes = { ...(state.config.Volumes ?? {}) };
        for (const volume of volumes) state.config.Volumes[volume] = {};
        this.commit(state, `VOLUME [${volumes.join(' ')}]`);
        return;
      }
      case 'STOPSIGNAL': {
        const signal = this.expand(command.value, state.env);
        if (!isSignal(signal)) throw this.sourceError(`invalid signal: ${signal}`, command.location);
        state.config.StopSignal = signal;
        this.commit(state, `STOPSIGNAL ${signal}`);
        return;
      }
      case 'SHELL':
        state.shell = [...command.shell];
        this.commit(state, `SHELL [${command.shell.join(' ')}]`);
        return;
      case 'CMD':
      case 'ENTRYPOINT': {
        const args = command.prependShell ? [...(state.shell ?? DEFAULT_SHELL), command.args.join(' ')] : [...command.args];
        if (command.kind === 'CMD') {
          state.config.Cmd = args;
          state.cmdSet = true;
        } else {
          state.config.Entrypoint = args;
          if (!state.cmdSet) state.config.Cmd = null;
        }
        this.commit(state, `${command.kind} [${args.map((arg) => goQuote(arg)).join(' ')}]`);
        return;
      }
      case 'HEALTHCHECK':
        this.commit(state, `HEALTHCHECK &{[${(command.test ?? []).map((arg) => goQuote(arg)).join(' ')}] ${['interval', 'timeout', 'start-period', 'start-interval'].map((name) => goQuote(command.options[name] ?? '0s')).join(' ')} ${goQuote(String.fromCharCode(Number(command.options.retries ?? 0)), "'")}}`);
        return;
      case 'ONBUILD':
        state.config.OnBuild = [...(state.config.OnBuild ?? []), command.expression];
        return;
      case 'WORKDIR':
        await this.dispatchWorkdir(state, command);
        return;
      case 'RUN':
        await this.dispatchRun(state, command);
        return;
      case 'COPY':
      case 'ADD':
        await this.dispatchCopy(state, command);
        return;
    }
  }

  /** dispatchArg: a stage ARG takes the --build-arg, else its default, else a global ARG's value. */
  private dispatchArg(state: StageState, command: Extract<DockerfileCommand, { kind: 'ARG' }>): void {
    const committed: string[] = [];
    for (const arg of command.args) {
      let value: string | undefined;
      if (this.buildArgs.has(arg.key)) value = this.buildArgs.get(arg.key);
      else if (arg.value !== undefined) value = this.expand(arg.value, state.env, command.location);
      else value = this.globalArgs.get(arg.key);
      if (value !== undefined) state.env.set(arg.key, value);
      state.buildArgs.push({ key: arg.key, value });
      committed.push(value !== undefined ? `${arg.key}=${value}` : arg.key);
    }
    this.commit(state, `ARG ${committed.join(' ')}`);
  }

  /** A metadata-only history entry (no layer). */
  private commit(state: StageState, createdBy: string): void {
    state.history.push({ createdBy, emptyLayer: true, created: undefined, comment: HISTORY_COMMENT });
  }

  private async dispatchWorkdir(state: StageState, command: InstructionBase & { value: string }): Promise<void> {
    const requested = this.expand(command.value, state.env);
    const workdir = cleanPath(requested.startsWith('/') ? requested : `${state.config.WorkingDir || '/'}/${requested}`);
    state.config.WorkingDir = workdir;
    state.workdir = workdir;
    if (workdir === '/') {
      state.history.push({ createdBy: `WORKDIR ${workdir}`, emptyLayer: true, created: undefined, comment: HISTORY_COMMENT });
      return;
    }
    const name = this.prefix(state, uppercaseCommand(this.processCommandText(command.original, state.env, false)));
    // The mkdir is a file operation: --no-cache does not reach it (dockerfile2llb sets IgnoreCache only on RUN and COPY).
    await this.step(state, name, { kind: 'mkdir', workdir }, false, async (fs) => {
      fs.mkdir(workdir, { parents: true });
    }, `WORKDIR ${workdir}`, command.location);
  }

  private async dispatchRun(state: StageState, command: Extract<DockerfileCommand, { kind: 'RUN' }>): Promise<void> {
    let args = command.args;
    let customName = command.original;
    if (command.heredocs.length) {
      const heredoc = command.heredocs[0];
      if (command.args.length === 1 && /^<<-?["']?[^"'<]+["']?$/.test(command.args[0].trim())) {
        args = [heredoc.content];
        const lines = heredoc.content.trim().split('\n');
        customName += ` (${lines[0]}${lines.length > 1 ? '...' : ''})`;
      } else {
        args = [`${command.args.join(' ')}\n${command.heredocs.map((file) => `${file.content}${file.name}`).join('\n')}`];
      }
    }
    if (command.prependShell) args = [...(state.shell ?? DEFAULT_SHELL), args.join(' ')];
    const name = this.prefix(state, uppercaseCommand(this.processCommandText(customName, state.env, true)));
    const history = `RUN ${runCommandString(args, state.buildArgs, state.env)} # buildkit`;
    const env = [...state.env].map(([key, value]) => `${key}=${value}`);
    const workdir = state.workdir;
    await this.step(state, name, { kind: 'exec', args, env, workdir, user: state.user }, !!this.options.noCache, async (fs, vertex) => {
      await this.exec(state, fs, vertex, args, env, workdir);
    }, history, command.location);
  }

  /** Runs a RUN's process in a container of the step before it; a non-zero exit fails the step. */
  private async exec(state: StageState, fs: ContainerFs, vertex: Vertex, args: string[], env: string[], workdir: string): Promise<void> {
    const command = args.join(' ');
    const pathEnv = env.find((entry) => entry.startsWith('PATH=')) ?? `${DEFAULT_PATH}`;
    const programImage = state.origin ?? '';
    await sleep(this.clock, CONTAINER_START_MS, this.options.signal);
    if (this.options.signal?.aborted) throw new StepFailure('context canceled', 'Canceled: context canceled', true);
    const program = findProgram(state.family, programImage, args[0] ?? '', pathEnv);
    if (!program) {
      const reason = (args[0] ?? '').includes('/')
        ? `exec: ${goQuote(args[0])}: stat ${args[0]}: no such file or directory`
        : `exec: ${goQuote(args[0] ?? '')}: executable file not found in $PATH`;
      const message = `process ${goQuote(command)} did not complete successfully: runc run failed: unable to start container process: error during container init: ${reason}`;
      throw new StepFailure(message, message);
    }
    if (fs.node(workdir)?.kind !== 'dir') fs.mkdir(workdir, { parents: true });
    const process = new ContainerProcess(program, {
      argv: args,
      env: [...env, ...(env.some((entry) => entry.startsWith('HOME=')) ? [] : ['HOME=/root'])],
      hostname: SANDBOX_HOSTNAME,
      cwd: workdir,
      tty: false,
      interactive: false,
      host: this.backend.host,
      family: state.family,
      imageReference: programImage,
      previousStarts: 0,
      resumed: false,
      startedAt: this.now(),
      clock: this.clock,
      write: (stream, text) => vertex.log(stream, text),
      files: fs,
      resolveProgram: (name) => findProgram(state.family, programImage, name, pathEnv),
    });
    this.running = process;
    process.start();
    const code = await process.exited;
    this.running = undefined;
    if (this.options.signal?.aborted) throw new StepFailure('context canceled', 'Canceled: context canceled', true);
    if (code !== 0) {
      const message = `process ${goQuote(command)} did not complete successfully: exit code: ${code}`;
      throw new StepFailure(message, message);
    }
  }

  private async dispatchCopy(state: StageState, command: Extract<DockerfileCommand, { kind: 'COPY' | 'ADD' }>): Promise<void> {
    const sources = command.sources.map((source) => this.expand(source, state.env));
    const destWritten = this.expand(command.dest, state.env);
    const chown = this.expand(command.chown, state.env);
    const chmod = this.expand(command.chmod, state.env);
    if (chmod !== '' && !/^[0-7]{1,4}$/.test(chmod)) {
      throw this.sourceError(`invalid chmod parameter: '${chmod}'. it should be octal string and between 0 and 07777`, command.location);
    }
    const from = this.copySources.get(command);
    if (from && !from.dispatched) {
      throw this.sourceError(`cannot copy from stage ${goQuote(command.from)}, it needs to be defined before current stage ${goQuote(state.prefixName || state.stage.name)}`, command.location);
    }
    for (const source of sources) {
      if (/^https?:\/\//.test(source)) {
        if (command.kind === 'COPY') throw this.sourceError('source can\'t be a URL for COPY', command.location);
      }
    }
    // pathRelativeToWorkingDir: relative destinations are below WORKDIR; a trailing slash (or `.`) means a directory.
    const destRelative = destWritten === '.' || destWritten === '' ? './' : destWritten;
    const destIsDir = /\/\.?$/.test(destRelative);
    const dest = cleanPath(destRelative.startsWith('/') ? destRelative : `${state.workdir}/${destRelative}`);

    if (this.copiesFromContext(command)) this.loadBuildContext();
    const tree = from ? filesystemTree(this.filesystem(from.layers)) : this.contextSource();
    const name = this.prefix(state, uppercaseCommand(this.processCommandText(command.original, state.env, false)));
    let commitMessage = command.kind;
    if (chown) commitMessage += ` --chown=${chown}`;
    if (chmod) commitMessage += ` --chmod=${chmod}`;
    for (const source of sources) commitMessage += ` ${source}`;
    for (const file of command.contents) commitMessage += ` <<${file.name}`;
    commitMessage += ` ${destWritten} # buildkit`;

    const vertexRef = () => `moby::${base36(sha256Hex(`${this.context.key} ${from ? from.key : 'context'} ${this.now()}`)).slice(0, 25)}`;
    const plan: CopyPlan[] = [];
    const checksums: string[] = [];
    for (const source of sources) {
      if (/^https?:\/\//.test(source)) {
        // The lab has no network: the HTTP source cannot be fetched to compute its cache key.
        const failure = `failed to load cache key: Get ${goQuote(source)}: dial tcp: lookup ${new URL(source).hostname}: no such host`;
        plan.push({ kind: 'missing', failure, solveError: failure });
        continue;
      }
      const cleaned = cleanPath(source);
      const matches = hasWildcards(cleaned) ? resolveWildcards(tree, cleaned) : [cleaned];
      for (const match of matches) {
        const resolved = resolveLinks(tree, match);
        const node = resolved === undefined ? undefined : tree.get(resolved);
        if (resolved === undefined || !node) {
          const failure = `failed to calculate checksum of ref ${vertexRef()}: ${goQuote(match)}: not found`;
          plan.push({ kind: 'missing', failure, solveError: `failed to compute cache key: ${failure}` });
          continue;
        }
        plan.push({ kind: 'copy', path: resolved, node });
        checksums.push(`${match} ${checksumOf(tree, resolved)}`);
      }
    }
    for (const file of command.contents) {
      checksums.push(`<<${file.name} ${sha256Hex(file.content)}`);
    }
    const missing = plan.find((item): item is Extract<CopyPlan, { kind: 'missing' }> => item.kind === 'missing');
    const mode = chmod ? parseInt(chmod, 8) : undefined;
    await this.step(state, name, { kind: 'copy', dest, destIsDir, sources: checksums, chmod }, !!this.options.noCache, async (fs) => {
      const copyInto = (target: string, node: FsNode) => {
        ensureDirectory(fs, target.slice(0, target.lastIndexOf('/')) || '/');
        const entry: FsNode = node.kind === 'file' && mode !== undefined ? { ...node, mode } : node;
        const existing = fs.node(target);
        if (existing?.kind === 'dir' && entry.kind !== 'dir') fs.remove(target, { recursive: true });
        fs.put(target, entry);
      };
      const multiple = plan.length + command.contents.length > 1;
      for (const item of plan) {
        if (item.kind !== 'copy') continue;
        if (item.node.kind === 'dir') {
          // CopyDirContentsOnly: a directory's contents go into the destination.
          ensureDirectory(fs, dest);
          const walk = (from: string, to: string) => {
            for (const child of tree.list(from) ?? []) {
              const childPath = from === '/' ? `/${child}` : `${from}/${child}`;
              const node = tree.get(childPath);
              if (!node) continue;
              const target = to === '/' ? `/${child}` : `${to}/${child}`;
              if (node.kind === 'dir') {
                ensureDirectory(fs, target);
                walk(childPath, target);
              } else copyInto(target, node);
            }
          };
          walk(item.path, dest);
          continue;
        }
        const base = item.path.slice(item.path.lastIndexOf('/') + 1);
        const intoDirectory = destIsDir || multiple || fs.node(dest)?.kind === 'dir';
        copyInto(intoDirectory ? `${dest === '/' ? '' : dest}/${base}` : dest, item.node);
      }
      for (const file of command.contents) {
        const intoDirectory = destIsDir || multiple || fs.node(dest)?.kind === 'dir';
        copyInto(intoDirectory ? `${dest === '/' ? '' : dest}/${file.name}` : dest, { kind: 'file', mode: mode ?? 0o644, size: new TextEncoder().encode(file.content).length, content: file.content });
      }
    }, commitMessage, command.location, missing);
  }

  /** `[internal] load build context`: the context files the daemon does not have yet come over. */
  private loadBuildContext(): void {
    if (this.contextVertexDone) return;
    this.contextVertexDone = true;
    const vertex = new Vertex(this, '[internal] load build context');
    const known = this.backend.cache.context(this.context.key);
    const sent: [string, string][] = [];
    let statOnly = 0;
    const seen = new Set<string>();
    const followed = this.followedPaths();
    for (const [path, entry] of [...this.context.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (followed && !followed.some((root) => root === '' || path === root || path.startsWith(`${root}/`) || root.startsWith(`${path}/`))) continue;
      seen.add(path);
      const digest = entry.kind === 'file' ? sha256Hex(entry.content) : entry.kind === 'symlink' ? `link ${entry.target}` : 'dir';
      if (entry.kind === 'file' && known.get(path) !== digest) sent.push([path, entry.content]);
      else statOnly += statPacketSize(path);
      known.set(path, digest);
    }
    for (const path of [...known.keys()]) if (!seen.has(path)) known.delete(path);
    vertex.oneOff('transferring context:', transferSize(sent) + statOnly);
    vertex.done();
  }

  /**
   * The context paths the built stages copy (BuildKit's FollowPaths): only
   * they are transferred. Undefined (everything) when a source depends on
   * a variable.
   */
  private followedPaths(): string[] | undefined {
    const roots: string[] = [];
    for (const state of this.states) {
      if (!this.reachable.has(state)) continue;
      for (const command of state.stage.commands) {
        if ((command.kind !== 'COPY' && command.kind !== 'ADD') || this.copySources.has(command)) continue;
        for (const source of command.sources) {
          if (source.includes('$')) return undefined;
          const cleaned = cleanPath(source);
          const matches = hasWildcards(cleaned) ? resolveWildcards(this.contextSource(), cleaned) : [cleaned];
          roots.push(...matches.map((match) => match.slice(1)));
        }
      }
    }
    return roots;
  }

  /** A COPY or ADD of context files (not `--from`, not only URLs). */
  private copiesFromContext(command: DockerfileCommand): boolean {
    if (command.kind !== 'COPY' && command.kind !== 'ADD') return false;
    return !this.copySources.has(command) && command.sources.some((source) => !/^https?:\/\//.test(source));
  }

  private contextSource(): SourceTree {
    return (this.contextTreeCache ??= contextTree(this.context.files));
  }

  /**
   * One layer-making step: CACHED when its key was seen (and the cache may
   * be used), else run on a container filesystem of the step before it.
   */
  private async step(
    state: StageState,
    name: string,
    definition: Record<string, unknown>,
    ignoreCache: boolean,
    apply: (fs: ContainerFs, vertex: Vertex) => Promise<void>,
    createdBy: string,
    location: SourceLines,
    missing?: { failure: string; solveError: string },
  ): Promise<void> {
    const vertex = new Vertex(this, name);
    if (this.options.signal?.aborted) {
      vertex.fail('context canceled');
      throw new BuildError('Canceled: context canceled', undefined, true);
    }
    if (missing) {
      vertex.fail(missing.failure);
      throw this.sourceError(missing.solveError, location);
    }
    const key = sha256Hex(`${state.key} ${JSON.stringify(definition)}`);
    const cached = ignoreCache ? undefined : this.backend.cache.step(key);
    let step: CachedStep;
    if (cached) {
      step = cached;
      this.backend.images.addLayer(step.layer);
      vertex.done(true);
    } else {
      const fs = this.filesystem(state.layers);
      try {
        await apply(fs, vertex);
      } catch (e) {
        this.running = undefined;
        if (e instanceof StepFailure) {
          vertex.fail(e.vertexError);
          if (e.canceled) throw new BuildError(e.solveError, undefined, true);
          throw this.sourceError(e.solveError, location);
        }
        throw e;
      }
      const layer = this.makeLayer(state.layers[state.layers.length - 1], fs);
      // What follows is keyed by what the step made too: a step run again (--no-cache) that made
      // other files invalidates the steps after it, one that made the same files does not.
      step = { layer, created: new Date(this.now()).toISOString(), resultKey: sha256Hex(`${key} ${layer.diffId}`) };
      this.backend.cache.storeStep(key, step);
      vertex.done();
    }
    state.layers = [...state.layers, step.layer.chainId];
    state.key = step.resultKey;
    const created = step.created;
    state.history.push({ createdBy, emptyLayer: false, created, comment: HISTORY_COMMENT });
  }

  /** A filesystem over `layers`, as a RUN container (or COPY) sees them; writes go to its own layer. */
  private filesystem(layers: readonly string[]): ContainerFs {
    const top = layers[layers.length - 1] ?? 'scratch';
    const base = containerBase(top, () => layers.map((chainId) => this.backend.layerFiles(chainId)));
    return new ContainerFs(base, undefined, SANDBOX_MOUNTS);
  }

  /** The step's changes as a layer on `parent` (same content addresses as `docker commit` uses). */
  private makeLayer(parent: string | undefined, fs: ContainerFs): Layer {
    const files: [string, LayerEntry][] = [...fs.layer.changes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const diffId = files.length === 0 ? EMPTY_LAYER_DIFF_ID : `sha256:${sha256Hex(`docker-lab layer ${JSON.stringify(files)}`)}`;
    const chainId = parent ? `sha256:${sha256Hex(`${parent} ${diffId}`)}` : diffId;
    const size = files.reduce((sum, [, entry]) => sum + (entry.kind === 'file' ? entry.size : 0), 0);
    const layer: Layer = { digest: `sha256:${sha256Hex(`docker-lab blob ${diffId}`)}`, diffId, chainId, size, compressedSize: Math.round(size / 2.6), files };
    this.backend.images.addLayer(layer);
    return layer;
  }

  // ------------------------------------------------------------ export

  /** `exporting to image`: the target stage's config, history and layers become an image, named by the tags. */
  private export(target: StageState): BuildResult {
    const vertex = new Vertex(this, 'exporting to image');
    vertex.oneOff('exporting layers');
    const history = normalizeHistory(target.history);
    const config = structuredClone(target.config);
    if (this.options.labels && Object.keys(this.options.labels).length) config.Labels = { ...(config.Labels ?? {}), ...this.options.labels };
    const created = history.length ? history[history.length - 1].created : new Date(0).toISOString();
    const id = `sha256:${sha256Hex(`docker-lab build ${JSON.stringify({ config, history, layers: target.layers, author: target.author })}`)}`;
    vertex.oneOff(`writing image ${id}`);
    const images = this.backend.images;
    let image = images.get(id);
    if (!image) {
      image = {
        id, tags: [], digests: [], created, config, history, layers: [...target.layers], family: target.family, parent: '',
        lastTagTime: 0, comment: HISTORY_COMMENT, author: target.author, ...(target.origin ? { origin: target.origin } : {}),
      } satisfies StoredImage;
      images.add(image);
    }
    const tags: string[] = [];
    for (const tag of this.options.tags ?? []) {
      const full = referenceString(tagNameOnly(parseNormalizedNamed(tag)));
      images.tag(image, full, this.now());
      vertex.oneOff(`naming to ${full}`);
      this.backend.emitImageEvent('tag', id, { name: familiar(full) });
      tags.push(full);
    }
    this.backend.imagesChanged();
    vertex.done();
    return { imageId: id, tags };
  }

  // ------------------------------------------------------------ words

  /** ProcessWord with the instruction's variables; a syntax error points at the instruction. */
  private expand(word: string, env: EnvLookup, location?: SourceLines): string {
    try {
      return processWord(word, env, { escapeToken: this.parsed.escapeToken }).result;
    } catch (e) {
      if (e instanceof ShellLexError && location) throw this.sourceError(e.message, location);
      throw e;
    }
  }

  /** processCmdEnv: the instruction's text with its variables expanded, for the vertex name (as written when that fails). */
  private processCommandText(text: string, env: EnvLookup, raw: boolean): string {
    try {
      return processWord(text, env, { escapeToken: this.parsed.escapeToken, ...(raw ? { rawQuotes: true, skipUnsetEnv: true } : {}) }).result;
    } catch {
      return text;
    }
  }
}

type CopyPlan = { kind: 'copy'; path: string; node: FsNode } | { kind: 'missing'; failure: string; solveError: string };

function emptyConfig(): ImageConfig {
  return { User: '', Env: [], Cmd: null, Entrypoint: null, WorkingDir: '', Labels: null, Volumes: null, OnBuild: null };
}

function baseFromStored(image: StoredImage, name: string): BaseImage {
  return {
    reference: name, pinned: name, id: image.id, config: structuredClone(image.config), history: image.history.map((h) => ({ ...h })),
    layers: [...image.layers], family: image.family, origin: image.origin ?? image.id, author: image.author,
  };
}

/** dockerfile2llb's uppercaseCmd: the first word in capitals. */
function uppercaseCommand(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? text.toUpperCase() : text.slice(0, space).toUpperCase() + text.slice(space);
}

/** runCommandString: the stage's ARGs (`|2 A=1 B=2`) before the command, as `docker history` shows RUN lines. */
function runCommandString(args: readonly string[], buildArgs: readonly { key: string; value: string | undefined }[], env: ReadonlyMap<string, string>): string {
  const pairs: [string, string][] = [];
  for (const arg of buildArgs) {
    const value = env.get(arg.key) ?? arg.value ?? '';
    const existing = pairs.findIndex(([key]) => key === arg.key);
    if (existing >= 0) pairs[existing] = [arg.key, value];
    else pairs.push([arg.key, value]);
  }
  const prefix = pairs.length ? [`|${pairs.length}`, ...pairs.map(([key, value]) => `${key}=${value}`)] : [];
  return [...prefix, ...args].join(' ');
}

/** addEnv: replaces a variable in place or appends it. */
function addEnv(env: readonly string[], key: string, value: string): string[] {
  const out = [...env];
  const index = out.findIndex((entry) => entry.split('=')[0] === key);
  if (index >= 0) out[index] = `${key}=${value}`;
  else out.push(`${key}=${value}`);
  return out;
}

/** nat.ParsePortSpecs for EXPOSE: `80`, `80/udp`, `8000-8002/tcp`. */
function parsePortSpec(spec: string): string[] {
  const [ports, protocol = 'tcp'] = spec.split('/');
  const match = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!match) throw new StepFailure(`invalid containerPort: ${ports}`, `invalid containerPort: ${ports}`);
  const start = Number(match[1]);
  const end = match[2] !== undefined ? Number(match[2]) : start;
  if (end < start) throw new StepFailure(`invalid range specified for container port: ${ports}`, `invalid range specified for container port: ${ports}`);
  const out: string[] = [];
  for (let port = start; port <= end; port++) out.push(`${port}/${protocol.toLowerCase()}`);
  return out;
}

function isSignal(text: string): boolean {
  if (/^\d+$/.test(text)) return Number(text) > 0 && Number(text) <= 64;
  const name = text.toUpperCase().replace(/^SIG/, '');
  return SIGNALS[`SIG${name}`] !== undefined || /^RTM(IN|AX)([+-]\d+)?$/.test(name);
}

/** The bytes fsutil sends for files: a stat packet per file, its data in packets, and the final packet. */
function transferSize(files: readonly (readonly [string, string])[]): number {
  let size = 2;
  for (const [path, content] of files) {
    const bytes = new TextEncoder().encode(content).length;
    size += statPacketSize(path) + (bytes > 0 ? bytes + 6 : 0) + 4;
  }
  return size;
}

function statPacketSize(path: string): number {
  return 32 + new TextEncoder().encode(path).length;
}

/** A content checksum of what a COPY source copies (its files, modes and links), for the cache key. */
function checksumOf(tree: SourceTree, path: string): string {
  const parts: string[] = [];
  const walk = (current: string) => {
    const node = tree.get(current);
    if (!node) return;
    if (node.kind === 'file') parts.push(`${current} f ${node.mode} ${sha256Hex(node.content ?? '')}`);
    else if (node.kind === 'symlink') parts.push(`${current} l ${node.target}`);
    else {
      parts.push(`${current} d ${node.mode}`);
      for (const child of tree.list(current) ?? []) walk(current === '/' ? `/${child}` : `${current}/${child}`);
    }
  };
  walk(path);
  return sha256Hex(parts.map((part) => part.slice(path.length)).join('\n'));
}

function ensureDirectory(fs: ContainerFs, path: string): void {
  if (fs.node(path)?.kind === 'dir') return;
  if (fs.node(path)) fs.remove(path, { recursive: true });
  fs.mkdir(path, { parents: true });
}

/** exporter normalizeLayersAndHistory: metadata entries take the time of the layer step after (or before) them. */
function normalizeHistory(pending: readonly PendingHistory[]): HistoryEntry[] {
  let created: string | undefined;
  let sawEmpty = false;
  for (const entry of pending) {
    if (entry.created !== undefined) {
      created = entry.created;
      if (sawEmpty) break;
    } else sawEmpty = true;
  }
  let afterEmpty = false;
  return pending.map((entry) => {
    if (entry.created !== undefined) {
      if (afterEmpty) created = entry.created;
    } else afterEmpty = true;
    return {
      created: entry.created ?? created ?? new Date(0).toISOString(),
      createdBy: entry.createdBy,
      emptyLayer: entry.emptyLayer,
      ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
    };
  });
}

function familiar(full: string): string {
  return full.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

/** A hex digest in base 36 (BuildKit's identity ids are 25 base-36 characters). */
function base36(hex: string): string {
  let out = '';
  for (let i = 0; i + 12 <= hex.length; i += 12) out += parseInt(hex.slice(i, i + 12), 16).toString(36);
  return out;
}
