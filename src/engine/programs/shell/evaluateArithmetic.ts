/** Why `$((...))` failed: a syntax error or a division by zero. */
export class ArithmeticError extends Error {
  constructor(readonly reason: 'syntax' | 'divisionByZero', readonly expression: string) {
    super(reason);
    this.name = 'ArithmeticError';
  }
}

/** How the evaluator reads and writes shell variables. */
export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/**
 * Evaluates a shell arithmetic expression (XCU 2.6.4: C's integer
 * operators, variables by bare name, assignments), in 64-bit-ish integers
 * (JavaScript numbers, truncated toward zero like C).
 */
export function evaluateArithmetic(expression: string, scope: ArithmeticScope): number {
  const tokens = tokenize(expression);
  let index = 0;
  const peek = () => tokens[index];
  const take = () => tokens[index++];
  const fail = (): never => { throw new ArithmeticError('syntax', expression); };

  const valueOf = (name: string): number => {
    const text = (scope.get(name) ?? '').trim();
    if (text === '') return 0;
    const n = parseInteger(text);
    if (n === undefined) {
      // A variable holding an expression is evaluated in turn, as shells do.
      return evaluateArithmetic(text, scope);
    }
    return n;
  };

  const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
    '||': [1, (a, b) => (a || b ? 1 : 0)],
    '&&': [2, (a, b) => (a && b ? 1 : 0)],
    '|': [3, (a, b) => a | b],
    '^': [4, (a, b) => a ^ b],
    '&': [5, (a, b) => a & b],
    '==': [6, (a, b) => (a === b ? 1 : 0)],
    '!=': [6, (a, b) => (a !== b ? 1 : 0)],
    '<': [7, (a, b) => (a < b ? 1 : 0)],
    '<=': [7, (a, b) => (a <= b ? 1 : 0)],
    '>': [7, (a, b) => (a > b ? 1 : 0)],
    '>=': [7, (a, b) => (a >= b ? 1 : 0)],
    '<<': [8, (a, b) => a << b],
    '>>': [8, (a, b) => a >> b],
    '+': [9, (a, b) => a + b],
    '-': [9, (a, b) => a - b],
    '*': [10, (a, b) => a * b],
    '/': [10, (a, b) => { if (b === 0) throw new ArithmeticError('divisionByZero', expression); return Math.trunc(a / b); }],
    '%': [10, (a, b) => { if (b === 0) throw new ArithmeticError('divisionByZero', expression); return a % b; }],
    '**': [11, (a, b) => a ** b],
  };
  const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=']);

  const parseUnary = (): number => {
    const token = take();
    if (token === undefined) return fail();
    if (token === '(') {
      const value = parseExpression(0);
      if (take() !== ')') fail();
      return value;
    }
    if (token === '+') return parseUnary();
    if (token === '-') return -parseUnary();
    if (token === '!') return parseUnary() ? 0 : 1;
    if (token === '~') return ~parseUnary();
    if (token === '++' || token === '--') {
      const name = take();
      if (name === undefined || !/^[A-Za-z_]\w*$/.test(name)) return fail();
      const value = valueOf(name) + (token === '++' ? 1 : -1);
      scope.set(name, String(value));
      return value;
    }
    const number = parseInteger(token);
    if (number !== undefined) return number;
    if (/^[A-Za-z_]\w*$/.test(token)) {
      const next = peek();
      if (next !== undefined && ASSIGN.has(next)) {
        take();
        const right = parseExpression(0);
        const current = valueOf(token);
        const value = next === '=' ? right : BINARY[next.slice(0, -1)][1](current, right);
        scope.set(token, String(value));
        return value;
      }
      if (next === '++' || next === '--') {
        take();
        const value = valueOf(token);
        scope.set(token, String(value + (next === '++' ? 1 : -1)));
        return value;
      }
      return valueOf(token);
    }
    return fail();
  };

  const parseExpression = (minimum: number): number => {
    let left = parseUnary();
    for (;;) {
      const operator = peek();
      if (operator === '?' && minimum === 0) {
        take();
        const whenTrue = parseExpression(0);
        if (take() !== ':') fail();
        const whenFalse = parseExpression(0);
        left = left ? whenTrue : whenFalse;
        continue;
      }
      const entry = operator === undefined ? undefined : BINARY[operator];
      if (!entry || entry[0] < minimum) break;
      take();
      // ** is right-associative; the rest are left-associative.
      const right = parseExpression(operator === '**' ? entry[0] : entry[0] + 1);
      left = entry[1](left, right);
    }
    return left;
  };

  if (tokens.length === 0) return 0;
  const result = parseExpression(0);
  if (index < tokens.length) fail();
  return result;
}

function parseInteger(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) return text.length > 1 && text.startsWith('0') ? parseInt(text, 8) : parseInt(text, 10);
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  return undefined;
}

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_]\w*|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||\+\+|--|[+\-*/%]=|[-+*/%()<>=!~^&|?:])/y;
  let position = 0;
  while (position < expression.length) {
    if (/^\s*$/.test(expression.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(expression);
    if (!match) throw new ArithmeticError('syntax', expression);
    tokens.push(match[1]);
    position = pattern.lastIndex;
  }
  return tokens;
}
