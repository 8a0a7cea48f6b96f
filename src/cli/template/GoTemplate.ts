/**
 * Go's text/template, as the docker CLI uses it for `--format`: the template
 * language, Go's builtins and docker's own functions (templates/templates.go
 * at docker/cli v28.2.2), with Go's parse and execution error messages.
 *
 * ```ts
 * const template = parseTemplate('{{.Name}} {{join .Args " "}}');
 * template.execute({ Name: 'web', Args: ['-g', 'daemon off;'] }); // 'web -g daemon off;'
 * ```
 *
 * Data is plain JS; goValue.ts says which Go value each JS value plays.
 * Mark maps with {@link goMap} (they print `map[k:v]` with sorted keys and a
 * missing key gives `<no value>`); other objects act as structs (`{v1 v2}`,
 * a missing field is an error). A property that is a function is a method:
 * `{{.Label "com.example"}}` calls it with the arguments, `this` = the object,
 * and its `length` is the number of arguments it takes.
 *
 * Not simulated: channels, range over iterator functions, and the
 * `missingkey=zero` option. Runaway template recursion overflows the JS
 * stack before Go's limit of 100000 levels; it is reported with Go's message.
 */
import { formatValue } from './goFmt';
import {
  GO_TYPE,
  GoComplex,
  GoFloat,
  GoNil,
  isTrue,
  kindOf,
  lookupProperty,
  mapEntries,
  mapGet,
  typeName,
} from './goValue';
import {
  type ArgumentNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type Tree,
  type VariableNode,
  nodeString,
  parseTemplateTree,
  utf8Length,
} from './parseTemplateTree';
import {
  type FunctionMap,
  type GoParameterType,
  type TemplateFunction,
  builtinFunctions,
  dockerFunctions,
} from './templateFunctions';
import { TemplateError } from './TemplateError';

export { TemplateError } from './TemplateError';
export { GO_MAP, GO_TYPE, GoNil, goMap, goNil, goType } from './goValue';
export { GO_MARSHAL_JSON, goJson } from './goJson';
export { builtinFunctions, dockerFunctions, dockerHeaderFunctions, FunctionError } from './templateFunctions';
export type { FunctionMap, GoParameterType, TemplateFunction } from './templateFunctions';

/** Options of {@link parseTemplate}. */
export interface ParseOptions {
  /**
   * Functions added to (or replacing) docker's, like Go's `Funcs` before
   * `Parse`. Go's builtins (and, or, len, printf, ...) are always there.
   */
  readonly functions?: FunctionMap;
  /** Leave out docker's functions: a bare Go template (`json` and friends are then undefined). */
  readonly withoutDockerFunctions?: boolean;
  /**
   * The template's name, shown in its errors (`template: version:1: ...`).
   * docker's `templates.Parse` uses "" (`template: :1: ...`); `docker
   * version` names its template "version".
   */
  readonly name?: string;
}

/** Options of {@link GoTemplate.execute}. */
export interface ExecuteOptions {
  /**
   * Functions that replace the template's own for this run, as docker's
   * `tmpl.Funcs(templates.HeaderFunctions)` does before it renders a table header.
   */
  readonly functions?: FunctionMap;
  /**
   * Go's `missingkey` option. `error` makes a missing map key an error
   * (`map has no entry for key "Foo"`), as `docker inspect` does when it
   * retries a template on the raw JSON.
   */
  readonly missingKey?: 'default' | 'error';
}

/** Go stops runaway template recursion at this depth (see walkTemplate for JS's shallower stack). */
const goMaxExecutionDepth = 100000;

/** Marks "no final value" in a pipeline (Go's missingVal). */
const missing: unique symbol = Symbol('missing');
type Final = unknown;

/** JS methods get plain numbers, not the float64 marker of literals like `1.0`. */
function plainNumber(value: unknown): unknown {
  return value instanceof GoFloat ? value.value : value;
}

/** Thrown by {@link Execution.errorf} to unwind to execute(). */
class ExecutionStop extends Error {}

