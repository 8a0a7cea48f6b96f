import { goMap } from '../template/goValue';

/**
 * Fields of the Engine API types that are Go maps (printed `map[k:v]` by
 * templates, iterated in key order); every other object is a struct.
 */
const MAP_FIELDS = new Set([
  'Labels', 'ExposedPorts', 'PortBindings', 'Ports', 'Networks', 'Volumes', 'Data',
  'DriverOpts', 'Options', 'Attributes', 'Annotations', 'StorageOpt', 'Sysctls', 'Tmpfs',
]);

/** Marks the Go maps inside an API object so templates print and range over them as Go would. */
export function asGoValue(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => asGoValue(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // Inside a map the values are themselves plain (port bindings, networks are structs).
    out[k] = asGoValue(v, MAP_FIELDS.has(key) ? '' : k);
  }
  return MAP_FIELDS.has(key) ? goMap(out) : out;
}
