import { parseNormalizedNamed, familiarString, tagNameOnly } from '../util/reference';
import { BuildError } from './BuildError';
import type { BuildResult } from './BuildContext';
import type { BuildEvent } from './BuildEvent';
import type { ClassicPlan, ClassicStep } from './classicBuildPlan';

/** A message of the classic builder's JSON stream (streamformatter): output, the image ID, or the error that ends it. */
export type ClassicMessage =
  | { stream: string }
  | { aux: { ID: string } }
  | { errorDetail: { code?: number; message: string }; error: string };

/** What the classic output needs besides the plan. */
export interface ClassicOutputOptions {
  /** `rm` (default true): intermediate containers are removed after each successful step. */
  remove: boolean;
  /** `forcerm`: ... and after a failed one too. */
  forceRemove: boolean;
  noCache: boolean;
  /**
   * The classic cache: the intermediate image a step made on a parent
   * image (`PARENT\nSTEP`), what makes a later build print `Using cache`.
   * Shared by the builds of one daemon.
   */
  cache: Map<string, string>;
  /** The build args given (their names, for the "not consumed" warning; their values key the cache). */
  buildArgs: Readonly<Record<string, string | undefined>>;
  /** 64 fresh hex digits: intermediate image and container IDs. */
  randomHex: () => string;
  /** Stops the engine's build (a step the classic builder refuses). */
  abort: () => void;
  write: (message: ClassicMessage) => void;
}

/** A stage's base, once known: its image ID ('' for scratch) and the pull's messages, shown after its FROM. */
interface StageBase {
  id: string;
  messages: unknown[];
}

/** The step the engine is running (it has a vertex). */
interface ActiveStep {
  index: number;
  vertex: string;
  containerId: string;
  announced: boolean;
  done: boolean;
}

/** The flags the classic builder refuses on RUN (`RUN --mount=...`: dispatchRun fails on the first one used). */
const RUN_FLAG = /^--([A-Za-z][A-Za-z0-9-]*)/;
const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
const BUILDKIT_ONLY = (flag: string) => `the --${flag} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`;

/**
 * The legacy builder's output (DOCKER_BUILDKIT=0, moby builder/dockerfile)
 * drawn from a lab build: `Step 2/4 : COPY app.js /app/`, ` ---> Running
 * in 0123456789ab`, the step's output, ` ---> Removed intermediate container
 * ...`, ` ---> Using cache`, ` ---> 4d3f...`, the image ID as aux after each
 * stage, `Successfully built ...` and `Successfully tagged ...`; a failure
 * as `{"errorDetail":...,"error":...}` (`The command '/bin/sh -c false'
 * returned a non-zero code: 1`).
 *
 * The engine builds as BuildKit does; its events say which of RUN, COPY,
 * ADD and WORKDIR ran, what they printed and which came from the cache.
 * Every other instruction is, for the classic builder, a container
 * committed as an intermediate image: those are drawn from the plan, cached
 * when the same instruction was committed on the same parent before.
 * Intermediate image IDs are the lab's own (they are not in the image
 * store); the last step's is the built image's.
 */
export class ClassicBuildOutput {
  private cursor = 0;
  private parentId = '';
  private chainBroken = false;
  private active: ActiveStep | undefined;
  private failedVertex: { index: number; error: string } | undefined;
  private refusal: string | undefined;
  private deferred: { index: number; key: string } | undefined;
  private readonly bases = new Map<number, StageBase>();
  private readonly stageIds = new Map<number, string>();
  private readonly lastIndex: number;

  constructor(private readonly plan: ClassicPlan, private readonly options: ClassicOutputOptions) {
    this.lastIndex = plan.steps.length - 1;
  }

  /** Prints the steps up to the FROM of `stage` (its `Step` line included), before its image is pulled. */
  printFrom(stage: number): void {
    const from = this.plan.stages[stage].fromStep;
    this.advanceTo(from);
    this.header(from);
    this.cursor = from + 1;
  }

  /** Prints the image ID under the FROM just printed with printFrom. */
  printBase(stage: number, id: string): void {
    this.completeFrom(stage, id);
  }

