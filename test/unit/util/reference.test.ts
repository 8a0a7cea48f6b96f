import * as assert from 'node:assert';
import type { NamedReference } from '../../../src/engine/util/reference';
import {
  familiarName,
  familiarString,
  InvalidReferenceError,
  invalidRepositoryTagMessage,
  isNameOnly,
  parseAnyReference,
  parseDockerRef,
  parseNormalizedNamed,
  parseReference,
  referenceString,
  splitDockerDomain,
  tagNameOnly,
  trimNamed,
  withDigest,
  withTag,
} from '../../../src/engine/util/reference';

const hex = 'e'.repeat(64);
const digest = `sha256:${hex}`;

function throwsMessage(run: () => unknown, message: string): void {
  assert.throws(run, (error: Error) => error instanceof InvalidReferenceError && error.message === message);
}

suite('reference: parseNormalizedNamed', () => {
  // [input, String(), FamiliarName, FamiliarString]; expected values from distribution/reference v0.6.0.
  const cases: [string, string, string, string][] = [
    ['nginx', 'docker.io/library/nginx', 'nginx', 'nginx'],
    ['nginx:latest', 'docker.io/library/nginx:latest', 'nginx', 'nginx:latest'],
    ['user/app:1', 'docker.io/user/app:1', 'user/app', 'user/app:1'],
    ['localhost:5000/x', 'localhost:5000/x', 'localhost:5000/x', 'localhost:5000/x'],
    ['localhost/x', 'localhost/x', 'localhost/x', 'localhost/x'],
    [`nginx@${digest}`, `docker.io/library/nginx@${digest}`, 'nginx', `nginx@${digest}`],
    [`nginx:1.25@${digest}`, `docker.io/library/nginx:1.25@${digest}`, 'nginx', `nginx:1.25@${digest}`],
    ['docker.io/library/foo/bar', 'docker.io/library/foo/bar', 'library/foo/bar', 'library/foo/bar'], // library/ kept when nested
    ['library/foo', 'docker.io/library/foo', 'foo', 'foo'],
    ['docker.io/foo', 'docker.io/library/foo', 'foo', 'foo'],
    ['index.docker.io/user/app', 'docker.io/user/app', 'user/app', 'user/app'], // the legacy Hub domain
    ['Foo/bar', 'Foo/bar', 'Foo/bar', 'Foo/bar'], // an upper-case first element is a registry
    ['FOO:5000/bar', 'FOO:5000/bar', 'FOO:5000/bar', 'FOO:5000/bar'],
    ['[::1]:5000/repo:tag', '[::1]:5000/repo:tag', '[::1]:5000/repo', '[::1]:5000/repo:tag'],
    ['example.com:8000/private/moonbase', 'example.com:8000/private/moonbase', 'example.com:8000/private/moonbase', 'example.com:8000/private/moonbase'],
    ['192.168.0.1:80', 'docker.io/library/192.168.0.1:80', '192.168.0.1', '192.168.0.1:80'], // no slash: ":80" is a tag
    ['test_com/foo', 'docker.io/test_com/foo', 'test_com/foo', 'test_com/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com/foo', 'xn--n3h.com/foo', 'xn--n3h.com/foo'],
    [`docker.io/${hex}`, `docker.io/library/${hex}`, hex, hex], // hex is fine once a domain is given
  ];
  for (const [input, full, name, familiar] of cases) {
    test(`${input.slice(0, 40)} -> ${full.slice(0, 50)}`, () => {
      const reference = parseNormalizedNamed(input);
      assert.strictEqual(referenceString(reference), full);
      assert.strictEqual(familiarName(reference), name);
      assert.strictEqual(familiarString(reference), familiar);
    });
  }

  test('returns the parts as plain fields', () => {
    assert.deepStrictEqual(parseNormalizedNamed('nginx'), { domain: 'docker.io', path: 'library/nginx' });
    assert.deepStrictEqual(parseNormalizedNamed(`user/app:1@${digest}`), { domain: 'docker.io', path: 'user/app', tag: '1', digest });
    assert.deepStrictEqual(parseNormalizedNamed('localhost:5000/x'), { domain: 'localhost:5000', path: 'x' });
  });

  // Messages checked against the docker 28.2.2 CLI (`docker pull <input>`).
  const errors: [string, string][] = [
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['localhost:5000/X', 'invalid reference format: repository name (X) must be lowercase'],
    ['Foo/Bar', 'invalid reference format: repository name (Bar) must be lowercase'],
    ['test:5000/Uppercase/lowercase:tag', 'invalid reference format: repository name (Uppercase/lowercase) must be lowercase'],
    ['nginx:Bad Tag', 'invalid reference format'],
    ['nginx:', 'invalid reference format'],
    ['nginx:-x', 'invalid reference format'], // a tag cannot start with "-"
    [`nginx:${'t'.repeat(129)}`, 'invalid reference format'], // tags stop at 128 characters
    [':latest', 'invalid reference format'],
    ['a//b', 'invalid reference format'],
    ['', 'invalid reference format'],
    ['-docker', 'invalid reference format'],
    ['https://github.com/docker/docker', 'invalid reference format'],
    ['[fc00::1]:5000', 'invalid reference format'],
    ['[fe80::1%eth0]:5000/repo', 'invalid reference format'],
    [hex, `invalid repository name (${hex}), cannot specify 64-byte hexadecimal strings`],
    ['nginx@sha256:abc', 'invalid reference format'], // too short to be a digest at all
    [`nginx@md5:${'e'.repeat(40)}`, 'unsupported digest algorithm'],
    [`nginx@sha256:${'E'.repeat(64)}`, 'invalid checksum digest format'],
    [`nginx@sha256:${'e'.repeat(63)}`, 'invalid checksum digest length'],
    ['a'.repeat(300), 'repository name must not be more than 255 characters'],
  ];
  for (const [input, message] of errors) {
    test(`${JSON.stringify(input.slice(0, 40))} fails: ${message.slice(0, 70)}`, () => {
      throwsMessage(() => parseNormalizedNamed(input), message);
    });
  }
});

