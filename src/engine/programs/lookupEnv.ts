/** The value of `name` in a `KEY=value` environment (the last one wins, as getenv sees it), or undefined. */
export function lookupEnv(env: readonly string[], name: string): string | undefined {
  const prefix = `${name}=`;
  for (let i = env.length - 1; i >= 0; i--) {
    if (env[i].startsWith(prefix)) return env[i].slice(prefix.length);
  }
  return undefined;
}
