/**
 * Image references as docker parses them: distribution/reference v0.6.0
 * (normalize.go, reference.go, regexp.go, helpers.go), with the digest
 * validation of opencontainers/go-digest v1.0.0. Both are the versions docker
 * 28.2.2 (CLI and daemon) vendor.
 *
 * `nginx` normalizes to `docker.io/library/nginx`, `user/app:1` to
 * `docker.io/user/app:1`, `localhost:5000/x` keeps its registry; the
 * "familiar" form strips `docker.io/` and `library/` again for display.
 */
import { goQuote } from './goQuote';

/** A reference with a repository name, possibly tagged and/or pinned by digest. */
export interface NamedReference {
  /** Registry host[:port]; `docker.io` after normalization; '' when {@link parseReference} found none. */
  readonly domain: string;
  /** Repository path within the registry, e.g. `library/nginx`. */
  readonly path: string;
  readonly tag?: string;
  /** `algorithm:hex`, e.g. `sha256:...`. */
  readonly digest?: string;
}

/** A bare digest (what {@link parseAnyReference} returns for an image id or digest). */
export interface DigestReference {
  readonly digest: string;
}

/** Thrown for any reference that does not parse; the message is distribution/reference's. */
export class InvalidReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReferenceError';
  }
}

/** The registry Docker Hub references normalize to. */
export const defaultDomain = 'docker.io';
/** The old name of Docker Hub's registry; normalized to {@link defaultDomain}. */
export const legacyDefaultDomain = 'index.docker.io';
/** The namespace of official images on Docker Hub. */
export const officialRepoPrefix = 'library/';
/** The tag docker assumes when none is given. */
export const defaultTag = 'latest';
/** The longest repository path distribution accepts. */
export const repositoryNameTotalLengthMax = 255;

/** distribution/reference's error texts (`reference.go`) and go-digest's. */
export const referenceErrors = {
  invalidFormat: 'invalid reference format',
  tagInvalidFormat: 'invalid tag format',
  digestInvalidFormat: 'invalid digest format',
  nameContainsUppercase: 'repository name must be lowercase',
  nameEmpty: 'repository name must have at least one component',
  nameTooLong: `repository name must not be more than ${repositoryNameTotalLengthMax} characters`,
  nameNotCanonical: 'repository name must be canonical',
  checksumInvalidFormat: 'invalid checksum digest format',
  checksumInvalidLength: 'invalid checksum digest length',
  digestUnsupported: 'unsupported digest algorithm',
} as const;

// The grammar, built from the same pieces as regexp.go. JavaScript's
// backtracking picks the same submatches as Go's leftmost-first RE2 here.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const localhost = 'localhost';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const identifierPattern = '([a-f0-9]{64})';
const ipv6Address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6Address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const anchoredTag = new RegExp(`^${tagPattern}$`);
const anchoredDigest = new RegExp(`^${digestPattern}$`);
const anchoredName = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredReference = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredIdentifier = new RegExp(`^${identifierPattern}$`);

/** go-digest's DigestRegexpAnchored, used to tell a malformed digest from an unknown algorithm. */
const goDigestAnchored = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** The algorithms docker's binaries link in, with their hex lengths. */
const digestHexLengths: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * go-digest `Digest.Validate`: throws `invalid checksum digest format`,
 * `unsupported digest algorithm` or `invalid checksum digest length`.
 */
export function validateDigest(digest: string): void {
  const colon = digest.indexOf(':');
  if (colon <= 0 || colon + 1 === digest.length) throw new InvalidReferenceError(referenceErrors.checksumInvalidFormat);
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = Object.prototype.hasOwnProperty.call(digestHexLengths, algorithm) ? digestHexLengths[algorithm] : undefined;
  if (length === undefined) {
    throw new InvalidReferenceError(goDigestAnchored.test(digest) ? referenceErrors.digestUnsupported : referenceErrors.checksumInvalidFormat);
  }
  if (encoded.length !== length) throw new InvalidReferenceError(referenceErrors.checksumInvalidLength);
  if (!/^[a-f0-9]+$/.test(encoded)) throw new InvalidReferenceError(referenceErrors.checksumInvalidFormat);
}

