import { GoError } from './GoError';
import { goUnits } from './goUnits';
import { parseGoIp } from './parseGoIp';
import { strconv } from './strconv';
import { validateImageReference } from './validateImageReference';

/**
 * What a validator may consult: the client's environment (`-e NAME` without a value takes
 * NAME from it, as opts.ValidateEnv does with os.LookupEnv).
 */
export interface ValidatorContext {
  readonly environment: ReadonlyMap<string, string>;
}

/**
 * A list validator of the docker CLI: returns the value to store (some normalise it) or throws
 * {@link GoError} with docker's message.
 */
export type FlagValidator = (value: string, context: ValidatorContext) => string;

// Go's regexp \s is [\t\n\f\r ]; `(:?` is docker's own typo (an optional colon), kept as is.
const DOMAIN = /^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?[\t\n\f\r ]*$/;
const DEVICE_CGROUP_RULE = /^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$/;
const ALLOWED_SYSCTLS = new Set(['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced']);

/** opts.ValidateIPAddress (strings.TrimSpace trims Unicode space; ASCII covers argv). */
function ipAddress(value: string): string {
  const ip = parseGoIp(value.trim());
  if (ip === undefined) throw new GoError(`IP address is not correctly formatted: ${value}`);
  return ip;
}

/** Validators by the name the command table gives them (see scripts/capture-help.mjs OVERLAY). */
export const flagValidators: Readonly<Record<string, FlagValidator>> = {
  /** container/opts.go validateAttach: -a stdin|stdout|stderr, any case, stored lower case. */
  attach(value) {
    const lower = value.toLowerCase();
    if (lower === 'stdin' || lower === 'stdout' || lower === 'stderr') return lower;
    throw new GoError('valid streams are STDIN, STDOUT and STDERR');
  },

  /** opts.ValidateEnv: NAME=value kept; a bare NAME takes the client's value when it has one. */
  env(value, context) {
    const equals = value.indexOf('=');
    const name = equals >= 0 ? value.slice(0, equals) : value;
    if (name === '') throw new GoError('invalid environment variable: ' + value);
    if (equals >= 0) return value;
    const found = context.environment.get(name);
    return found === undefined ? value : `${name}=${found}`;
  },

  /** opts.ValidateExtraHost: host:ip or host=ip; IPv6 may be bracketed; "host-gateway" allowed. */
  extraHost(value) {
    let separator = value.indexOf('=');
    if (separator < 0) separator = value.indexOf(':');
    const host = separator >= 0 ? value.slice(0, separator) : '';
    let address = separator >= 0 ? value.slice(separator + 1) : '';
    if (separator < 0 || host === '' || host.includes(':')) throw new GoError(`bad format for add-host: ${strconv.quote(value)}`);
    if (address !== 'host-gateway') {
      if (address.length > 2 && address[0] === '[' && address[address.length - 1] === ']') address = address.slice(1, -1);
      if (parseGoIp(address.trim()) === undefined) throw new GoError(`invalid IP address in add-host: ${strconv.quote(address)}`);
    }
    return `${host}:${address}`;
  },

  ipAddress,

  /** opts.ValidateDNSSearch: "." or a domain name. */
  dnsSearch(value) {
    const trimmed = value.replace(/^ +| +$/g, '');
    if (trimmed === '.') return trimmed;
    const match = /[a-zA-Z]/.test(trimmed) ? DOMAIN.exec(trimmed) : null;
    if (match && match[1].length < 255) return match[1];
    throw new GoError(`${trimmed} is not a valid domain`);
  },

  /** opts.ValidateLabel: key[=value], the key non-empty and without whitespace. */
  label(value) {
    const equals = value.indexOf('=');
    const key = (equals >= 0 ? value.slice(0, equals) : value).replace(/^[ \t]+/, '');
    if (key === '') throw new GoError(`invalid label '${value}': empty name`);
    if (/[ \t]/.test(key)) throw new GoError(`label '${key}' contains whitespaces`);
    return value;
  },

  /** opts.ValidateLink (ParseLink): name or name:alias. */
  link(value) {
    if (value === '') throw new GoError('empty string specified for links');
    if (value.split(':').length > 2) throw new GoError('bad format for links: ' + value);
    return value;
  },

  /** opts.ValidateSysctl: namespaced sysctls only. */
  sysctl(value) {
    const equals = value.indexOf('=');
    const key = equals >= 0 ? value.slice(0, equals) : '';
    if (equals >= 0 && key !== '' && (ALLOWED_SYSCTLS.has(key) || key.startsWith('net.') || key.startsWith('fs.mqueue.'))) return value;
    throw new GoError(`sysctl '${value}' is not allowed`);
  },

  /** container/opts.go validateDeviceCgroupRule. */
  deviceCgroupRule(value) {
    if (DEVICE_CGROUP_RULE.test(value)) return value;
    throw new GoError(`invalid device cgroup format '${value}'`);
  },

  /** opts.ValidateWeightDevice: /dev/path:weight, weight 10..1000 (or 0). */
  weightDevice(value) {
    const colon = value.indexOf(':');
    const path = colon >= 0 ? value.slice(0, colon) : '';
    if (colon < 0 || path === '') throw new GoError(`bad format: ${value}`);
    if (!path.startsWith('/dev/')) throw new GoError(`bad format for device path: ${value}`);
    let weight: number;
    try {
      weight = strconv.parseUint(value.slice(colon + 1), 10, 16);
    } catch {
      throw new GoError(`invalid weight for device: ${value}`);
    }
    if (weight > 0 && (weight < 10 || weight > 1000)) throw new GoError(`invalid weight for device: ${value}`);
    return value;
  },

  /** opts.ValidateThrottleBpsDevice: /dev/path:rate with a size unit. */
  throttleBps(value) {
    const colon = value.indexOf(':');
    const path = colon >= 0 ? value.slice(0, colon) : '';
    if (colon < 0 || path === '') throw new GoError(`bad format: ${value}`);
    if (!path.startsWith('/dev/')) throw new GoError(`bad format for device path: ${value}`);
    const invalid = new GoError(`invalid rate for device: ${value}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`);
    let rate: number;
    try {
      rate = goUnits.ramInBytes(value.slice(colon + 1));
    } catch {
      throw invalid;
    }
    if (rate < 0) throw invalid;
    return value;
  },

  /** opts.ValidateThrottleIOpsDevice: /dev/path:number. */
  throttleIops(value) {
    const colon = value.indexOf(':');
    const path = colon >= 0 ? value.slice(0, colon) : '';
    if (colon < 0 || path === '') throw new GoError(`bad format: ${value}`);
    if (!path.startsWith('/dev/')) throw new GoError(`bad format for device path: ${value}`);
    try {
      strconv.parseUint(value.slice(colon + 1), 10, 64);
    } catch {
      throw new GoError(`invalid rate for device: ${value}. The correct format is <device-path>:<number>. Number must be a positive integer`);
    }
    return value;
  },

  /** image/build.go validateTag: reference.ParseNormalizedNamed. */
  reference(value) {
    validateImageReference(value);
    return value;
  },
};
