import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

// The Engine API's own schemas (moby v28.2.2 api/swagger.yaml as JSON, in
// test/fixtures/engine-api) turned into something ajv checks: swagger 2.0 is
// JSON Schema draft 4 plus extras. `x-nullable: true` (go-swagger's pointer
// marker) becomes "null is allowed too"; `x-go-name`, `x-omitempty` and
// `example` are annotations ajv is told to ignore (strict: false); the
// formats swagger names (int64, uint16, dateTime, ...) are checked for what
// they mean rather than ignored, so a negative uint or a malformed time fails.

/** One failed check: where in the body, what the schema wanted, and what the body held there. */
export interface SchemaViolation {
  /** A JSON pointer into the body ('' for the whole body). */
  path: string;
  message: string;
  /** Where in the (converted) schema the rule lives. */
  schemaPath: string;
  value: unknown;
}

/** What the spec says of one operation's answer with one status code. */
export interface ResponseCheck {
  /** The status codes the operation lists. */
  statuses: number[];
  /** Whether `status` is one of them. */
  listed: boolean;
  /** Whether the spec gives a body schema for this status (204s and streams have none). */
  hasSchema: boolean;
  /** Empty when the body matches (or there is no schema). */
  violations: SchemaViolation[];
}

/** The swagger document's response schemas, compiled for ajv. */
export interface SwaggerValidator {
  /** Checks an answer of `method template` (a path from the spec, e.g. `/containers/{id}/json`). */
  checkResponse(method: string, template: string, status: number, body: unknown): ResponseCheck;
  /** Checks a value against `#/definitions/name`. */
  checkDefinition(name: string, value: unknown): SchemaViolation[];
  /**
   * The fields of the body the spec does not name (JSON pointers), where
   * its schema lists an object's properties and says nothing of others.
   * Swagger 2.0 allows them, so this is not a violation: it is where a
   * response says more than dockerd's documented types (a misspelt or
   * invented field, or a field dockerd sends that the spec forgot).
   */
  undocumentedFields(method: string, template: string, status: number, body: unknown): string[];
  /** The status codes the spec lists for an operation. */
  statuses(method: string, template: string): number[];
  /** The media types the operation says it answers with (its own `produces`, or the document's). */
  produces(method: string, template: string): string[];
}

type Schema = Record<string, unknown>;

interface SwaggerOperation {
  produces?: string[];
  responses: Record<string, { schema?: Schema }>;
}

const DOCUMENT_ID = 'engine-api';

/** Where the fixture sits, from out/test/unit/helpers (compiled) or test/unit/helpers (ts-node). */
function fixturePath(): string {
  for (const up of ['../../../../test/fixtures', '../../fixtures']) {
    const candidate = path.join(__dirname, up, 'engine-api', 'swagger.json');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`test/fixtures/engine-api/swagger.json not found from ${__dirname}`);
}

/**
 * A schema with `x-nullable: true` honoured and `#/definitions/` references
 * pointed at the document. Only schema positions are walked (properties,
 * items, additionalProperties, allOf...): `example` and `default` values
 * are data, not schemas.
 */
function convert(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Schema = { ...(schema as Schema) };
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace(/^#\/definitions\//, `${DOCUMENT_ID}#/definitions/`);
  if (out.properties) out.properties = Object.fromEntries(Object.entries(out.properties as Record<string, unknown>).map(([key, value]) => [key, convert(value)]));
  if (out.items) out.items = Array.isArray(out.items) ? out.items.map(convert) : convert(out.items);
  if (typeof out.additionalProperties === 'object') out.additionalProperties = convert(out.additionalProperties);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(convert);
  }
  if (out['x-nullable'] !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  // A nullable reference or composition: the schema, or null.
  return { anyOf: [{ type: 'null' }, out] };
}

const integerRange = (min: number, max: number) => ({ type: 'number' as const, validate: (value: number) => Number.isInteger(value) && value >= min && value <= max });
// Go's time.Time in JSON is RFC 3339 with optional fractional seconds (RFC3339Nano).
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  // Go's int64 and uint64 (timeNano is ~1.8e18): JSON numbers past 2^53 lose digits in JavaScript but stay in range.
  ajv.addFormat('int64', integerRange(-(2 ** 63), 2 ** 63));
  ajv.addFormat('uint64', integerRange(0, 2 ** 64));
  ajv.addFormat('uint32', integerRange(0, 2 ** 32 - 1));
  ajv.addFormat('uint16', integerRange(0, 2 ** 16 - 1));
  ajv.addFormat('uint8', integerRange(0, 2 ** 8 - 1));
  ajv.addFormat('dateTime', rfc3339);
  ajv.addFormat('date-time', rfc3339);
  ajv.addFormat('ip-address', /^[0-9a-fA-F:.]*$/);
  ajv.addFormat('CIDR', /^[0-9a-fA-F:.]+\/\d+$/);
  ajv.addFormat('uri', /^\w[\w+.-]*:/);
  ajv.addFormat('binary', () => true);
  ajv.addFormat('json', () => true);
  return ajv;
}

