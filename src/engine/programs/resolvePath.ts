/**
 * `path` made absolute against `cwd` and normalized: `.` and `..` resolved,
 * repeated slashes folded, no trailing slash (except for `/` itself).
 */
export function resolvePath(cwd: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
