/**
 * How JavaScript data stands in for Go values inside a template.
 *
 * Go templates walk typed Go values; the simulation hands them plain JS data.
 * The mapping, used by GoTemplate, goFmt and goJson alike:
 *
 * | JS value                               | Go value it plays                          |
 * | -------------------------------------- | ------------------------------------------ |
 * | `undefined`                            | no value (a missing map key, an unset interface) |
 * | `null`                                 | a nil pointer / nil interface              |
 * | string, boolean                        | string, bool                               |
 * | integer number, bigint                 | int                                        |
 * | other number                           | float64                                    |
 * | array                                  | slice (`[]string` when every item is a string) |
 * | `Map`, or object marked with {@link goMap} | map: `map[k:v]` with sorted keys        |
 * | any other object                       | struct: `{v1 v2}`, fields in insertion order |
 * | function (own or inherited property)   | method: `.Label "x"` calls it              |
 * | {@link GoNil}                          | a typed nil map, slice or pointer          |
 *
 * {@link GO_TYPE} names an object's Go type for error messages and `%T`
 * (`*formatter.ContainerContext`), since JS has no such names.
 */

/**
 * Marks an object as a Go map. Set it with {@link goMap}. A map differs from
 * a struct in three visible ways: it prints as `map[k1:v1 k2:v2]` with its
 * keys sorted, a missing key gives `<no value>` instead of
 * `can't evaluate field`, and `json` sorts its keys.
 */
export const GO_MAP: unique symbol = Symbol('GoTemplate.map');

/**
 * Names the Go type of an object, array or function for error messages and
 * `printf "%T"`: `{ [GO_TYPE]: '*formatter.ContainerContext', ... }`. A name
 * starting with `*` also makes `print` show the struct as `&{...}`, as Go
 * does for pointers.
 */
export const GO_TYPE: unique symbol = Symbol('GoTemplate.type');

/**
 * Marks `entries` as a Go map (see {@link GO_MAP}) and returns it. Properties
 * that are functions on the object's prototype act as the map type's methods
 * (docker's `SubHeaderContext.Label`); own properties are entries.
 */
export function goMap<T extends object>(entries: T, typeName?: string): T {
  Object.defineProperty(entries, GO_MAP, { value: true, enumerable: false, configurable: true });
  if (typeName !== undefined) {
    goType(entries, typeName);
  }
  return entries;
}

/** Names the Go type of `value` (see {@link GO_TYPE}) and returns it. */
export function goType<T extends object>(value: T, typeName: string): T {
  Object.defineProperty(value, GO_TYPE, { value: typeName, enumerable: false, configurable: true });
  return value;
}

/**
 * A typed Go nil. Docker's structs hold nil maps and slices (`Config.Volumes`,
 * `Config.Entrypoint`) that JSON shows as `null` but templates print as
 * `map[]` and `[]`; a nil pointer (`State.Health`) prints `<nil>`.
 */
export class GoNil {
  constructor(
    readonly kind: 'map' | 'slice' | 'pointer',
    readonly typeName: string,
  ) {}
}

/** A typed nil: `goNil('map')` prints `map[]`, `goNil('slice')` prints `[]`; both encode as JSON `null`. */
export function goNil(kind: 'map' | 'slice' | 'pointer', typeName?: string): GoNil {
  const defaults = { map: 'map[string]string', slice: '[]string', pointer: '*struct {}' } as const;
  return new GoNil(kind, typeName ?? defaults[kind]);
}

/**
 * A float64 whose value is a whole number, as a template literal like `1.0`
 * makes. Plain JS numbers that are whole count as int; this keeps Go's
 * distinction where the template itself made it (`eq 1 1.0` is an error).
 */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A complex128 constant from a template literal such as `1+2i`. */
export class GoComplex {
  constructor(
    readonly real: number,
    readonly imaginary: number,
  ) {}
}

/** The Go kinds the template machinery distinguishes. */
export type GoKind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'complex' | 'string' | 'slice' | 'map' | 'struct' | 'func';

/** The Go kind `value` plays. */
export function kindOf(value: unknown): GoKind {
  if (value === undefined) {
    return 'invalid';
  }
  if (value === null) {
    return 'nil';
  }
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'function':
      return 'func';
    case 'object':
      break;
    default:
      // symbols: nothing in Go looks like them; treat as an opaque struct.
      return 'struct';
  }
  if (value instanceof GoFloat) {
    return 'float';
  }
  if (value instanceof GoComplex) {
    return 'complex';
  }
  if (value instanceof GoNil) {
    return value.kind === 'pointer' ? 'nil' : value.kind;
  }
  if (Array.isArray(value)) {
    return 'slice';
  }
  if (isGoMap(value)) {
    return 'map';
  }
  return 'struct';
}

/** True for a JS `Map` or an object marked with {@link goMap}. */
export function isGoMap(value: object): boolean {
  return value instanceof Map || (value as { [GO_MAP]?: boolean })[GO_MAP] === true;
}

