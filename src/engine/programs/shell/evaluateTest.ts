import type { FileEntry } from '../Program';
import { resolvePath } from '../resolvePath';

/** A `test` usage error, named by what went wrong; each shell words it its own way. */
export type TestProblem =
  | { kind: 'missingBracket' }
  | { kind: 'badNumber'; operand: string }
  | { kind: 'unexpectedOperator'; operand: string; second: string }
  | { kind: 'argumentExpected'; operator: string; first: string };

/** What `test` needs to know about files. */
export type FileLookup = (path: string) => FileEntry | undefined;

/**
 * Evaluates `test`/`[` arguments (XCU test: the 0-4 argument rules, then
 * `!`, `-a`, `-o` and parentheses for longer expressions). Returns the exit
 * status (0 true, 1 false) or the usage problem (status 2).
 */
export function evaluateTest(args: readonly string[], bracket: boolean, lookup: FileLookup): number | TestProblem {
  let operands = [...args];
  if (bracket) {
    if (operands[operands.length - 1] !== ']') return { kind: 'missingBracket' };
    operands = operands.slice(0, -1);
  }
  try {
    return evaluate(operands, lookup) ? 0 : 1;
  } catch (error) {
    if (error instanceof TestFailure) return error.problem;
    throw error;
  }
}

class TestFailure extends Error {
  constructor(readonly problem: TestProblem) {
    super(problem.kind);
  }
}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-h', '-L', '-r', '-w', '-x', '-s', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G', '-N']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>', '-nt', '-ot', '-ef']);

function evaluate(args: string[], lookup: FileLookup): boolean {
  switch (args.length) {
    case 0: return false;
    case 1: return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      if (args[0] === '-z') return args[1] === '';
      if (args[0] === '-n') return args[1] !== '';
      if (UNARY_FILE.has(args[0])) return fileTest(args[0], args[1], lookup);
      if (args[1] === '=' || BINARY.has(args[1])) throw new TestFailure({ kind: 'argumentExpected', operator: args[1], first: args[0] });
      throw new TestFailure({ kind: 'unexpectedOperator', operand: args[0], second: args[1] });
    case 3:
      if (BINARY.has(args[1])) return binary(args[0], args[1], args[2], lookup);
      if (args[0] === '!') return !evaluate(args.slice(1), lookup);
      if (args[0] === '(' && args[2] === ')') return evaluate([args[1]], lookup);
      if (args[1] === '-a' || args[1] === '-o') return logical(args, lookup);
      throw new TestFailure({ kind: 'unexpectedOperator', operand: args[0], second: args[1] });
    case 4:
      if (args[0] === '!') return !evaluate(args.slice(1), lookup);
      if (args[0] === '(' && args[3] === ')') return evaluate(args.slice(1, 3), lookup);
      return logical(args, lookup);
    default:
      return logical(args, lookup);
  }
}

/** Longer expressions: -o binds looser than -a, `!` negates, parentheses group. */
function logical(args: string[], lookup: FileLookup): boolean {
  const orAt = args.lastIndexOf('-o');
  if (orAt > 0 && orAt < args.length - 1) return evaluate(args.slice(0, orAt), lookup) || evaluate(args.slice(orAt + 1), lookup);
  const andAt = args.lastIndexOf('-a');
  if (andAt > 0 && andAt < args.length - 1) return evaluate(args.slice(0, andAt), lookup) && evaluate(args.slice(andAt + 1), lookup);
  if (args[0] === '!') return !evaluate(args.slice(1), lookup);
  if (args[0] === '(' && args[args.length - 1] === ')') return evaluate(args.slice(1, -1), lookup);
  throw new TestFailure({ kind: 'unexpectedOperator', operand: args[0], second: args[1] ?? '' });
}

function binary(left: string, operator: string, right: string, lookup: FileLookup): boolean {
  switch (operator) {
    case '=': case '==': return left === right;
    case '!=': return left !== right;
    case '<': return left < right;
    case '>': return left > right;
    case '-nt': case '-ot': case '-ef': return lookup(left) !== undefined && lookup(right) !== undefined && operator === '-ef' && left === right;
  }
  const a = integer(left);
  const b = integer(right);
  switch (operator) {
    case '-eq': return a === b;
    case '-ne': return a !== b;
    case '-lt': return a < b;
    case '-le': return a <= b;
    case '-gt': return a > b;
    default: return a >= b;
  }
}

function integer(text: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?[0-9]+$/.test(trimmed)) throw new TestFailure({ kind: 'badNumber', operand: text });
  return Number(trimmed);
}

function fileTest(operator: string, path: string, lookup: FileLookup): boolean {
  let entry = lookup(path);
  if (!entry) return false;
  if (operator === '-h' || operator === '-L') return entry.type === 'symlink';
  // Every other test looks through symlinks, as stat(2) does.
  for (let hops = 0; entry.type === 'symlink' && hops < 40; hops++) {
    const target: string = entry.target ?? '';
    path = resolvePath(path.replace(/\/[^/]*$/, '') || '/', target);
    entry = lookup(path);
    if (!entry) return false;
  }
  switch (operator) {
    case '-e': case '-r': case '-w': return true;
    case '-f': return entry.type === 'file';
    case '-d': return entry.type === 'dir';
    case '-x': return entry.type === 'dir' || ((entry.mode ?? 0o644) & 0o111) !== 0;
    case '-s': return entry.type === 'dir' || (entry.content ?? '').length > 0;
    default: return false;
  }
}
