import * as crypto from 'node:crypto';
import { DockerignoreMatcher } from '../../engine/build/dockerignore';
import { posixPath } from '../../engine/util/posixPath';
import type { Engine } from '../../engine/Engine';
import type { BuildContext, ContextEntry } from '../../engine/build/BuildContext';
import { BuildError } from '../../engine/build/BuildError';
import { fileBytes } from '../../engine/fs/overlay';
import { ClassicBuildOutput } from '../../engine/build/ClassicBuildOutput';
import type { ClassicMessage } from '../../engine/build/ClassicBuildOutput';
import { classicBuildPlan } from '../../engine/build/classicBuildPlan';
import type { ClassicPlan } from '../../engine/build/classicBuildPlan';
import { DockerfileSyntaxError, parseDockerfile } from '../../engine/build/parseDockerfile';
import { InvalidParameterError, NotFoundError, NotImplementedError, SystemError } from '../../engine/errors';
import { InvalidReferenceError, parseNormalizedNamed, referenceString, tagNameOnly } from '../../engine/util/reference';
import { ArchiveBreakout, ArchiveError, MAX_ARCHIVE_BYTES, unpackArchive } from '../tar';
import { errorText, goJson, truthy } from '../wire';
import type { Query, Router } from '../wire';

/** The classic builder's cache of intermediate images, one per daemon (engine): what `Using cache` remembers. */
const classicCaches = new WeakMap<Engine, Map<string, string>>();

/** The platforms the lab builds for (its registry holds linux/amd64 images). */
const PLATFORMS = new Set(['linux', 'linux/amd64']);

/** What the query asks of a build (api/server/router/build newImageBuildOptions). */
interface ClassicBuildRequest {
  tags: string[];
  dockerfile: string;
  buildArgs: Record<string, string | undefined>;
  labels: Record<string, string>;
  noCache: boolean;
  target: string;
  quiet: boolean;
  remove: boolean;
  forceRemove: boolean;
  pull: boolean;
}

/**
 * POST /build: the classic builder (DOCKER_BUILDKIT=0, what the docker CLI
 * uses when buildx is not installed) on a tar context, plain or gzip. The
 * context is unpacked with every entry kept inside it; the Dockerfile is
 * read and parsed before anything is streamed (its errors are the answer's
 * status); then the steps stream as the legacy builder's JSON messages while
 * the lab's engine builds, base images pulled (with their progress) when
 * they are not there, or always with `pull=1`.
 */
export function buildRoutes(route: Router, engine: Engine): void {
  route('POST', '/build', async ({ query, body }) => {
    const request = buildRequest(query);
    const context = await readContext(body as Buffer, request.dockerfile);
    const parsed = parseContextDockerfile(context);
    const plan = classicBuildPlan(parsed, { target: request.target || undefined, labels: request.labels, buildArgs: request.buildArgs });
    return {
      follow: 'application/json',
      run: (write: (chunk: Buffer) => void, closed: Promise<void>) => runBuild(engine, request, context, plan, write, closed),
    };
  }, { body: 'raw', limit: MAX_ARCHIVE_BYTES });
}

