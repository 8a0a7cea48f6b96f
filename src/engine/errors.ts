/**
 * Errors the engine answers with, shaped like the daemon's: an HTTP status
 * (what the Engine API returns) and the daemon's own message. The CLI adds the
 * client's framing ("Error response from daemon: ") and its exit code.
 * Anything thrown from the engine that is not an EngineError is a bug.
 */
export abstract class EngineError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** 404: no such container, image, network, ... */
export class NotFoundError extends EngineError {
  readonly statusCode = 404;
  readonly code = 'not_found';
}

/** 409: name in use, container running, image in use. */
export class ConflictError extends EngineError {
  readonly statusCode = 409;
  readonly code = 'conflict';
}

/** 403: what the daemon forbids (removing a predefined network, or one containers still use). */
export class ForbiddenError extends EngineError {
  readonly statusCode = 403;
  readonly code = 'forbidden';
}

/** 400: a request the daemon refuses as malformed. */
export class InvalidParameterError extends EngineError {
  readonly statusCode = 400;
  readonly code = 'invalid_parameter';
}

/** 304: already started, already stopped. The CLI treats it as success. */
export class NotModifiedError extends EngineError {
  readonly statusCode = 304;
  readonly code = 'not_modified';
}

/** 500: the runtime failed (exec format, missing executable, port in use). */
export class SystemError extends EngineError {
  readonly statusCode = 500;
  readonly code = 'system';
  /** The exit code `docker run` returns for this failure (126/127 for exec failures, else 125). */
  constructor(message: string, readonly runExitCode = 125) {
    super(message);
  }
}

/** 501: a feature the lab does not simulate; the message says so plainly. */
export class NotImplementedError extends EngineError {
  readonly statusCode = 501;
  readonly code = 'not_implemented';
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