function violations(errors: ErrorObject[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).map((error) => ({
    path: error.instancePath,
    message: `${error.message ?? error.keyword}${error.keyword === 'additionalProperties' ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'` : ''}`,
    schemaPath: error.schemaPath,
    value: error.data,
  }));
}

/** Walks `value` along the unconverted `schema`, collecting the pointers of properties it does not name. */
function collectUndocumented(definitions: Record<string, Schema>, schema: Schema, value: unknown, pointer: string, out: string[]): void {
  if (value === null || typeof value !== 'object') return;
  if (typeof schema.$ref === 'string') {
    const target = definitions[schema.$ref.replace('#/definitions/', '')];
    if (!target) throw new Error(`unresolved reference ${schema.$ref}`);
    return collectUndocumented(definitions, target, value, pointer, out);
  }
  if (Array.isArray(schema.allOf)) {
    // The properties of every part count: HostConfig is Resources plus its own.
    const parts = (schema.allOf as Schema[]).map((part) => (typeof part.$ref === 'string' ? definitions[part.$ref.replace('#/definitions/', '')] : part));
    const properties = Object.assign({}, ...parts.map((part) => part.properties ?? {}), schema.properties ?? {}) as Record<string, Schema>;
    return collectUndocumented(definitions, { type: 'object', properties }, value, pointer, out);
  }
  if (Array.isArray(value)) {
    if (schema.items && !Array.isArray(schema.items)) value.forEach((item, index) => collectUndocumented(definitions, schema.items as Schema, item, `${pointer}/${index}`, out));
    return;
  }
  const properties = schema.properties as Record<string, Schema> | undefined;
  const others = schema.additionalProperties;
  for (const [key, item] of Object.entries(value)) {
    const escaped = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (properties?.[key]) collectUndocumented(definitions, properties[key], item, escaped, out);
    else if (typeof others === 'object' && others !== null) collectUndocumented(definitions, others as Schema, item, escaped, out);
    else if (properties && others === undefined) out.push(escaped);
  }
}

let shared: SwaggerValidator | undefined;

/** The validator for the fixture's swagger document (built once, then shared). */
export function swaggerValidator(): SwaggerValidator {
  if (shared) return shared;
  const document = JSON.parse(fs.readFileSync(fixturePath(), 'utf8')) as { produces: string[]; definitions: Record<string, Schema>; paths: Record<string, Record<string, SwaggerOperation>> };
  const ajv = newAjv();
  ajv.addSchema({ $id: DOCUMENT_ID, definitions: Object.fromEntries(Object.entries(document.definitions).map(([name, schema]) => [name, convert(schema)])) });
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown) => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(convert(schema) as Schema);
      compiled.set(key, validate);
    }
    return validate;
  };
  const operation = (method: string, template: string): SwaggerOperation => {
    const found = document.paths[template]?.[method.toLowerCase()];
    if (!found) throw new Error(`the spec has no operation ${method} ${template}`);
    return found;
  };
  const statuses = (method: string, template: string) => Object.keys(operation(method, template).responses).map(Number);
  shared = {
    statuses,
    produces: (method, template) => operation(method, template).produces ?? document.produces,
    checkResponse(method, template, status, body) {
      const listed = statuses(method, template).includes(status);
      const schema = operation(method, template).responses[String(status)]?.schema;
      if (!schema) return { statuses: statuses(method, template), listed, hasSchema: false, violations: [] };
      const validate = compile(`${method} ${template} ${status}`, schema);
      validate(body);
      return { statuses: statuses(method, template), listed, hasSchema: true, violations: violations(validate.errors) };
    },
    checkDefinition(name, value) {
      if (!document.definitions[name]) throw new Error(`the spec has no definition ${name}`);
      const validate = compile(`#/definitions/${name}`, { $ref: `#/definitions/${name}` });
      validate(value);
      return violations(validate.errors);
    },
    undocumentedFields(method, template, status, body) {
      const schema = operation(method, template).responses[String(status)]?.schema;
      const out: string[] = [];
      if (schema) collectUndocumented(document.definitions, schema, body, '', out);
      return out;
    },
  };
  return shared;
}

/** Violations as lines a failing test prints: `/Path: message (schema path) got value`. */
export function formatViolations(found: readonly SchemaViolation[]): string {
  return found.map((violation) => {
    const value = JSON.stringify(violation.value);
    const shown = value === undefined ? 'undefined' : value.length > 120 ? `${value.slice(0, 117)}...` : value;
    return `  ${violation.path || '(body)'}: ${violation.message} (${violation.schemaPath}); got ${shown}`;
  }).join('\n');
}
