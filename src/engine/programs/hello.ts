import programsData from '../data/programs.json';
import type { Program } from './Program';

/**
 * hello-world's /hello: one write of its fixed message (data/programs.json,
 * taken from the amd64 binary), then exit 0. It reads no arguments.
 */
export const hello: Program = async (ctx) => {
  ctx.stdout(programsData['hello-world'].stdout);
  return programsData['hello-world'].exitCode;
};