/** newImageBuildOptions and sanitizeRepoAndTags: what the daemon refuses before it reads the context. */
function buildRequest(query: Query): ClassicBuildRequest {
  const version = query.get('version');
  if (version && version !== '1') {
    if (version === '2') throw new NotImplementedError('Docker Lab serves the classic builder (version 1) on its API: BuildKit builds (version 2) need the buildx session, which it does not serve');
    throw new InvalidParameterError(`invalid version ${JSON.stringify(version)}`);
  }
  if (truthy(query.get('squash'))) throw new InvalidParameterError('squash is only supported with experimental mode');
  const remote = query.get('remote');
  if (remote === 'client-session') throw new InvalidParameterError('experimental session with v1 builder is no longer supported, use builder version v2 (BuildKit) instead');
  if (remote) throw new NotImplementedError(`building from a remote context (${remote}) is not simulated in Docker Lab: send the context as a tar archive`);
  const platform = query.get('platform');
  if (platform && !PLATFORMS.has(platform.toLowerCase())) throw new NotImplementedError(`Docker Lab builds linux/amd64 images only: platform ${platform} is not simulated`);

  const tags: string[] = [];
  const seen = new Set<string>();
  for (const tag of query.getAll('t')) {
    if (tag === '') continue;
    let full: string;
    try {
      const reference = parseNormalizedNamed(tag);
      if (reference.digest) throw new InvalidParameterError('build tag cannot contain a digest');
      full = referenceString(tagNameOnly(reference));
    } catch (error) {
      if (error instanceof InvalidReferenceError) throw new InvalidParameterError(error.message);
      throw error;
    }
    if (seen.has(full)) continue;
    seen.add(full);
    tags.push(tag);
  }
  const forceRemove = truthy(query.get('forcerm'));
  return {
    tags,
    dockerfile: query.get('dockerfile') || 'Dockerfile',
    buildArgs: jsonParam<Record<string, string | null>>(query, 'buildargs', 'error reading build args', {}) as Record<string, string | undefined>,
    labels: jsonParam<Record<string, string>>(query, 'labels', 'error reading labels', {}),
    noCache: truthy(query.get('nocache')),
    target: query.get('target') ?? '',
    quiet: truthy(query.get('q')),
    // rm defaults to true; forcerm implies it.
    remove: forceRemove || query.get('rm') === null || query.get('rm') === '' || truthy(query.get('rm')),
    forceRemove,
    pull: truthy(query.get('pull')),
  };
}