  /** A later stage's base: its ID and the pull's messages, shown when its FROM comes. */
  setBase(stage: number, id: string, messages: unknown[]): void {
    this.bases.set(stage, { id, messages });
  }

  /**
   * A later stage's base could not be had (its pull failed) before the
   * engine built anything: its FROM is shown, what the pull printed, and the
   * error. The earlier stages' steps, not built, are not shown.
   */
  failAtFrom(stage: number, error: unknown, messages: unknown[]): void {
    const from = this.plan.stages[stage].fromStep;
    this.header(from);
    this.cursor = from + 1;
    for (const message of messages) this.options.write(message as ClassicMessage);
    this.error(error instanceof Error ? error.message : String(error));
  }

  /** The engine's progress: steps start, print, finish, come from the cache or fail. */
  event(event: BuildEvent): void {
    if (event.type === 'log') {
      const active = this.active;
      if (!active || active.vertex !== event.vertex) return;
      this.announce(active);
      // The stderr formatter colours what the container writes to stderr.
      this.stream(event.stream === 'stderr' ? `\x1b[91m${event.data}\x1b[0m` : event.data);
      return;
    }
    if (event.type !== 'vertex') return;
    if (event.completed === undefined) {
      this.startVertex(event.vertex, event.name);
      return;
    }
    const active = this.active;
    if (!active || active.vertex !== event.vertex || active.done) return;
    active.done = true;
    if (event.error !== undefined) {
      this.failedVertex = { index: active.index, error: event.error };
      return;
    }
    this.finishLayerStep(active, event.cached === true);
  }

  /** The build succeeded: the steps left, the last ID (the image's), warnings, `Successfully built` and `tagged`. */
  finish(result: BuildResult): void {
    this.advanceTo(this.plan.steps.length);
    const deferred = this.deferred;
    if (deferred) {
      this.options.cache.set(deferred.key, result.imageId);
      this.printId(deferred.index, result.imageId);
    }
    const unused = Object.keys(this.options.buildArgs)
      .filter((name) => !this.plan.declaredArgs.has(name) && !BUILTIN_ARGS.has(name))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (unused.length) this.stream(`[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n`);
    this.stream(`Successfully built ${truncateId(result.imageId)}\n`);
    const seen = new Set<string>();
    for (const tag of result.tags) {
      const familiar = familiarString(tagNameOnly(parseNormalizedNamed(tag)));
      if (seen.has(familiar)) continue;
      seen.add(familiar);
      this.stream(`Successfully tagged ${familiar}\n`);
    }
  }

