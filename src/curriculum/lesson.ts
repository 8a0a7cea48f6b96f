import { parse as parseYaml } from 'yaml';
import { OPERATIONS } from '../engine/operations';
import type { Check, ContainerMatch } from './checks';
import { CONTAINER_STATES } from './checks';

/** The languages lessons are written in; Korean is the learners' first. */
export const LESSON_LANGUAGES = ['ko', 'en'] as const;
export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

/** The `dockerLab.lessonLanguage` setting: `auto` (or anything else) follows VS Code's display language. */
export function resolveLessonLanguage(setting: string | undefined, displayLanguage: string): LessonLanguage {
  if (setting === 'ko' || setting === 'en') return setting;
  return displayLanguage.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Something to do in the lab, checked against the engine's state. */
export interface Exercise {
  /** Stable across languages and releases: progress is kept by it. */
  readonly id: string;
  readonly title: string;
  /** What the lab should look like when done, in words. */
  readonly goal: string;
  readonly hint: string;
  /** Command lines that reach the goal from the lesson's start (and earlier exercises done). */
  readonly solution: readonly string[];
  readonly checks: readonly Check[];
}

/** One lesson in one language. */
export interface Lesson {
  readonly id: string;
  readonly language: LessonLanguage;
  /** Chapter id (see chapters.yaml). */
  readonly chapter: string;
  readonly title: string;
  readonly summary: string;
  /** Command lines "Reset lesson" runs on an empty lab. */
  readonly setup: readonly string[];
  /**
   * Files the lesson works with in the learner's workspace (a Dockerfile, a
   * page to copy), by relative path: the lesson view offers to create them.
   */
  readonly files: Readonly<Record<string, string>>;
  readonly exercises: readonly Exercise[];
  /** The Markdown after the front matter. */
  readonly body: string;
  /** Where it came from, for messages (`lessons/ko/08-basic-commands.md`). */
  readonly source: string;
}

/** A lesson file that cannot be used, with where and why. */
export class LessonError extends Error {
  constructor(readonly source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'LessonError';
  }
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Parses a lesson file: YAML front matter (id, chapter, title, summary, setup, exercises) and Markdown. */
export function parseLesson(text: string, source: string, language: LessonLanguage): Lesson {
  const front = FRONT_MATTER.exec(text);
  if (!front) throw new LessonError(source, 'no front matter (a --- block at the top)');
  let data: unknown;
  try {
    data = parseYaml(front[1]);
  } catch (error) {
    throw new LessonError(source, `front matter is not valid YAML: ${error instanceof Error ? error.message : error}`);
  }
  const fields = new Reader(source, 'front matter', data);
  const lesson: Lesson = {
    id: fields.id('id'),
    language,
    chapter: fields.id('chapter'),
    title: fields.text('title'),
    summary: fields.text('summary', ''),
    setup: fields.lines('setup'),
    files: fields.has('files') ? parseFiles(fields.child('files')) : {},
    exercises: fields.list('exercises').map((item, index) => parseExercise(new Reader(source, `exercises[${index}]`, item))),
    body: text.slice(front[0].length),
    source,
  };
  const ids = lesson.exercises.map((exercise) => exercise.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new LessonError(source, `two exercises have the id "${duplicate}"`);
  return lesson;
}

/** `files:` — relative paths inside the workspace (no `..`, no leading `/`) to their text. */
function parseFiles(fields: Reader): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fields.keys()) {
    if (name === '' || name.startsWith('/') || name.split('/').some((part) => part === '..' || part === '.' || part === '')) {
      throw fields.error(`"${name}" is not a relative path inside the workspace`);
    }
    const text = fields.text(name);
    files[name] = text.endsWith('\n') ? text : `${text}\n`;
  }
  return files;
}

function parseExercise(fields: Reader): Exercise {
  const checks = fields.list('checks').map((item, index) => parseCheck(new Reader(fields.source, `${fields.where}.checks[${index}]`, item)));
  if (checks.length === 0) throw fields.error('checks: an exercise needs at least one check');
  const solution = fields.lines('solution');
  if (solution.length === 0) throw fields.error('solution: an exercise needs a solution');
  return { id: fields.id('id'), title: fields.text('title'), goal: fields.text('goal'), hint: fields.text('hint'), solution, checks };
}

function parseCheck(fields: Reader): Check {
  const keys = fields.keys();
  if (keys.length !== 1) throw fields.error(`a check has exactly one key, not ${keys.length ? keys.join(', ') : 'none'}`);
  const kind = keys[0];
  switch (kind) {
    case 'container':
    case 'noContainer':
      return { [kind]: parseMatch(fields.child(kind), false) } as Check;
    case 'containers':
      return { containers: parseMatch(fields.child(kind), true) };
    case 'image':
    case 'noImage':
      return { [kind]: fields.text(kind) } as Check;
    case 'sameImage':
    case 'sharedLayers': {
      const refs = fields.lines(kind);
      if (refs.length !== 2) throw fields.error(`${kind}: two image references`);
      return { [kind]: [refs[0], refs[1]] } as Check;
    }
    case 'logs': {
      const logs = fields.child('logs');
      return { logs: { container: logs.text('container'), contains: logs.text('contains') } };
    }
    case 'api': {
      const operation = fields.child('api').text('operation');
      if (!(operation in OPERATIONS)) throw fields.error(`api.operation: "${operation}" is not an Engine API operation the lab knows`);
      return { api: { operation: operation as keyof typeof OPERATIONS } };
    }
    case 'changed': {
      const changed = fields.child('changed');
      const unknown = changed.keys().find((key) => !['container', 'path', 'kind'].includes(key));
      if (unknown) throw changed.error(`unknown field "${unknown}" (known: container, path, kind)`);
      const change = { container: changed.text('container'), path: changed.text('path') };
      if (!changed.has('kind')) return { changed: change };
      const letter = changed.text('kind');
      if (letter !== 'A' && letter !== 'C' && letter !== 'D') throw changed.error(`changed.kind: A, C or D (as docker diff prints), not "${letter}"`);
      return { changed: { ...change, kind: letter } };
    }
    default:
      throw fields.error(`unknown check "${kind}"`);
  }
}

function parseMatch(fields: Reader, counting: boolean): ContainerMatch & { min?: number; max?: number } {
  const allowed = ['name', 'image', 'state', 'exitCode', 'publish', ...(counting ? ['min', 'max'] : [])];
  const unknown = fields.keys().find((key) => !allowed.includes(key));
  if (unknown) throw fields.error(`unknown field "${unknown}" (known: ${allowed.join(', ')})`);
  const match: ContainerMatch & { min?: number; max?: number } = {};
  if (fields.has('name')) match.name = fields.text('name');
  if (fields.has('image')) match.image = fields.text('image');
  if (fields.has('state')) {
    const state = fields.text('state');
    if (!(CONTAINER_STATES as readonly string[]).includes(state)) throw fields.error(`state: "${state}" is not one of ${CONTAINER_STATES.join(', ')}`);
    match.state = state as ContainerMatch['state'];
  }
  if (fields.has('exitCode')) match.exitCode = fields.integer('exitCode');
  if (fields.has('publish')) {
    match.publish = fields.lines('publish');
    const bad = match.publish.find((spec) => !/^\d+:\d+(\/(tcp|udp|sctp))?$/.test(spec));
    if (bad) throw fields.error(`publish: "${bad}" is not HOST:CONTAINER[/proto]`);
  }
  if (fields.has('min')) match.min = fields.integer('min');
  if (fields.has('max')) match.max = fields.integer('max');
  if (Object.keys(match).length === 0) throw fields.error('a container check needs at least one fact');
  return match;
}

/** Typed reads from parsed YAML, failing with the file and field. */
class Reader {
  private readonly data: Record<string, unknown>;

  constructor(readonly source: string, readonly where: string, data: unknown) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new LessonError(source, `${where}: expected a mapping`);
    this.data = data as Record<string, unknown>;
  }

  error(detail: string): LessonError {
    return new LessonError(this.source, `${this.where}: ${detail}`);
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  has(key: string): boolean {
    return this.data[key] !== undefined && this.data[key] !== null;
  }

  text(key: string, fallback?: string): string {
    const value = this.data[key];
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      throw this.error(`${key} is missing`);
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw this.error(`${key}: expected text`);
    const text = String(value).trim();
    if (text === '' && fallback === undefined) throw this.error(`${key} is empty`);
    return text;
  }

  id(key: string): string {
    const id = this.text(key);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw this.error(`${key}: "${id}" is not a lower-case id (a-z, 0-9, -)`);
    return id;
  }

  integer(key: string): number {
    const value = this.data[key];
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.error(`${key}: expected a whole number`);
    return value;
  }

  lines(key: string): string[] {
    const value = this.data[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((line) => typeof line !== 'string')) throw this.error(`${key}: expected a list of strings`);
    return value as string[];
  }

  list(key: string): unknown[] {
    const value = this.data[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw this.error(`${key}: expected a list`);
    return value;
  }

  child(key: string): Reader {
    return new Reader(this.source, `${this.where}.${key}`, this.data[key]);
  }
}
