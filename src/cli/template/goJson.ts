/**
 * Go's encoding/json. docker's `json` template function uses an Encoder with
 * SetEscapeHTML(false), so `<`, `>` and `&` stay as they are; json.Marshal
 * (behind docker's formatter.MarshalJSON) escapes them (`\u003c`). U+2028
 * and U+2029 are always escaped. Maps (see goValue.ts) have their keys
 * sorted; structs keep their field order. An object with a `toJSON` method
 * is encoded from what it returns; one with a {@link GO_MARSHAL_JSON} method
 * is encoded as the JSON text that returns (Go's MarshalJSON).
 */
import { GoComplex, GoFloat, GoNil, kindOf, mapEntries, numberOf } from './goValue';

/**
 * A method returning the JSON text of its object, embedded as is: the
 * stand-in for Go's json.Marshaler.
 */
export const GO_MARSHAL_JSON: unique symbol = Symbol('GoTemplate.marshalJSON');

/** Options of {@link goJson}. */
export interface GoJsonOptions {
  /** json.Marshal's default: `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`. Off for docker's `json` function. */
  readonly escapeHTML?: boolean;
}

/** What encoding/json reports for values it cannot encode. */
export class JsonEncodeError extends Error {}

/** Whether the encoding under way escapes HTML characters. */
let escapeHTML = false;

function encodeString(text: string): string {
  // JSON.stringify already escapes quotes, backslashes and control characters
  // exactly as Go does (\b \f \n \r \t, others as \u00xx).
  // A lone surrogate is invalid UTF-8 to Go, which writes the replacement rune.
  const wellFormed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const encoded = JSON.stringify(wellFormed).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (!escapeHTML) {
    return encoded;
  }
  return encoded.replace(/[<>&]/g, (character) => '\\u00' + character.charCodeAt(0).toString(16));
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
    const marshal = (value as { [GO_MARSHAL_JSON]?: unknown })[GO_MARSHAL_JSON];
    if (typeof marshal === 'function') {
      return String(marshal.call(value));
    }
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

/**
 * Encodes `value` as Go's encoding/json does, without a trailing newline:
 * by default as docker's `json` function (no HTML escaping), with
 * `escapeHTML` as json.Marshal.
 */
export function goJson(value: unknown, options: GoJsonOptions = {}): string {
  const saved = escapeHTML;
  escapeHTML = options.escapeHTML ?? false;
  try {
    return encode(value, new Set()) ?? 'null';
  } finally {
    escapeHTML = saved;
  }
}
