import { GoError } from './GoError';
import { goUnits } from './goUnits';
import { readCsvRecord } from './readCsvRecord';
import { strconv } from './strconv';

/** A `--mount` value as docker/cli's opts.MountOpt reads it (the Engine API's mount.Mount). */
export interface MountSpec {
  /** "volume" (the default), "bind", "tmpfs", "image", "npipe", "cluster" — not checked by the client. */
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
  consistency?: string;
  bindOptions?: { propagation?: string; nonRecursive?: boolean; readOnlyNonRecursive?: boolean; readOnlyForceRecursive?: boolean };
  volumeOptions?: { noCopy?: boolean; labels: Record<string, string>; subpath?: string; driverName?: string; driverOptions?: Record<string, string> };
  imageOptions?: { subpath?: string };
  tmpfsOptions?: { sizeBytes?: number; mode?: number };
}

/**
 * opts.MountOpt.Set (docker/cli opts/mount.go): "type=bind,source=/src,target=/app,readonly".
 * Throws {@link GoError} with docker's message: `target is required`, `invalid field 'x' must be
 * a key=value pair`, `unexpected key 'x' in 'x=1'`, ... A relative source starting with "." is
 * kept as given (docker makes it absolute against the client's working directory).
 * Not simulated: the logrus warning docker prints for bind-nonrecursive.
 */
export function parseMountSpec(value: string): MountSpec {
  const fields = readCsvRecord(value);
  const mount: MountSpec = { type: 'volume', source: '', target: '', readOnly: false };
  const volume = (): NonNullable<MountSpec['volumeOptions']> => (mount.volumeOptions ??= { labels: {} });
  const bind = (): NonNullable<MountSpec['bindOptions']> => (mount.bindOptions ??= {});
  const tmpfs = (): NonNullable<MountSpec['tmpfsOptions']> => (mount.tmpfsOptions ??= {});
  const setOnMap = (target: Record<string, string>, text: string): void => {
    const equals = text.indexOf('=');
    const key = equals >= 0 ? text.slice(0, equals) : text;
    if (key !== '') target[key] = equals >= 0 ? text.slice(equals + 1) : '';
  };
  const parseBool = (key: string, text: string, message = `invalid value for ${key}: ${text}`): boolean => {
    try {
      return strconv.parseBool(text);
    } catch {
      throw new GoError(message);
    }
  };
  for (const field of fields) {
    const equals = field.indexOf('=');
    // docker lower-cases the keys (a TODO in its source says it should not).
    const key = (equals >= 0 ? field.slice(0, equals) : field).toLowerCase();
    const text = equals >= 0 ? field.slice(equals + 1) : '';
    if (equals < 0) {
      if (key === 'readonly' || key === 'ro') mount.readOnly = true;
      else if (key === 'volume-nocopy') volume().noCopy = true;
      else if (key === 'bind-nonrecursive') bind().nonRecursive = true;
      else throw new GoError(`invalid field '${field}' must be a key=value pair`);
      continue;
    }
    switch (key) {
      case 'type': mount.type = text.toLowerCase(); break;
      case 'source': case 'src': mount.source = text; break;
      case 'target': case 'dst': case 'destination': mount.target = text; break;
      case 'readonly': case 'ro': mount.readOnly = parseBool(key, text); break;
      case 'consistency': mount.consistency = text.toLowerCase(); break;
      case 'bind-propagation': bind().propagation = text.toLowerCase(); break;
      case 'bind-nonrecursive': bind().nonRecursive = parseBool(key, text); break;
      case 'bind-recursive':
        if (text === 'enabled') break;
        if (text === 'disabled') bind().nonRecursive = true;
        else if (text === 'writable') bind().readOnlyNonRecursive = true;
        else if (text === 'readonly') bind().readOnlyForceRecursive = true;
        else throw new GoError(`invalid value for ${key}: ${text} (must be "enabled", "disabled", "writable", or "readonly")`);
        break;
      case 'volume-subpath': volume().subpath = text; break;
      case 'volume-nocopy': volume().noCopy = parseBool(key, text, `invalid value for volume-nocopy: ${text}`); break;
      case 'volume-label': setOnMap(volume().labels, text); break;
      case 'volume-driver': volume().driverName = text; break;
      case 'volume-opt': setOnMap((volume().driverOptions ??= {}), text); break;
      case 'image-subpath': (mount.imageOptions ??= {}).subpath = text; break;
      case 'tmpfs-size':
        try {
          tmpfs().sizeBytes = goUnits.ramInBytes(text);
        } catch {
          throw new GoError(`invalid value for ${key}: ${text}`);
        }
        break;
      case 'tmpfs-mode':
        try {
          tmpfs().mode = strconv.parseUint(text, 8, 32);
        } catch {
          throw new GoError(`invalid value for ${key}: ${text}`);
        }
        break;
      default:
        throw new GoError(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (mount.type === '') throw new GoError('type is required');
  if (mount.target === '') throw new GoError('target is required');
  if (mount.volumeOptions !== undefined && mount.type !== 'volume') throw new GoError(`cannot mix 'volume-*' options with mount type '${mount.type}'`);
  if (mount.imageOptions !== undefined && mount.type !== 'image') throw new GoError(`cannot mix 'image-*' options with mount type '${mount.type}'`);
  if (mount.bindOptions !== undefined && mount.type !== 'bind') throw new GoError(`cannot mix 'bind-*' options with mount type '${mount.type}'`);
  if (mount.tmpfsOptions !== undefined && mount.type !== 'tmpfs') throw new GoError(`cannot mix 'tmpfs-*' options with mount type '${mount.type}'`);
  if (mount.bindOptions?.readOnlyNonRecursive && !mount.readOnly) throw new GoError("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  if (mount.bindOptions?.readOnlyForceRecursive) {
    if (!mount.readOnly) throw new GoError("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    if (mount.bindOptions.propagation !== 'rprivate') throw new GoError("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
  }
  return mount;
}
