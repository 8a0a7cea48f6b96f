import { FlagDefinition, FlagValue } from './FlagDefinition';
import { flagValidators, ValidatorContext } from './flagValidators';
import { GoError } from './GoError';
import { goUnits } from './goUnits';
import { parseGoDuration } from '../../engine/util/parseGoDuration';
import { parseMountSpec } from './parseMountSpec';
import { parseNanoCpus } from './parseNanoCpus';
import { readCsvRecord } from './readCsvRecord';
import { strconv } from './strconv';

/**
 * One `Value.Set(text)` of pflag or docker/cli's opts: returns the flag's new value given its
 * current one (`changed` tells whether the user set it before, for types whose first use replaces
 * the default). Throws {@link GoError} with the type's own message, which pflag then wraps in
 * `invalid argument "<text>" for "<flag>" flag: <message>`.
 */
export function applyFlagValue(definition: FlagDefinition, current: FlagValue, changed: boolean, text: string, context: ValidatorContext): FlagValue {
  const list = (): readonly string[] => (Array.isArray(current) ? (current as readonly string[]) : []);
  const validate = (value: string): string => {
    const validator = definition.validate === undefined ? undefined : flagValidators[definition.validate];
    return validator === undefined ? value : validator(value, context);
  };
  switch (definition.type) {
    case 'bool':
      return strconv.parseBool(text);
    case 'string':
      return text;
    case 'int':
    case 'int64':
      return strconv.parseInt(text, 0, 64);
    case 'int32':
      return strconv.parseInt(text, 0, 32);
    case 'uint':
    case 'uint64':
      return strconv.parseUint(text, 0, 64);
    case 'uint16':
      return strconv.parseUint(text, 0, 16);
    case 'uint32':
      return strconv.parseUint(text, 0, 32);
    case 'float64':
      return strconv.parseFloat(text);
    case 'duration':
      return parseGoDuration(text);
    case 'bytes':
      return goUnits.ramInBytes(text);
    case 'swapBytes':
      // opts.MemSwapBytes: "-1" means unlimited swap.
      return text === '-1' ? -1 : goUnits.ramInBytes(text);
    case 'decimal':
      return parseNanoCpus(text);
    case 'stringArray':
      return changed ? [...list(), text] : [text];
    case 'stringSlice': {
      // pflag readAsCSV: "" is an empty list; the first use replaces the default.
      const values = text === '' ? [] : readCsvRecord(text);
      return changed ? [...list(), ...values] : values;
    }
    case 'map': {
      // opts.MapOpts: key=value (a bare key maps to ""), later keys win.
      const value = validate(text);
      const equals = value.indexOf('=');
      const key = equals >= 0 ? value.slice(0, equals) : value;
      const map = typeof current === 'object' && !Array.isArray(current) ? (current as Readonly<Record<string, string>>) : {};
      return { ...map, [key]: equals >= 0 ? value.slice(equals + 1) : '' };
    }
    case 'stringToString': {
      const equalsCount = text.split('=').length - 1;
      if (equalsCount === 0) throw new GoError(`${text} must be formatted as key=value`);
      const pairs = equalsCount === 1 ? [text.replace(/^"+|"+$/g, '')] : readCsvRecord(text);
      const out: Record<string, string> = {};
      for (const pair of pairs) {
        const equals = pair.indexOf('=');
        if (equals < 0) throw new GoError(`${pair} must be formatted as key=value`);
        out[pair.slice(0, equals)] = pair.slice(equals + 1);
      }
      const map = changed && typeof current === 'object' && !Array.isArray(current) ? (current as Readonly<Record<string, string>>) : {};
      return { ...map, ...out };
    }
    case 'filter': {
      // opts.FilterOpt: "" is ignored; names are trimmed and lower-cased, values trimmed.
      if (text === '') return list();
      const equals = text.indexOf('=');
      if (equals < 0) throw new GoError('bad format of filter (expected name=value)');
      return [...list(), `${text.slice(0, equals).trim().toLowerCase()}=${text.slice(equals + 1).trim()}`];
    }
    case 'ulimit':
      goUnits.parseUlimit(text);
      return [...list(), text];
    case 'mount':
      // Kept as given; parseMountSpec reads it again for the command.
      parseMountSpec(text);
      return [...list(), text];
    case 'list':
      return [...list(), validate(text)];
    default:
      // network, gpu-request and the swarm-only types: kept as given.
      // Not simulated: their own parse errors (--network's options, --gpus counts, ...).
      return [...list(), validate(text)];
  }
}