suite('reference: splitDockerDomain', () => {
  // distribution/reference TestNormalizedSplitHostname.
  const cases: [string, string, string][] = [
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo'],
    ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    ['docker.io/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
    ['localhost/foo', 'localhost', 'foo'],
  ];
  for (const [input, domain, remainder] of cases) {
    test(`${input} -> ${domain} + ${remainder}`, () => {
      assert.deepStrictEqual(splitDockerDomain(input), [domain, remainder]);
    });
  }
});

suite('reference: parseReference (no normalization)', () => {
  // distribution/reference TestReferenceParse.
  const cases: [string, NamedReference][] = [
    ['test_com', { domain: '', path: 'test_com' }],
    ['test.com:tag', { domain: '', path: 'test.com', tag: 'tag' }],
    ['test.com:5000', { domain: '', path: 'test.com', tag: '5000' }],
    ['test:5000/repo', { domain: 'test:5000', path: 'repo' }],
    [`test:5000/repo:tag@sha256:${'f'.repeat(64)}`, { domain: 'test:5000', path: 'repo', tag: 'tag', digest: `sha256:${'f'.repeat(64)}` }],
    ['lowercase:Uppercase', { domain: '', path: 'lowercase', tag: 'Uppercase' }],
    ['[2001:db8::1]:5000/repo', { domain: '[2001:db8::1]:5000', path: 'repo' }],
    [`xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`, { domain: 'xn--7o8h.com', path: 'myimage', tag: 'xn--7o8h.com', digest: `sha512:${'f'.repeat(128)}` }],
  ];
  for (const [input, expected] of cases) {
    test(`${input.slice(0, 50)}`, () => {
      assert.deepStrictEqual(parseReference(input), expected);
    });
  }

  const errors: [string, string][] = [
    ['', 'repository name must have at least one component'],
    [':justtag', 'invalid reference format'],
    [`@sha256:${'f'.repeat(64)}`, 'invalid reference format'],
    [`repo@sha256:${'f'.repeat(34)}`, 'invalid checksum digest length'],
    [`validname@invaliddigest:${'f'.repeat(64)}`, 'unsupported digest algorithm'],
    ['Uppercase:tag', 'repository name must be lowercase'],
    ['test:5000/Uppercase/lowercase:tag', 'repository name must be lowercase'],
    [`domain/${'a'.repeat(256)}:tag`, 'repository name must not be more than 255 characters'],
    ['aa/asdf$$^/aa', 'invalid reference format'],
    ['[2001:db8::1]', 'invalid reference format'],
  ];
  for (const [input, message] of errors) {
    test(`${JSON.stringify(input.slice(0, 40))} fails: ${message}`, () => {
      throwsMessage(() => parseReference(input), message);
    });
  }
});

suite('reference: helpers', () => {
  test('parseAnyReference takes a 64-hex id or a digest as a digest, anything else as a name', () => {
    assert.deepStrictEqual(parseAnyReference(hex), { digest });
    assert.deepStrictEqual(parseAnyReference(digest), { digest });
    assert.deepStrictEqual(parseAnyReference('dbcc1'), { domain: 'docker.io', path: 'library/dbcc1' });
    assert.strictEqual(familiarString(parseAnyReference(hex)), digest);
  });

  // distribution/reference TestParseDockerRef.
  const dockerRefs: [string, string][] = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest'],
    [`busybox@${digest}`, `docker.io/library/busybox@${digest}`],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['gcr.io/library/busybox', 'gcr.io/library/busybox:latest'],
    [`gcr.io/library/busybox:latest@${digest}`, `gcr.io/library/busybox@${digest}`], // the tag is dropped
  ];
  for (const [input, expected] of dockerRefs) {
    test(`parseDockerRef(${input.slice(0, 40)}) is ${expected.slice(0, 50)}`, () => {
      assert.strictEqual(referenceString(parseDockerRef(input)), expected);
    });
  }

  test('tagNameOnly adds :latest only to a bare name', () => {
    assert.strictEqual(referenceString(tagNameOnly(parseNormalizedNamed('nginx'))), 'docker.io/library/nginx:latest');
    assert.strictEqual(referenceString(tagNameOnly(parseNormalizedNamed('nginx:1'))), 'docker.io/library/nginx:1');
    assert.strictEqual(referenceString(tagNameOnly(parseNormalizedNamed(`nginx@${digest}`))), `docker.io/library/nginx@${digest}`);
    assert.strictEqual(isNameOnly(parseNormalizedNamed('nginx')), true);
    assert.strictEqual(isNameOnly(parseNormalizedNamed('nginx:1')), false);
  });

  test('withTag validates the tag and keeps a digest; withDigest validates the shape', () => {
    const busybox = parseNormalizedNamed('busybox');
    assert.strictEqual(familiarString(withTag(busybox, 'v1.0')), 'busybox:v1.0');
    throwsMessage(() => withTag(busybox, '-foo'), 'invalid tag format');
    assert.strictEqual(familiarString(withTag(withDigest(busybox, digest), 'v1')), `busybox:v1@${digest}`);
    throwsMessage(() => withDigest(busybox, 'foo'), 'invalid digest format');
    assert.strictEqual(familiarString(trimNamed(parseNormalizedNamed(`busybox:1@${digest}`))), 'busybox');
  });

  test('docker tag wraps parse errors with the reference quoted', () => {
    assert.strictEqual(
      invalidRepositoryTagMessage('nginx:Bad Tag', 'invalid reference format'),
      'Error parsing reference: "nginx:Bad Tag" is not a valid repository/tag: invalid reference format',
    );
  });

  test('a long hostile input is rejected quickly (no regex backtracking blow-up)', () => {
    const started = Date.now();
    for (const input of ['a-'.repeat(3000) + '!', 'a.'.repeat(3000) + '/!', `${'0'.repeat(30)}.`.repeat(100) + ':5/a@']) {
      assert.throws(() => parseNormalizedNamed(input), InvalidReferenceError);
    }
    assert.ok(Date.now() - started < 1000);
  });
});
