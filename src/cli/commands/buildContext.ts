import type { BuildContext, ContextEntry } from '../../engine/build/BuildContext';
import type { HostFiles } from '../HostFiles';
import { StatusError } from './Command';
import { DockerignoreMatcher } from '../../engine/build/dockerignore';

/**
 * What buildx's loadInputs does with a local context: the context must be a
 * directory (`ERROR: unable to prepare context: path "x" not found`); the
 * Dockerfile is `PATH/Dockerfile` (or `dockerfile`), or `-f`'s file, read
 * relative to the working directory; `Dockerfile.dockerignore` next to it
 * wins over the context's `.dockerignore`; the context's files are sent
 * with the ignored ones left out.
 */
export function collectBuildContext(host: HostFiles, contextPath: string, dockerfilePath: string): BuildContext {
  const root = host.resolve(contextPath);
  if (host.readDir(root) === undefined) {
    throw new StatusError(`ERROR: unable to prepare context: path ${JSON.stringify(contextPath)} not found`, 1);
  }
  let dockerfileDirectory = root;
  let dockerfileName = 'Dockerfile';
  if (dockerfilePath !== '') {
    const full = host.resolve(dockerfilePath);
    dockerfileDirectory = full.slice(0, full.lastIndexOf('/')) || '/';
    dockerfileName = full.slice(full.lastIndexOf('/') + 1);
  }
  // handleLowercaseDockerfile: `dockerfile` stands in for a missing `Dockerfile`.
  if (dockerfileName === 'Dockerfile' && !isFile(host, join(dockerfileDirectory, 'Dockerfile')) && isFile(host, join(dockerfileDirectory, 'dockerfile'))) {
    dockerfileName = 'dockerfile';
  }
  const read = host.readFile(join(dockerfileDirectory, dockerfileName));
  const dockerfileText = typeof read === 'string' ? read : undefined;

  const specific = host.readFile(join(dockerfileDirectory, `${dockerfileName}.dockerignore`));
  const general = host.readFile(join(root, '.dockerignore'));
  const dockerignore = typeof specific === 'string' ? specific : typeof general === 'string' ? general : '';
  const matcher = DockerignoreMatcher.parse(dockerignore);

  const files = new Map<string, ContextEntry>();
  const walk = (directory: string, relative: string) => {
    for (const name of host.readDir(directory) ?? []) {
      const path = relative ? `${relative}/${name}` : name;
      const full = join(directory, name);
      const excluded = matcher.excludes(path);
      const stat = host.stat(full);
      if (!stat) continue;
      if (stat.type === 'dir') {
        // An excluded directory is skipped unless a `!` pattern may bring something inside it back.
        if (excluded && !matcher.hasExclusions) continue;
        if (!excluded) files.set(path, { kind: 'dir', mode: stat.mode });
        walk(full, path);
        continue;
      }
      if (excluded) continue;
      if (stat.type === 'symlink') {
        files.set(path, { kind: 'symlink', target: stat.target ?? '' });
        continue;
      }
      const content = host.readFile(full);
      if (typeof content === 'string') files.set(path, { kind: 'file', content, mode: stat.mode });
    }
  };
  walk(root, '');
  return { files, dockerfile: { name: dockerfileName, text: dockerfileText }, dockerignore, key: root };
}

function join(directory: string, name: string): string {
  return directory === '/' ? `/${name}` : `${directory}/${name}`;
}

function isFile(host: HostFiles, path: string): boolean {
  return typeof host.readFile(path) === 'string';
}
