import type { Program } from './Program';

/**
 * A program that exists in the image but that the lab does not simulate: it
 * says so plainly on stderr and fails, never a silent fake success.
 */
export function notSimulated(name: string): Program {
  return async (ctx) => {
    ctx.stderr(notSimulatedMessage(name));
    return 1;
  };
}

/** `Docker Lab: <what> is not simulated in this lab` with its newline. */
export function notSimulatedMessage(what: string): string {
  return `Docker Lab: ${what} is not simulated in this lab\n`;
}