/**
 * distribution/reference `Parse`: the reference exactly as written, without
 * normalization (`nginx` has no domain here). Errors: `repository name must
 * have at least one component` (empty), `repository name must be lowercase`,
 * `invalid reference format`, `repository name must not be more than 255
 * characters`, or a digest error.
 */
export function parseReference(text: string): NamedReference {
  const match = anchoredReference.exec(text);
  if (!match) {
    if (text === '') throw new InvalidReferenceError(referenceErrors.nameEmpty);
    if (anchoredReference.test(text.toLowerCase())) throw new InvalidReferenceError(referenceErrors.nameContainsUppercase);
    throw new InvalidReferenceError(referenceErrors.invalidFormat);
  }
  const nameMatch = anchoredName.exec(match[1]);
  const domain = nameMatch ? nameMatch[1] ?? '' : '';
  const path = nameMatch ? nameMatch[2] : match[1];
  if (path.length > repositoryNameTotalLengthMax) throw new InvalidReferenceError(referenceErrors.nameTooLong);
  const tag = match[2];
  const digest = match[3];
  if (digest !== undefined) validateDigest(digest);
  return build(domain, path, tag, digest);
}

/** A reference object without `undefined`-valued keys (so deepStrictEqual and spreading behave). */
function build(domain: string, path: string, tag: string | undefined, digest: string | undefined): NamedReference {
  const reference: { domain: string; path: string; tag?: string; digest?: string } = { domain, path };
  if (tag !== undefined && tag !== '') reference.tag = tag;
  if (digest !== undefined && digest !== '') reference.digest = digest;
  return reference;
}

/**
 * distribution/reference `splitDockerDomain`: which part of a name is the
 * registry. The first path element is a registry when it is `localhost`,
 * contains a "." or ":", or has upper-case letters (namespaces cannot);
 * otherwise the name is on Docker Hub, and single-element Hub names get
 * `library/`.
 */
