import { GoError } from './GoError';

// github.com/distribution/reference (as vendored by docker/cli 28.2.2): ParseNormalizedNamed,
// which `docker build --tag` runs on every tag while reading the flag.

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
// Go's \w is ASCII-only, like JavaScript's without the u flag.
const tag = String.raw`[\w][\w.-]{0,127}`;
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const ipv6address = String.raw`\[(?:[a-fA-F0-9:]+)\]`;
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const domainAndPort = `(?:${domainName}|${ipv6address})${optionalPort}`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const REFERENCE = new RegExp(`^(${namePattern})(?::(${tag}))?(?:@(${digestPattern}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;

/** go-digest algorithms linked into the docker CLI and their hex lengths. */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** go-digest Digest.Validate. */
function validateDigest(digest: string): void {
  const colon = digest.indexOf(':');
  if (colon <= 0 || colon + 1 === digest.length) throw new GoError('invalid checksum digest format');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = DIGEST_LENGTHS[algorithm];
  if (length === undefined) {
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) throw new GoError('invalid checksum digest format');
    throw new GoError('unsupported digest algorithm');
  }
  if (encoded.length !== length) throw new GoError('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw new GoError('invalid checksum digest format');
}

/** reference.splitDockerDomain: "ubuntu" -> ["docker.io", "library/ubuntu"]. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return ['docker.io', 'library/' + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === 'index.docker.io') [domain, remote] = ['docker.io', maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = ['docker.io', name];
  if (domain === 'docker.io' && !remote.includes('/')) remote = 'library/' + remote;
  return [domain, remote];
}

/** reference.Parse's checks, with its error texts. */
function parse(text: string): void {
  const match = REFERENCE.exec(text);
  if (!match) {
    if (text === '') throw new GoError('repository name must have at least one component');
    if (REFERENCE.test(text.toLowerCase())) throw new GoError('repository name must be lowercase');
    throw new GoError('invalid reference format');
  }
  const name = ANCHORED_NAME.exec(match[1]);
  const path = name ? name[2] : match[1];
  if (path.length > 255) throw new GoError('repository name must not be more than 255 characters');
  if (match[3] !== undefined) validateDigest(match[3]);
}

/**
 * reference.ParseNormalizedNamed: throws {@link GoError} with the library's message when `text`
 * is not a valid image name ("MyImage" -> `invalid reference format: repository name
 * (library/MyImage) must be lowercase`).
 */
export function validateImageReference(text: string): void {
  if (IDENTIFIER.test(text)) throw new GoError(`invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`);
  const [domain, remainder] = splitDockerDomain(text);
  const colon = remainder.indexOf(':');
  const remote = colon > -1 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) throw new GoError(`invalid reference format: repository name (${remote}) must be lowercase`);
  parse(domain + '/' + remainder);
}