  /**
   * The build failed: the step it failed at is shown (with what the
   * classic builder prints on the way), then the error as it words it.
   */
  fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.refusal) return this.error(this.refusal);
    const failed = this.failedVertex;
    if (failed) {
      const step = this.plan.steps[failed.index];
      if (step.keyword === 'RUN') {
        if (this.active) this.announce(this.active);
        if (this.options.forceRemove && this.active) this.stream(` ---> Removed intermediate container ${truncateId(this.active.containerId)}\n`);
        const exit = /^process (".*") did not complete successfully: exit code: (\d+)$/s.exec(failed.error);
        if (exit) {
          const code = Number(exit[2]);
          return this.error(`The command '${goUnquote(exit[1])}' returned a non-zero code: ${code}`, code);
        }
        const start = /^process ".*" did not complete successfully: runc run failed: (.*)$/s.exec(failed.error);
        if (start) return this.error(`failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: ${start[1]}: unknown`);
      }
      if ((step.keyword === 'COPY' || step.keyword === 'ADD') && step.command && 'from' in step.command && step.command.from === '') {
        const missing = /: "\/(.*)": not found$/.exec(failed.error);
        if (missing) return this.error(`${step.keyword} failed: file not found in build context or excluded by .dockerignore: stat ${missing[1]}: file does not exist`);
      }
      return this.error(message);
    }
    // An error of an instruction that has no vertex (ENV, EXPOSE, ...): its step is shown first.
    const line = error instanceof BuildError ? error.source?.ranges[0]?.start : undefined;
    if (line !== undefined) {
      const index = this.plan.steps.findIndex((step, i) => i >= this.cursor && step.line === line);
      if (index >= 0) {
        this.advanceTo(index);
        this.header(index);
        this.cursor = index + 1;
      }
    }
    this.error(message);
  }

  // ------------------------------------------------------------ steps

  private startVertex(vertex: string, name: string): void {
    const match = /^\[(?:(\S+) +)?\s*\d+\/\d+\] (\S+)/.exec(name);
    if (!match || !LAYER_KEYWORDS.has(match[2])) return;
    const stage = match[1] === undefined ? this.plan.stages.length - 1 : this.plan.stages.findIndex((s, i) => s.name === match[1] || `stage-${i}` === match[1]);
    if (stage < 0) return;
    // The vertex is named by the instruction with its variables expanded: one written the same is the best match,
    // else the next of its kind (a `WORKDIR /` has no vertex).
    const candidates = this.plan.steps
      .map((step, i) => ({ step, i }))
      .filter(({ step, i }) => i >= this.cursor && step.stage === stage && step.kind === 'command' && step.keyword === match[2]);
    const rest = name.slice(name.indexOf('] ') + 2);
    const index = (candidates.find(({ step }) => uppercaseKeyword(step.text) === rest) ?? candidates[0])?.i;
    if (index === undefined) return;
    this.advanceTo(index);
    this.header(index);
    this.cursor = index + 1;
    const active: ActiveStep = { index, vertex, containerId: this.options.randomHex(), announced: false, done: false };
    this.active = active;
    const refusal = this.refusalOf(this.plan.steps[index]);
    if (refusal) {
      this.refusal = refusal;
      this.options.abort();
      return;
    }
    // A step found in the cache finishes in the same turn; one that runs shows its container first.
    if (match[2] === 'RUN') queueMicrotask(() => { if (!active.done && this.active === active) this.announce(active); });
  }

  /** What the classic builder refuses of a step BuildKit runs (dispatchRun, dispatchCopy, dispatchAdd). */
  private refusalOf(step: ClassicStep): string | undefined {
    const command = step.command;
    if (!command) return undefined;
    if (command.kind === 'RUN') {
      const rest = command.original.slice(command.written.length).trimStart();
      const flag = RUN_FLAG.exec(rest);
      return flag ? BUILDKIT_ONLY(flag[1]) : undefined;
    }
    if ((command.kind === 'COPY' || command.kind === 'ADD') && command.chmod !== '') return BUILDKIT_ONLY('chmod');
    return undefined;
  }

  private finishLayerStep(active: ActiveStep, vertexCached: boolean): void {
    const step = this.plan.steps[active.index];
    // A COPY or WORKDIR after a step that missed the cache is made again by the classic builder; a RUN the engine
    // took from its cache did not run, and says so.
    const cached = step.keyword === 'RUN' ? vertexCached : vertexCached && !this.chainBroken;
    const key = this.cacheKey(step);
    if (cached) {
      this.stream(' ---> Using cache\n');
    } else {
      if (step.keyword !== 'COPY' && step.keyword !== 'ADD') {
        this.announce(active);
        if (this.options.remove) this.stream(` ---> Removed intermediate container ${truncateId(active.containerId)}\n`);
      }
      this.chainBroken = true;
    }
    const known = cached ? this.options.cache.get(key) : undefined;
    this.complete(active.index, key, known ?? this.newImageId());
  }

  /** Steps before `index` that the engine has no vertex for: meta ARGs, FROMs, metadata instructions. */
  private advanceTo(index: number): void {
    while (this.cursor < Math.min(index, this.plan.steps.length)) {
      const current = this.cursor;
      const step = this.plan.steps[current];
      this.header(current);
      this.cursor = current + 1;
      if (step.kind === 'meta-arg') continue;
      if (step.kind === 'from') {
        const base = this.plan.stages[step.stage].base;
        const known = this.bases.get(step.stage);
        for (const message of known?.messages ?? []) this.options.write(message as ClassicMessage);
        const id = base.kind === 'stage' ? this.stageIds.get(base.index) ?? '' : known?.id ?? '';
        this.completeFrom(step.stage, id);
        continue;
      }
      this.commitStep(current);
    }
  }

  /** probeAndCreate + commitContainer: cached, or a container made and committed. */
  private commitStep(index: number): void {
    const step = this.plan.steps[index];
    const key = this.cacheKey(step);
    const cached = !this.options.noCache && !this.chainBroken ? this.options.cache.get(key) : undefined;
    if (cached !== undefined) {
      this.stream(' ---> Using cache\n');
      this.complete(index, key, cached);
      return;
    }
    // performCopy makes no container: only the instructions committed from one show it.
    if (step.keyword !== 'COPY' && step.keyword !== 'ADD') {
      const container = this.options.randomHex();
      this.stream(` ---> Running in ${truncateId(container)}\n`);
      if (this.options.remove) this.stream(` ---> Removed intermediate container ${truncateId(container)}\n`);
    }
    this.chainBroken = true;
    this.complete(index, key, this.newImageId());
  }

  private completeFrom(stage: number, id: string): void {
    this.parentId = id;
    this.chainBroken = false;
    const from = this.plan.stages[stage].fromStep;
    if (from === this.lastIndex) {
      this.deferred = { index: from, key: `from ${id}` };
      return;
    }
    this.printId(from, id);
  }

  /** The step's image: printed, remembered in the cache; the last step's waits for the built image's ID. */
  private complete(index: number, key: string, id: string): void {
    if (index === this.lastIndex) {
      this.deferred = { index, key };
      return;
    }
    this.options.cache.set(key, id);
    this.printId(index, id);
  }

  private printId(index: number, id: string): void {
    this.parentId = id;
    this.stream(` ---> ${truncateId(id)}\n`);
    const step = this.plan.steps[index];
    const stage = this.plan.stages[step.stage];
    if (stage && stage.lastStep === index) {
      this.stageIds.set(step.stage, id);
      if (id !== '') this.options.write({ aux: { ID: id } });
    }
  }

  /** The classic cache's key: the parent image, the instruction, and the build args it names (their values change what it does). */
  private cacheKey(step: ClassicStep): string {
    const args = Object.entries(this.options.buildArgs)
      .filter(([name]) => step.text.includes(`$${name}`) || step.text.includes(`\${${name}`))
      .map(([name, value]) => `${name}=${value ?? ''}`);
    return [this.parentId, step.text, ...args].join('\n');
  }

  private newImageId(): string {
    return `sha256:${this.options.randomHex()}`;
  }

  private header(index: number): void {
    this.stream(`Step ${index + 1}/${this.plan.steps.length} : ${this.plan.steps[index].text}`);
    this.stream('\n');
  }

  private announce(active: ActiveStep): void {
    if (active.announced) return;
    active.announced = true;
    this.stream(` ---> Running in ${truncateId(active.containerId)}\n`);
  }

  private stream(text: string): void {
    this.options.write({ stream: text });
  }

  private error(message: string, code?: number): void {
    this.options.write({ errorDetail: { ...(code ? { code } : {}), message }, error: message });
  }
}

/** buildargs.go builtinAllowedBuildArgs: the proxy variables are never "not consumed". */
const BUILTIN_ARGS = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']);

/** dockerfile2llb's uppercaseCmd: the keyword in capitals, as vertex names write it. */
function uppercaseKeyword(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? text.toUpperCase() : text.slice(0, space).toUpperCase() + text.slice(space);
}

/** stringid.TruncateID: the hex after `sha256:`, 12 characters. */
function truncateId(id: string): string {
  const colon = id.indexOf(':');
  return id.slice(colon + 1, colon + 13);
}

/** strconv.Unquote for a Go-quoted string (`"/bin/sh -c echo \"hi\""`). */
function goUnquote(quoted: string): string {
  const body = quoted.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[abfnrtv\\"'])/g, (_, escape: string) => {
    switch (escape[0]) {
      case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(escape.slice(1), 16));
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'v': return '\v';
      default: return escape;
    }
  });
}
