/**
 * Go's encoding/json as docker's `json` template function uses it: an
 * Encoder with SetEscapeHTML(false), so `<`, `>` and `&` stay as they are,
 * while U+2028 and U+2029 are still escaped. Maps (see goValue.ts) have their
 * keys sorted; structs keep their field order. An object with a `toJSON`
 * method is encoded from what it returns (the stand-in for Go's MarshalJSON).
 */
import { GoComplex, GoFloat, GoNil, kindOf, mapEntries, numberOf } from './goValue';

/** What encoding/json reports for values it cannot encode. */
export class JsonEncodeError extends Error {}

function encodeString(text: string): string {
  // JSON.stringify already escapes quotes, backslashes and control characters
  // exactly as Go does (\b \f \n \r \t, others as \u00xx).
  // A lone surrogate is invalid UTF-8 to Go, which writes the replacement rune.
  const wellFormed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return JSON.stringify(wellFormed).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function encodeNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new JsonEncodeError(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`);
  }
  // JS and Go agree on float formatting here: exponent form below 1e-6 and from 1e21.
  return JSON.stringify(value);
}

function encode(value: unknown, seen: Set<object>): string | undefined {
  if (value === undefined || value === null || value instanceof GoNil) {
    return 'null';
  }
  if (typeof value === 'object' || typeof value === 'function') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !(value instanceof Date)) {
      return encode(toJSON.call(value), seen);
    }
  }
  if (value instanceof Date) {
    return encodeString(value.toISOString());
  }
  if (value instanceof GoFloat) {
    return encodeNumber(value.value);
  }
  if (value instanceof GoComplex) {
    throw new JsonEncodeError('json: unsupported type: complex128');
  }
  switch (kindOf(value)) {
    case 'string':
      return encodeString(value as string);
    case 'bool':
      return value ? 'true' : 'false';
    case 'int':
    case 'float':
      return typeof value === 'bigint' ? value.toString() : encodeNumber(numberOf(value));
    case 'func':
      throw new JsonEncodeError('json: unsupported type: func()');
    default:
      break;
  }
  const object = value as object;
  if (seen.has(object)) {
    throw new JsonEncodeError('json: unsupported value: encountered a cycle');
  }
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return '[' + object.map((item) => encode(item, seen) ?? 'null').join(',') + ']';
    }
    if (kindOf(object) === 'map') {
      const members = mapEntries(object).map(([key, item]) => encodeString(String(key)) + ':' + (encode(item, seen) ?? 'null'));
      return '{' + members.join(',') + '}';
    }
    const members: string[] = [];
    for (const key of Object.keys(object)) {
      const item = (object as Record<string, unknown>)[key];
      // Methods are not fields, and an absent field plays Go's `omitempty`.
      if (typeof item === 'function' || item === undefined) {
        continue;
      }
      members.push(encodeString(key) + ':' + encode(item, seen));
    }
    return '{' + members.join(',') + '}';
  } finally {
    seen.delete(object);
  }
}

/** Encodes `value` as Go's json.Encoder does (no HTML escaping), without the trailing newline. */
export function goJson(value: unknown): string {
  return encode(value, new Set()) ?? 'null';
}