export function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [defaultDomain, officialRepoPrefix + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemainder = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  if (maybeDomain === localhost) {
    [domain, remainder] = [maybeDomain, maybeRemainder];
  } else if (maybeDomain === legacyDefaultDomain) {
    [domain, remainder] = [defaultDomain, maybeRemainder];
  } else if (/[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
    [domain, remainder] = [maybeDomain, maybeRemainder];
  } else {
    [domain, remainder] = [defaultDomain, name];
  }
  if (domain === defaultDomain && !remainder.includes('/')) remainder = officialRepoPrefix + remainder;
  return [domain, remainder];
}

/**
 * distribution/reference `ParseNormalizedNamed`, what docker uses for every
 * image argument: `nginx` -> `docker.io/library/nginx`, `user/app:1` ->
 * `docker.io/user/app:1`, `localhost:5000/x` -> domain `localhost:5000`.
 * No default tag is added (see {@link tagNameOnly}).
 *
 * Errors (thrown as {@link InvalidReferenceError}), e.g.:
 * - `invalid reference format: repository name (library/Nginx) must be lowercase`
 *   (the path as normalized, before any ":tag");
 * - `invalid repository name (<64 hex>), cannot specify 64-byte hexadecimal strings`;
 * - `invalid reference format` for a bad tag (`nginx:bad tag`, `nginx:-x`,
 *   `nginx:`), a bad name or a malformed `@digest`;
 * - the go-digest errors for a well-formed but wrong digest.
 */
export function parseNormalizedNamed(text: string): NamedReference {
  if (anchoredIdentifier.test(text)) {
    throw new InvalidReferenceError(`invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(text);
  const tagSeparator = remainder.indexOf(':');
  const remote = tagSeparator > -1 ? remainder.slice(0, tagSeparator) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new InvalidReferenceError(`${referenceErrors.invalidFormat}: repository name (${remote}) must be lowercase`);
  }
  return parseReference(`${domain}/${remainder}`);
}

/**
 * distribution/reference `ParseAnyReference`: a 64-hex image id becomes the
 * digest `sha256:<id>`, a valid digest stays a digest, anything else goes
 * through {@link parseNormalizedNamed}.
 */
export function parseAnyReference(text: string): NamedReference | DigestReference {
  if (anchoredIdentifier.test(text)) return { digest: `sha256:${text}` };
  try {
    validateDigest(text);
    return { digest: text };
  } catch {
    return parseNormalizedNamed(text);
  }
}

/**
 * distribution/reference `ParseDockerRef`: normalized, `:latest` added when
 * there is neither tag nor digest, and the tag dropped when both are given.
 */
export function parseDockerRef(text: string): NamedReference {
  const named = parseNormalizedNamed(text);
  if (named.tag !== undefined && named.digest !== undefined) return build(named.domain, named.path, undefined, named.digest);
  return tagNameOnly(named);
}

/** Whether a reference is a {@link NamedReference} rather than a bare digest. */
export function isNamed(reference: NamedReference | DigestReference): reference is NamedReference {
  return 'path' in reference;
}

/** distribution/reference `IsNameOnly`: neither tag nor digest. */
export function isNameOnly(reference: NamedReference): boolean {
  return reference.tag === undefined && reference.digest === undefined;
}

/** distribution/reference `TagNameOnly`: adds `:latest` to a name-only reference. */
export function tagNameOnly(reference: NamedReference): NamedReference {
  return isNameOnly(reference) ? build(reference.domain, reference.path, defaultTag, undefined) : reference;
}

/** distribution/reference `WithTag`: sets the tag (keeping any digest); throws `invalid tag format`. */
export function withTag(reference: NamedReference, tag: string): NamedReference {
  if (!anchoredTag.test(tag)) throw new InvalidReferenceError(referenceErrors.tagInvalidFormat);
  return build(reference.domain, reference.path, tag, reference.digest);
}

/**
 * distribution/reference `WithDigest`: sets the digest (keeping any tag);
 * throws `invalid digest format` unless it has the digest shape (the
 * algorithm is not checked here).
 */
export function withDigest(reference: NamedReference, digest: string): NamedReference {
  if (!anchoredDigest.test(digest)) throw new InvalidReferenceError(referenceErrors.digestInvalidFormat);
  return build(reference.domain, reference.path, reference.tag, digest);
}

/** distribution/reference `TrimNamed`: the name alone, without tag or digest. */
export function trimNamed(reference: NamedReference): NamedReference {
  return build(reference.domain, reference.path, undefined, undefined);
}

/** `Name()`: `domain/path`, or just the path when there is no domain. */
export function referenceName(reference: NamedReference): string {
  return reference.domain === '' ? reference.path : `${reference.domain}/${reference.path}`;
}

/** `String()`: `name[:tag][@digest]`, or the digest of a bare digest reference. */
export function referenceString(reference: NamedReference | DigestReference): string {
  if (!isNamed(reference)) return reference.digest;
  let text = referenceName(reference);
  if (reference.tag !== undefined) text += `:${reference.tag}`;
  if (reference.digest !== undefined) text += `@${reference.digest}`;
  return text;
}

/**
 * distribution/reference `familiarizeName`: Docker Hub's domain is dropped,
 * and so is `library/` when nothing else is nested below it
 * (`docker.io/library/foo/bar` stays `library/foo/bar`).
 */
function familiarize(reference: NamedReference): NamedReference {
  if (reference.domain !== defaultDomain) return reference;
  let path = reference.path;
  if (path.startsWith(officialRepoPrefix)) {
    const remainder = path.slice(officialRepoPrefix.length);
    if (!remainder.includes('/')) path = remainder;
  }
  return build('', path, reference.tag, reference.digest);
}

/** distribution/reference `FamiliarName`: `docker.io/library/nginx` -> `nginx`, `docker.io/user/app` -> `user/app`. */
export function familiarName(reference: NamedReference): string {
  return referenceName(familiarize(reference));
}

/** distribution/reference `FamiliarString`: the familiar name with its tag and digest (`nginx:latest`). */
export function familiarString(reference: NamedReference | DigestReference): string {
  return isNamed(reference) ? referenceString(familiarize(reference)) : reference.digest;
}

/**
 * The docker client's error when `docker tag` gets a reference it cannot
 * parse (moby client/image_tag.go), e.g.
 * `Error parsing reference: "nginx:Bad Tag" is not a valid repository/tag: invalid reference format`.
 */
export function invalidRepositoryTagMessage(reference: string, cause: string): string {
  return `Error parsing reference: ${goQuote(reference)} is not a valid repository/tag: ${cause}`;
}

/** The docker client's error when the target of `docker tag` has a digest (moby client/image_tag.go). */
export const tagWithDigestMessage = 'refusing to create a tag with a digest reference';
