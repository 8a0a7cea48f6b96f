/** One entry of the build context, as the client's file transfer sends it. */
export type ContextEntry =
  | { kind: 'file'; content: string; mode: number }
  | { kind: 'dir'; mode: number }
  | { kind: 'symlink'; target: string };

/**
 * What `docker build` sends the builder: the context directory's files
 * (after .dockerignore) and the Dockerfile. The daemon reads nothing of the
 * learner's machine itself; this is all it sees.
 */
export interface BuildContext {
  /** Entries by path relative to the context root, `/`-separated, no leading slash (`src/app.js`). */
  files: ReadonlyMap<string, ContextEntry>;
  /** The Dockerfile: the name the frontend reads it by (`Dockerfile`, `Dockerfile.dev`) and its text, undefined when missing. */
  dockerfile: { name: string; text: string | undefined };
  /** The .dockerignore the client applied, its text ('' when there is none): its size is what `load .dockerignore` transfers. */
  dockerignore: string;
  /** The context directory (BuildKit's shared key): repeated builds of it transfer only what changed. */
  key: string;
}

/** The options of a build (`docker build -t web --build-arg V=1 --no-cache --target build`). */
export interface BuildOptions {
  /** Names for the image, as given (`web`, `web:1.0`). */
  tags?: readonly string[];
  buildArgs?: Readonly<Record<string, string>>;
  noCache?: boolean;
  /** The stage to build; the last one by default. */
  target?: string;
  /** Labels for the image (`--label`), over the Dockerfile's. */
  labels?: Readonly<Record<string, string>>;
  /** Cancels the build (Ctrl+C): running steps are killed. */
  signal?: AbortSignal;
}

/** What a successful build made. */
export interface BuildResult {
  /** The image ID (`sha256:...`), what `docker build -q` prints. */
  imageId: string;
  /** The names it was given, in full (`docker.io/library/web:latest`). */
  tags: string[];
}
