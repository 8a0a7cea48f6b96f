import { InvalidParameterError } from '../errors';
import type { DockerfileCommand, ParsedDockerfile } from './parseDockerfile';
import { processWord } from './ShellLex';

/** One `Step N/M : ...` of the classic builder. */
export interface ClassicStep {
  /** The instruction as written, BuildKit's trimmed `node.Original` (what `%v` of an instruction prints). */
  text: string;
  /** `meta-arg`: an ARG before the first FROM; `from`: a stage's FROM; `command`: an instruction of a stage. */
  kind: 'meta-arg' | 'from' | 'command';
  /** The stage the step belongs to (-1 for meta ARGs). */
  stage: number;
  /** The instruction's keyword in capitals (`RUN`, `FROM`). */
  keyword: string;
  command?: DockerfileCommand;
  /** Dockerfile lines (1-based); undefined for the LABEL steps `--label` adds. */
  line?: number;
}

/** Where a stage starts from. */
export type ClassicBase =
  | { kind: 'image'; reference: string }
  | { kind: 'stage'; index: number }
  | { kind: 'scratch' }
  | { kind: 'blank'; written: string };

/** A stage of the classic build. */
export interface ClassicStage {
  /** The stage's name in lower case, or ''. */
  name: string;
  base: ClassicBase;
  /** Index of its FROM step, and of its last step, in `steps`. */
  fromStep: number;
  lastStep: number;
}

/** What the classic builder will print and do, in order. */
export interface ClassicPlan {
  steps: ClassicStep[];
  stages: ClassicStage[];
  /** ARG names the Dockerfile declares (in the stages built): build args beyond them are "not consumed". */
  declaredArgs: Set<string>;
}

/** What of the build's options shapes the steps. */
export interface ClassicPlanOptions {
  target?: string;
  /** `--label`s: the classic builder adds them as LABEL instructions to the last stage, by sorted key. */
  labels?: Readonly<Record<string, string>>;
  buildArgs?: Readonly<Record<string, string | undefined>>;
}

/**
 * The classic builder's steps (moby builder/dockerfile/builder.go
 * dispatchDockerfileWithCancellation): the ARGs before the first FROM, then
 * every stage up to the target (all of them are built, needed or not), each
 * its FROM and its instructions, and `--label`s as LABEL instructions on the
 * last stage. The total counts them all. A stage's base is its FROM's name
 * with the meta ARGs expanded (build args over defaults): an earlier
 * stage's name, `scratch`, or an image.
 */
export function classicBuildPlan(parsed: ParsedDockerfile, options: ClassicPlanOptions = {}): ClassicPlan {
  let stages = parsed.stages;
  if (options.target) {
    // instructions.HasStage: names compare case-insensitively.
    const index = stages.findIndex((stage) => stage.name !== '' && stage.name === options.target?.toLowerCase());
    if (index < 0) throw new InvalidParameterError(`target stage ${JSON.stringify(options.target)} could not be found`);
    stages = stages.slice(0, index + 1);
  }
  const buildArgs = options.buildArgs ?? {};
  const declaredArgs = new Set<string>();
  const metaEnv = new Map<string, string>();
  const steps: ClassicStep[] = [];
  for (const meta of parsed.metaArgs) {
    steps.push({ text: meta.original, kind: 'meta-arg', stage: -1, keyword: 'ARG', command: meta, line: meta.location.start });
    for (const arg of meta.args) {
      declaredArgs.add(arg.key);
      const given = buildArgs[arg.key];
      const value = given ?? (arg.value !== undefined ? expand(arg.value, metaEnv, parsed.escapeToken) : undefined);
      if (value !== undefined) metaEnv.set(arg.key, value);
    }
  }
  const out: ClassicStage[] = [];
  const byName = new Map<string, number>();
  stages.forEach((stage, index) => {
    const fromStep = steps.length;
    steps.push({ text: stage.original, kind: 'from', stage: index, keyword: 'FROM', line: stage.location.start });
    for (const command of stage.commands) {
      steps.push({ text: command.original, kind: 'command', stage: index, keyword: command.keyword, command, line: command.location.start });
      if (command.kind === 'ARG') for (const arg of command.args) declaredArgs.add(arg.key);
    }
    if (index === stages.length - 1) {
      for (const key of Object.keys(options.labels ?? {}).sort(byteOrder)) {
        steps.push({ text: `LABEL ${key}=${options.labels?.[key] ?? ''}`, kind: 'command', stage: index, keyword: 'LABEL' });
      }
    }
    const name = expand(stage.baseName, metaEnv, parsed.escapeToken);
    // getImageOrStage: an earlier stage by name first, then scratch, then an image.
    const earlier = byName.get(name.toLowerCase());
    const base: ClassicBase = name === ''
      ? { kind: 'blank', written: stage.baseName }
      : earlier !== undefined ? { kind: 'stage', index: earlier } : name === 'scratch' ? { kind: 'scratch' } : { kind: 'image', reference: name };
    out.push({ name: stage.name, base, fromStep, lastStep: steps.length - 1 });
    if (stage.name) byName.set(stage.name, index);
  });
  return { steps, stages: out, declaredArgs };
}

function expand(word: string, env: ReadonlyMap<string, string>, escapeToken: string): string {
  try {
    return processWord(word, env, { escapeToken }).result;
  } catch {
    return word;
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