function jsonParam<T>(query: Query, name: string, context: string, fallback: T): T {
  const text = query.get(name);
  if (!text) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidParameterError(`${context}: ${errorText(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidParameterError(`${context}: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]string`);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, entry === null ? undefined : String(entry)])) as T;
}

/**
 * remotecontext.FromArchive and withDockerfileFromContext: the context's
 * entries (an entry naming a path outside the context is refused, 400);
 * the Dockerfile by the name asked for (`dockerfile` standing in for a
 * missing `Dockerfile`), symlinks inside the context followed; then
 * `.dockerignore` and the Dockerfile are dropped when `.dockerignore`
 * excludes them.
 */
async function readContext(bytes: Buffer, dockerfileName: string): Promise<BuildContext> {
  let entries;
  try {
    entries = await unpackArchive(bytes);
  } catch (error) {
    if (error instanceof ArchiveBreakout) throw new InvalidParameterError(`invalid build context: ${JSON.stringify(error.entryName)} is outside of the build context`);
    if (error instanceof ArchiveError) throw new InvalidParameterError(`invalid build context: ${error.message}`);
    throw error;
  }
  const files = new Map<string, ContextEntry>();
  for (const [name, node] of entries) {
    if (name.startsWith('/')) throw new InvalidParameterError(`invalid build context: ${JSON.stringify(name)} is an absolute path; the entries of a build context are relative to it`);
    if (name === '.') continue;
    files.set(name, node.kind === 'file'
      ? { kind: 'file', mode: node.mode, content: fileBytes(node) }
      : node.kind === 'dir' ? { kind: 'dir', mode: node.mode } : { kind: 'symlink', target: node.target });
  }

  let name = dockerfileName;
  let found = lookup(files, name);
  if (!found && name === 'Dockerfile') {
    found = lookup(files, 'dockerfile');
    if (found) name = 'dockerfile';
  }
  if (!found) throw new SystemError(`Cannot locate specified Dockerfile: ${dockerfileName}`);
  if (found.kind !== 'file') throw new SystemError(`unexpected error reading Dockerfile: read ${name}: is a directory`);
  if (found.content === '') throw new InvalidParameterError(`the Dockerfile (${name}) cannot be empty`);

  const ignore = lookup(files, '.dockerignore');
  const dockerignore = ignore?.kind === 'file' ? ignore.content : '';
  if (dockerignore) {
    const matcher = DockerignoreMatcher.parse(dockerignore);
    for (const path of ['.dockerignore', posixPath.clean(name)]) {
      if (!matcher.excludes(path)) continue;
      for (const key of [...files.keys()]) if (key === path || key.startsWith(`${path}/`)) files.delete(key);
    }
  }
  return { files, dockerfile: { name, text: found.content }, dockerignore, key: 'engine-api:/build' };
}

/** An entry of the context by its path, symlinks followed within the context (FollowSymlinkInScope). */
function lookup(files: ReadonlyMap<string, ContextEntry>, path: string): ContextEntry | undefined {
  let current = posixPath.clean(`/${path}`).slice(1);
  for (let hops = 0; hops < 40; hops++) {
    const entry = files.get(current);
    if (entry?.kind !== 'symlink') return entry;
    const parent = posixPath.dir(`/${current}`);
    current = posixPath.clean(entry.target.startsWith('/') ? entry.target : posixPath.join(parent, entry.target)).slice(1);
  }
  return undefined;
}

/** readAndParseDockerfile and instructions.Parse: a Dockerfile the builder cannot read is the request's error (400). */
function parseContextDockerfile(context: BuildContext) {
  try {
    return parseDockerfile(context.dockerfile.text ?? '');
  } catch (error) {
    if (error instanceof DockerfileSyntaxError) throw new InvalidParameterError(error.message);
    throw error;
  }
}

/** The build itself, streamed: bases first (the first stage's pull shows as it goes), then the engine's steps. */
async function runBuild(engine: Engine, request: ClassicBuildRequest, context: BuildContext, plan: ClassicPlan, write: (chunk: Buffer) => void, closed: Promise<void>): Promise<void> {
  let gone = false;
  const controller = new AbortController();
  void closed.then(() => {
    gone = true;
    controller.abort();
  });
  const send = (message: unknown) => {
    if (!gone) write(Buffer.from(`${goJson(message)}\r\n`));
  };
  // -q: everything goes to a buffer, sent only if the build fails.
  const held: unknown[] = [];
  let holding = request.quiet;
  const emit = (message: unknown) => (holding ? held.push(message) : send(message));

  let cache = classicCaches.get(engine);
  if (!cache) classicCaches.set(engine, (cache = new Map()));
  const output = new ClassicBuildOutput(plan, {
    remove: request.remove,
    forceRemove: request.forceRemove,
    noCache: request.noCache,
    cache,
    buildArgs: request.buildArgs,
    randomHex: () => crypto.randomBytes(32).toString('hex'),
    abort: () => controller.abort(),
    write: (message: ClassicMessage) => emit(message),
  });
  const fail = (error: unknown, report: (error: unknown) => void) => {
    if (gone) return;
    if (holding) {
      holding = false;
      for (const message of held) send(message);
    }
    report(error);
  };

  // The bases, in order. The first stage's FROM is shown before its pull; later stages' pulls are shown at their FROM.
  for (const [index, stage] of plan.stages.entries()) {
    if (index === 0) output.printFrom(0);
    const base = stage.base;
    if (base.kind === 'blank') {
      return fail(new BuildError(`base name (${base.written}) should not be blank`), (error) => (index === 0 ? output.fail(error) : output.failAtFrom(index, error, [])));
    }
    if (base.kind !== 'image') {
      if (index === 0) output.printBase(0, '');
      continue;
    }
    const messages: unknown[] = [];
    try {
      const id = await baseImage(engine, base.reference, request.pull, index === 0 ? emit : (message) => messages.push(message));
      if (index === 0) output.printBase(0, id);
      else output.setBase(index, id, messages);
    } catch (error) {
      return fail(error, (reason) => (index === 0 ? output.fail(reason) : output.failAtFrom(index, reason, messages)));
    }
  }

  if (gone) return;
  try {
    const result = await engine.imageBuild(context, {
      tags: request.tags,
      buildArgs: Object.fromEntries(Object.entries(request.buildArgs).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      labels: request.labels,
      noCache: request.noCache,
      target: request.target || undefined,
      signal: controller.signal,
    }, (event) => output.event(event));
    output.finish(result);
    // -q: only the image ID (postBuild's last line).
    if (request.quiet) send({ stream: `${result.imageId}\n` });
  } catch (error) {
    fail(error, (reason) => output.fail(reason));
  }
}

/**
 * The classic builder's image source (imageSources.Get with
 * PullOptionPreferLocal, or ForcePull with `pull=1`): the local image, or
 * the registry's pulled with docker pull's messages.
 */
async function baseImage(engine: Engine, reference: string, forcePull: boolean, progress: (message: unknown) => void): Promise<string> {
  if (!forcePull) {
    try {
      return engine.imageInspect(reference).Id;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  await engine.imagePull(reference, progress);
  return engine.imageInspect(reference).Id;
}