/** The number value of an int, float or GoFloat. */
export function numberOf(value: unknown): number {
  if (value instanceof GoFloat) {
    return value.value;
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  return value as number;
}

/** Compares map keys the way Go's fmtsort does: numbers numerically, strings byte-wise. */
export function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const left = String(a);
  const right = String(b);
  if (left === right) {
    return 0;
  }
  // Code point order equals UTF-8 byte order; plain `<` compares UTF-16 units.
  const leftPoints = Array.from(left, (c) => c.codePointAt(0) as number);
  const rightPoints = Array.from(right, (c) => c.codePointAt(0) as number);
  const length = Math.min(leftPoints.length, rightPoints.length);
  for (let i = 0; i < length; i++) {
    if (leftPoints[i] !== rightPoints[i]) {
      return leftPoints[i] - rightPoints[i];
    }
  }
  return leftPoints.length - rightPoints.length;
}

/** The entries of a map value (Map, goMap object or nil map), sorted by key as Go's fmt and range do. */
export function mapEntries(value: object): [unknown, unknown][] {
  let entries: [unknown, unknown][];
  if (value instanceof GoNil) {
    entries = [];
  } else if (value instanceof Map) {
    entries = [...value.entries()];
  } else {
    entries = Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  }
  return entries.sort((a, b) => compareKeys(a[0], b[0]));
}

/** The fields of a struct value: own enumerable string keys that are not methods, in insertion order. */
export function structFields(value: object): [string, unknown][] {
  const fields: [string, unknown][] = [];
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field !== 'function') {
      fields.push([key, field]);
    }
  }
  return fields;
}

/** Looks `name` up on `value` and its prototypes, stopping short of Object.prototype (no `.toString`, `.constructor`). */
export function lookupProperty(value: object, name: string): { found: boolean; value: unknown; own: boolean } {
  let holder: object | null = value;
  while (holder !== null && holder !== Object.prototype && holder !== Array.prototype && holder !== Function.prototype) {
    if (Object.prototype.hasOwnProperty.call(holder, name) && !(holder !== value && name === 'constructor')) {
      return { found: true, value: (value as Record<string, unknown>)[name], own: holder === value };
    }
    holder = Object.getPrototypeOf(holder) as object | null;
  }
  return { found: false, value: undefined, own: false };
}

/** Reads a map entry; `undefined` when the key is missing. */
export function mapGet(map: object, key: unknown): { found: boolean; value: unknown } {
  if (map instanceof GoNil) {
    return { found: false, value: undefined };
  }
  if (map instanceof Map) {
    return { found: map.has(key), value: map.get(key) };
  }
  const name = String(key);
  if (Object.prototype.hasOwnProperty.call(map, name)) {
    return { found: true, value: (map as Record<string, unknown>)[name] };
  }
  return { found: false, value: undefined };
}

/** The number of entries of a map value. */
export function mapSize(map: object): number {
  if (map instanceof GoNil) {
    return 0;
  }
  return map instanceof Map ? map.size : Object.keys(map).length;
}

/** The Go type name of `value` as `%T` and error messages show it. */
export function typeName(value: unknown): string {
  if (value === undefined || value === null) {
    return '<nil>';
  }
  if (typeof value === 'object' || typeof value === 'function') {
    const named = (value as { [GO_TYPE]?: unknown })[GO_TYPE];
    if (typeof named === 'string') {
      return named;
    }
  }
  switch (kindOf(value)) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'complex':
      return 'complex128';
    case 'func':
      return 'func()';
    case 'slice':
      if (value instanceof GoNil) {
        return value.typeName;
      }
      return (value as unknown[]).every((item) => typeof item === 'string') ? '[]string' : '[]interface {}';
    case 'map': {
      if (value instanceof GoNil) {
        return value.typeName;
      }
      const values = mapEntries(value as object).map((entry) => entry[1]);
      return values.every((item) => typeof item === 'string') ? 'map[string]string' : 'map[string]interface {}';
    }
    case 'nil':
      return value instanceof GoNil ? value.typeName : '<nil>';
    default:
      return 'struct {}';
  }
}

/**
 * Go's truth for `if`, `with`, `and`, `or`, `not`: false for the zero value
 * of the type (0, "", false, nil, empty slice/map), true otherwise; structs
 * are always true.
 */
export function isTrue(value: unknown): boolean {
  switch (kindOf(value)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'bool':
      return value as boolean;
    case 'int':
    case 'float':
      return numberOf(value) !== 0;
    case 'complex':
      return (value as GoComplex).real !== 0 || (value as GoComplex).imaginary !== 0;
    case 'string':
      return (value as string).length > 0;
    case 'slice':
      return value instanceof GoNil ? false : (value as unknown[]).length > 0;
    case 'map':
      return mapSize(value as object) > 0;
    default:
      return true;
  }
}
