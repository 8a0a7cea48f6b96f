/**
 * What Go's encoding/json escapes that JSON.stringify leaves as it is: `<`,
 * `>` and `&` (json.Marshal's HTML escaping) and the two JavaScript line
 * separators, as `\u003c` and so on. The daemon's JSON comes out this way,
 * and clients print it verbatim (`docker inspect` indents the daemon's bytes).
 */
export function escapeLikeGo(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
