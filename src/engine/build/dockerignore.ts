/**
 * A .dockerignore, as moby/patternmatcher (v0.6.0) reads and applies it:
 * ignorefile.ReadAll's cleaning (comments, blank lines, leading `/`,
 * path.Clean) and MatchesOrParentMatches (a path is excluded when it or one
 * of its parent directories matches; the last matching pattern wins, `!`
 * patterns bring paths back). `*` and `?` stay within a path component,
 * `**` crosses any number of them.
 */
export class DockerignoreMatcher {
  private readonly patterns: { exclusion: boolean; expression: RegExp }[];

  constructor(readonly lines: readonly string[]) {
    this.patterns = lines.map((line) => {
      const exclusion = line.startsWith('!');
      return { exclusion, expression: compile(cleanPattern(exclusion ? line.slice(1) : line)) };
    });
  }

  /** The patterns of a .dockerignore text (ignorefile.ReadAll). */
  static parse(text: string): DockerignoreMatcher {
    const patterns: string[] = [];
    for (const [index, raw] of text.split('\n').entries()) {
      let line = raw.replace(/\r$/, '');
      if (index === 0) line = line.replace(/^\uFEFF/, '');
      if (line.startsWith('#')) continue;
      line = line.trim();
      if (line === '') continue;
      const invert = line.startsWith('!');
      if (invert) line = line.slice(1).trim();
      if (line.length > 0) {
        line = cleanPattern(line);
        if (line.length > 1 && line.startsWith('/')) line = line.slice(1);
      }
      patterns.push(invert ? `!${line}` : line);
    }
    return new DockerignoreMatcher(patterns);
  }

  /** Whether any pattern brings paths back (`!`): then an excluded directory must still be walked. */
  get hasExclusions(): boolean {
    return this.patterns.some((pattern) => pattern.exclusion);
  }

  /** MatchesOrParentMatches for a `/`-separated path relative to the context. */
  excludes(path: string): boolean {
    let matched = false;
    const parents = path.split('/').slice(0, -1);
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.expression.test(path);
      for (let i = 0; !match && i < parents.length; i++) match = pattern.expression.test(parents.slice(0, i + 1).join('/'));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
}

/** filepath.Clean of a relative or absolute pattern. */
function cleanPattern(pattern: string): string {
  const absolute = pattern.startsWith('/');
  const parts: string[] = [];
  for (const part of pattern.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Pattern.compile: the pattern as a regular expression over `/`-separated paths. */
function compile(pattern: string): RegExp {
  let out = '^';
  const characters = [...pattern];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i];
    if (character === '*') {
      if (characters[i + 1] === '*') {
        i++;
        // `**/` is `**`.
        if (characters[i + 1] === '/') i++;
        out += i + 1 >= characters.length ? '.*' : '(.*/)?';
      } else {
        out += '[^/]*';
      }
    } else if (character === '?') {
      out += '[^/]';
    } else if ('.+()|{}$'.includes(character)) {
      out += `\\${character}`;
    } else if (character === '\\') {
      out += i + 1 < characters.length ? `\\${characters[++i]}` : '\\\\';
    } else {
      out += character;
    }
  }
  try {
    return new RegExp(`${out}$`, 's');
  } catch {
    // A pattern Go's filepath.Match would refuse: it matches nothing here.
    return /(?!)/;
  }
}