/** `{{break}}` and `{{continue}}` unwind to their range. */
class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** A callable resolved for one call: a template function, or an object's method. */
interface Callable {
  readonly function: TemplateFunction;
  readonly isBuiltin: boolean;
}

/** One run of a template, Go's `state`. */
class Execution {
  private output = '';
  private variables: { name: string; value: unknown }[] = [];
  private node: Node | undefined;
  private depth = 0;
  /** Set once template recursion has overflowed the JS stack (see walkTemplate). */
  private stackOverflowed = false;

  constructor(
    private tree: Tree,
    private readonly trees: ReadonlyMap<string, Tree>,
    private readonly functions: FunctionMap,
    private readonly missingKey: 'default' | 'error',
  ) {}

  run(data: unknown): string {
    this.variables = [{ name: '$', value: data }];
    try {
      this.walk(data, this.tree.root);
    } catch (error) {
      if (error instanceof ExecutionStop) {
        throw new TemplateError(error.message, this.output);
      }
      throw error;
    }
    return this.output;
  }

  // Errors ----------------------------------------------------------------

  private at(node: Node): void {
    this.node = node;
  }

  /** Go's state.errorf: `template: <parse name>:<line>:<byte column>: executing "<name>" at <node>: message`. */
  private errorf(message: string): never {
    const name = this.tree.name;
    if (this.node === undefined) {
      throw new ExecutionStop(`template: ${name}: ${message}`);
    }
    const node = this.node;
    const before = node.tree.text.slice(0, node.pos);
    const lastNewline = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const column = utf8Length(lastNewline < 0 ? before : before.slice(lastNewline + 1));
    throw new ExecutionStop(`template: ${node.tree.parseName}:${line}:${column}: executing "${name}" at <${nodeString(node)}>: ${message}`);
  }

  // Variables -------------------------------------------------------------

  private mark(): number {
    return this.variables.length;
  }

  private pop(mark: number): void {
    this.variables.length = mark;
  }

