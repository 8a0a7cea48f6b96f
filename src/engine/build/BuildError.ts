import { EngineError } from '../errors';

/** Where in the Dockerfile a build error or warning points: 1-based lines, inclusive. */
export interface SourceLines {
  start: number;
  end: number;
}

/** The Dockerfile text an error points into (BuildKit's pb.SourceInfo with its ranges). */
export interface BuildErrorSource {
  /** The Dockerfile's name as the frontend read it (`Dockerfile`, `Dockerfile.dev`). */
  filename: string;
  text: string;
  ranges: SourceLines[];
}

/**
 * A failed build, as BuildKit's solve returns it: the message the client
 * prints after `ERROR: failed to solve: ` and, when the error comes from an
 * instruction, the lines of the Dockerfile it points at (what buildx prints
 * as the `Dockerfile:3` excerpt).
 */
export class BuildError extends EngineError {
  readonly statusCode = 500;
  readonly code = 'build_failed';

  constructor(message: string, readonly source?: BuildErrorSource, readonly canceled = false) {
    super(message);
  }
}
