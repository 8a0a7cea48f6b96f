import { EngineError } from '../../engine/errors';
import { StatusError } from './Command';

/**
 * The text docker prints for an error of one API call: the daemon's message
 * framed as the Go client frames it (`Error response from daemon: ...`, from
 * client.checkResponseErr), or a client-side error's own message. Anything
 * else is a bug in the lab and is thrown again.
 */
export function describeError(error: unknown): string {
  if (error instanceof StatusError) return error.message;
  if (error instanceof EngineError) return `Error response from daemon: ${error.message}`;
  throw error;
}