  private setVariable(name: string, value: unknown): void {
    for (let i = this.variables.length - 1; i >= 0; i--) {
      if (this.variables[i].name === name) {
        this.variables[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private variableValue(name: string): unknown {
    for (let i = this.variables.length - 1; i >= 0; i--) {
      if (this.variables[i].name === name) {
        return this.variables[i].value;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // Walk ------------------------------------------------------------------

  private walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        // Variables declared by an action persist until the enclosing {{end}}.
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.printValue(node, value);
        }
        return;
      }
      case 'break':
      case 'continue':
        throw new LoopSignal(node.type);
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'list':
        for (const child of node.nodes) {
          this.walk(dot, child);
        }
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.output += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.mark();
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) {
        this.walk(node.type === 'with' ? value : dot, node.list);
      } else if (node.elseList !== undefined) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: unknown, node: BranchNode): void {
    this.at(node);
    const outerMark = this.mark();
    try {
      const value = this.evalPipeline(dot, node.pipe);
      const mark = this.mark();
      const oneIteration = (key: unknown, element: unknown): void => {
        if (node.pipe.decl.length > 0) {
          this.variables[this.variables.length - 1].value = element;
        }
        if (node.pipe.decl.length > 1) {
          this.variables[this.variables.length - 2].value = key;
        }
        try {
          this.walk(element, node.list);
        } catch (error) {
          if (!(error instanceof LoopSignal && error.kind === 'continue')) {
            throw error;
          }
        } finally {
          this.pop(mark);
        }
      };
      if (this.iterate(value, node, oneIteration)) {
        return;
      }
      if (node.elseList !== undefined) {
        this.walk(dot, node.elseList);
      }
    } catch (error) {
      if (!(error instanceof LoopSignal && error.kind === 'break')) {
        throw error;
      }
    } finally {
      this.pop(outerMark);
    }
  }

  /** Runs the range body over `value`; false when there was nothing to iterate (the else branch runs). */
  private iterate(value: unknown, node: BranchNode, oneIteration: (key: unknown, element: unknown) => void): boolean {
    switch (kindOf(value)) {
      case 'slice': {
        const items = value instanceof GoNil ? [] : (value as unknown[]);
        items.forEach((item, index) => oneIteration(index, item === null ? undefined : item));
        return items.length > 0;
      }
      case 'int': {
        // Go 1.22: range over an integer counts from 0.
        if (node.pipe.decl.length > 1) {
          this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
        }
        const count = Number(value);
        for (let i = 0; i < count; i++) {
          oneIteration(undefined, i);
        }
        return count > 0;
      }
      case 'map':
      case 'struct': {
        // A struct that names its Go type cannot be ranged over, as in Go; an untyped
        // plain object is ranged like a map, in sorted key order.
        if (kindOf(value) === 'struct' && (value as { [GO_TYPE]?: unknown })[GO_TYPE] !== undefined) {
          this.errorf(`range can't iterate over ${formatValue(value, true)}`);
        }
        const entries = kindOf(value) === 'map' ? mapEntries(value as object) : mapEntries(Object.fromEntries(Object.entries(value as object)));
        for (const [key, item] of entries) {
          oneIteration(key, item === null ? undefined : item);
        }
        return entries.length > 0;
      }
      case 'invalid':
        // An invalid value is likely a nil map, etc. and acts like an empty map.
        return false;
      default:
        this.errorf(`range can't iterate over ${formatValue(value)}`);
    }
  }

  private walkTemplate(dot: unknown, node: TemplateNode): void {
    this.at(node);
    const tree = this.trees.get(node.name);
    if (tree === undefined) {
      this.errorf(`template ${JSON.stringify(node.name)} not defined`);
    }
    if (this.depth === goMaxExecutionDepth) {
      this.errorf(`exceeded maximum template depth (${goMaxExecutionDepth})`);
    }
    // Variables declared by the pipeline persist.
    const newDot = this.evalPipeline(dot, node.pipe);
    const saved = { tree: this.tree, variables: this.variables };
    this.tree = tree;
    this.depth++;
    // No dynamic scoping: template invocations inherit no variables.
    this.variables = [{ name: '$', value: newDot }];
    try {
      this.walk(newDot, tree.root);
    } catch (error) {
      // JS stacks are shallower than Go's: runaway recursion overflows before
      // Go's limit. Report it as Go does when it reaches its limit. Near the
      // overflow even building the message can fail (with any error type), so
      // each enclosing level tries again until one has the stack to do it.
      if (error instanceof RangeError) {
        this.stackOverflowed = true;
      }
      if (this.stackOverflowed && !(error instanceof ExecutionStop)) {
        this.at(node);
        this.errorf(`exceeded maximum template depth (${goMaxExecutionDepth})`);
      }
      throw error;
    } finally {
      this.tree = saved.tree;
      this.variables = saved.variables;
      this.depth--;
    }
  }

  // Evaluation ------------------------------------------------------------

  private evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (pipe === undefined) {
      return undefined;
    }
    this.at(pipe);
    let value: Final = missing;
    for (const command of pipe.cmds) {
      value = this.evalCommand(dot, command, value);
    }
    for (const variable of pipe.decl) {
      if (pipe.isAssign) {
        this.setVariable(variable.ident[0], value);
      } else {
        this.variables.push({ name: variable.ident[0], value });
      }
    }
    return value;
  }

  private notAFunction(args: readonly ArgumentNode[], final: Final): void {
    if (args.length > 1 || final !== missing) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
    }
  }

  private evalCommand(dot: unknown, command: CommandNode, final: Final): unknown {
    const first = command.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, command.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, command.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, command, command.args, final);
      case 'pipe':
        // A parenthesized pipeline takes no arguments.
        this.notAFunction(command.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, command.args, final);
    }
    this.at(first);
    this.notAFunction(command.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  /** A number literal with no type context, typed by its syntax as Go does. */
  private idealConstant(constant: NumberNode): unknown {
    this.at(constant);
    const number = constant.number;
    const text = constant.text;
    const isHexInt = text.length > 2 && text[0] === '0' && (text[1] === 'x' || text[1] === 'X') && !/[pP]/.test(text);
    const isRuneInt = text.startsWith("'");
    if (number.isComplex) {
      return new GoComplex(number.real, number.imaginary);
    }
    if (number.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(text)) {
      return Number.isInteger(number.float) ? new GoFloat(number.float) : number.float;
    }
    if (number.isInt) {
      return Number.isSafeInteger(Number(number.int)) ? Number(number.int) : number.int;
    }
    if (number.isUint) {
      this.errorf(`${text} overflows int`);
    }
    return undefined;
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: readonly ArgumentNode[] | undefined, final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: readonly ArgumentNode[] | undefined, final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') {
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    }
    // (pipe).Field1.Field2: evaluate the pipeline, then the fields.
    const receiver = this.evalArgument(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, variable: VariableNode, args: readonly ArgumentNode[] | undefined, final: Final): unknown {
    this.at(variable);
    const value = this.variableValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: Node,
    idents: readonly string[],
    args: readonly ArgumentNode[] | undefined,
    final: Final,
  ): unknown {
    let current = receiver;
    for (let i = 0; i < idents.length - 1; i++) {
      current = this.evalField(dot, idents[i], node, undefined, missing, current);
    }
    return this.evalField(dot, idents[idents.length - 1], node, args, final, current);
  }

  private findFunction(name: string): Callable | undefined {
    if (Object.prototype.hasOwnProperty.call(this.functions, name)) {
      return { function: this.functions[name], isBuiltin: false };
    }
    if (Object.prototype.hasOwnProperty.call(builtinFunctions, name)) {
      return { function: builtinFunctions[name], isBuiltin: true };
    }
    return undefined;
  }

  private evalFunction(dot: unknown, node: IdentifierNode, command: Node, args: readonly ArgumentNode[] | undefined, final: Final): unknown {
    this.at(node);
    const callable = this.findFunction(node.name);
    if (callable === undefined) {
      this.errorf(`${JSON.stringify(node.name)} is not a defined function`);
    }
    return this.evalCall(dot, callable, command, node.name, args, final);
  }

  /** `.Name` on `receiver`: a method call, a struct field or a map entry. */
  private evalField(dot: unknown, name: string, node: Node, args: readonly ArgumentNode[] | undefined, final: Final, receiver: unknown): unknown {
    if (receiver === undefined) {
      if (this.missingKey === 'error') {
        this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      }
      return undefined;
    }
    const receiverType = typeName(receiver);
    const hasArgs = (args !== undefined && args.length > 1) || final !== missing;
    const kind = kindOf(receiver);
    if (receiver === null || (receiver instanceof GoNil && receiver.kind === 'pointer')) {
      this.errorf(`nil pointer evaluating ${receiver === null ? 'interface {}' : receiverType}.${name}`);
    }
    if (typeof receiver === 'object' || typeof receiver === 'function') {
      // Methods come first, as Go's MethodByName does. A map's methods are its
      // type's (inherited functions); its own properties are entries.
      const methodHolder = kind === 'map' ? (Object.getPrototypeOf(receiver) as object | null) : (receiver as object);
      const method = methodHolder === null ? undefined : lookupProperty(methodHolder, name);
      if (method?.found && typeof method.value === 'function' && !(receiver instanceof Map) && !(receiver instanceof GoNil)) {
        const callee = method.value as (...values: unknown[]) => unknown;
        const callable: Callable = {
          function: {
            parameters: new Array<GoParameterType>(callee.length).fill('interface {}'),
            call: (...values) => callee.apply(receiver, values.map(plainNumber)),
          },
          isBuiltin: false,
        };
        return this.evalCall(dot, callable, node, name, args, final);
      }
      if (kind === 'struct') {
        const field = lookupProperty(receiver as object, name);
        if (field.found) {
          if (hasArgs) {
            this.errorf(`${name} has arguments but cannot be invoked as function`);
          }
          return field.value;
        }
      }
      if (kind === 'map') {
        if (hasArgs) {
          this.errorf(`${name} is not a method but has arguments`);
        }
        const entry = mapGet(receiver as object, name);
        if (!entry.found && this.missingKey === 'error') {
          this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
        }
        // A nil stored in a map of interfaces is no value once unwrapped.
        return entry.value === null ? undefined : entry.value;
      }
    }
    this.errorf(`can't evaluate field ${name} in type ${receiverType}`);
  }

  /** Calls a function or method with the command's arguments, checking them against its Go signature. */
  private evalCall(dot: unknown, callable: Callable, node: Node, name: string, argNodes: readonly ArgumentNode[] | undefined, final: Final): unknown {
    const args = argNodes === undefined ? [] : argNodes.slice(1);
    const fn = callable.function;
    const parameters = fn.parameters;
    const numIn = args.length + (final !== missing ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic !== undefined) {
      numFixed = parameters.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${parameters.length} got ${args.length}`);
      }
    } else if (numIn !== parameters.length) {
      this.errorf(`wrong number of args for ${name}: want ${parameters.length} got ${numIn}`);
    }

    // The builtins and/or evaluate lazily and return the deciding value.
    if (callable.isBuiltin && (name === 'and' || name === 'or')) {
      let value: unknown;
      for (const arg of args) {
        value = this.evalArgument(dot, 'reflect.Value', arg);
        if (isTrue(value) === (name === 'or')) {
          return value;
        }
      }
      if (final !== missing) {
        value = final;
      }
      return value;
    }

    const values: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) {
      values.push(this.evalArgument(dot, parameters[i], args[i]));
    }
    if (fn.variadic !== undefined) {
      for (; i < args.length; i++) {
        values.push(this.evalArgument(dot, fn.variadic, args[i]));
      }
    }
    if (final !== missing) {
      let type: GoParameterType | undefined = parameters[parameters.length - 1];
      if (fn.variadic !== undefined) {
        type = numIn - 1 < numFixed ? parameters[numIn - 1] : fn.variadic;
      }
      values.push(this.validateType(final, type));
    }
    if (callable.isBuiltin && name === 'call') {
      // Go 1.24 hands `call` the callee's text for its messages ("non-function .Name of type string").
      values.unshift(args.length > 0 ? nodeString(args[0]) : '');
    }
    try {
      return fn.call(...values);
    } catch (error) {
      if (error instanceof ExecutionStop || error instanceof LoopSignal) {
        throw error;
      }
      if (error instanceof RangeError && error.message.startsWith('Maximum call stack')) {
        // Runaway template recursion, not the function's own error: see walkTemplate.
        this.stackOverflowed = true;
        throw error;
      }
      this.at(node);
      const message = error instanceof Error ? error.message : String(error);
      this.errorf(`error calling ${name}: ${message}`);
    }
  }

  /** Whether an untyped nil can be assigned to the type. */
  private canBeNil(type: GoParameterType): boolean {
    return type === 'interface {}' || type === 'reflect.Value' || type === '[]string';
  }

  /** Go's validateType: the value must be assignable to the parameter type. */
  private validateType(value: unknown, type: GoParameterType | undefined): unknown {
    if (type === undefined || type === 'interface {}' || type === 'reflect.Value') {
      return value;
    }
    if (value === undefined || value === null) {
      if (type === '[]string') {
        return [];
      }
      this.errorf(`invalid value; expected ${type}`);
    }
    let assignable: boolean;
    switch (type) {
      case 'string':
        assignable = typeof value === 'string';
        break;
      case 'int':
        assignable = kindOf(value) === 'int';
        break;
      case 'float64':
        assignable = kindOf(value) === 'float';
        break;
      case 'bool':
        assignable = typeof value === 'boolean';
        break;
      case '[]string':
        assignable = typeName(value) === '[]string' || (value instanceof GoNil && value.kind === 'slice');
        break;
    }
    if (!assignable) {
      this.errorf(`wrong type for value; expected ${type}; got ${typeName(value)}`);
    }
    if (value instanceof GoNil) {
      return [];
    }
    if (value instanceof GoFloat) {
      return value.value;
    }
    return value;
  }

  /** Go's evalArg: evaluates one argument node for a parameter of `type` (undefined: no type, as for a chain's head). */
  private evalArgument(dot: unknown, type: GoParameterType | undefined, node: ArgumentNode): unknown {
    this.at(node);
    switch (node.type) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === undefined || this.canBeNil(type)) {
          return type === '[]string' ? [] : undefined;
        }
        this.errorf(`cannot assign nil to ${type}`);
        break;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, node, [node], missing), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, node, undefined, missing), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, node), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, node, node, undefined, missing), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, node, undefined, missing), type);
    }
    switch (type) {
      case 'bool':
        if (node.type === 'bool') {
          return node.value;
        }
        this.errorf(`expected bool; found ${nodeString(node)}`);
        break;
      case 'float64':
        if (node.type === 'number' && node.number.isFloat) {
          return node.number.float;
        }
        this.errorf(`expected float; found ${nodeString(node)}`);
        break;
      case 'int':
        if (node.type === 'number' && node.number.isInt) {
          return Number(node.number.int);
        }
        this.errorf(`expected integer; found ${nodeString(node)}`);
        break;
      case 'string':
        if (node.type === 'string') {
          return node.text;
        }
        this.errorf(`expected string; found ${nodeString(node)}`);
        break;
      case 'interface {}':
      case 'reflect.Value':
      case undefined:
        return this.evalEmptyInterface(node);
    }
    this.errorf(`can't handle ${nodeString(node)} for arg of type ${type}`);
  }

  private evalEmptyInterface(node: ArgumentNode): unknown {
    this.at(node);
    switch (node.type) {
      case 'bool':
        return node.value;
      case 'number':
        return this.idealConstant(node);
      case 'string':
        return node.text;
      default:
        this.errorf(`can't handle assignment of ${nodeString(node)} to empty interface argument`);
    }
  }

  /** What an action prints: `<no value>` for a missing value, else fmt's %v. */
  private printValue(node: Node, value: unknown): void {
    this.at(node);
    if (value === undefined) {
      this.output += '<no value>';
      return;
    }
    if (typeof value === 'function') {
      this.errorf(`can't print ${nodeString(node)} of type ${typeName(value)}`);
    }
    // Go indirects a pointer before printing, so no `&` here.
    this.output += formatValue(value, true);
  }
}

/** A parsed template, ready to execute on data. */
export class GoTemplate {
  /** @internal Use {@link parseTemplate}. */
  constructor(
    /** The template text as parsed. */
    readonly text: string,
    /** The template's name ("" unless given to parseTemplate). */
    readonly name: string,
    private readonly trees: ReadonlyMap<string, Tree>,
    private readonly functions: FunctionMap,
  ) {}

  /** Names of the templates defined with `define`/`block`, sorted. */
  get definedTemplates(): string[] {
    return [...this.trees.keys()].filter((name) => name !== this.name).sort();
  }

  /**
   * Runs the template on `data` and returns what it printed. Throws
   * TemplateError with Go's message (and the output so far in `partialOutput`).
   */
  execute(data: unknown, options: ExecuteOptions = {}): string {
    const tree = this.trees.get(this.name) as Tree;
    const functions = options.functions === undefined ? this.functions : { ...this.functions, ...options.functions };
    return new Execution(tree, this.trees, functions, options.missingKey ?? 'default').run(data);
  }
}

/**
 * Parses a Go template with Go's builtins and docker's functions, as docker's
 * `templates.Parse` does. Throws TemplateError with Go's message
 * (`template: :1: function "foo" not defined`).
 */
export function parseTemplate(text: string, options: ParseOptions = {}): GoTemplate {
  const functions: FunctionMap = { ...(options.withoutDockerFunctions ? {} : dockerFunctions), ...(options.functions ?? {}) };
  const hasFunction = (name: string): boolean =>
    Object.prototype.hasOwnProperty.call(functions, name) || Object.prototype.hasOwnProperty.call(builtinFunctions, name);
  const name = options.name ?? '';
  const trees = parseTemplateTree(text, hasFunction, name);
  return new GoTemplate(text, name, trees, functions);
}
