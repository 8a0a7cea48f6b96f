import type { Engine, ExecCreateRequest } from '../../engine/Engine';
import { InvalidParameterError } from '../../engine/errors';
import { goQuote } from '../../engine/util/goQuote';
import type { Query, Router } from '../wire';

/** Exec create, inspect and resize, and a detached start (an attached start is hijacked: see hijack.ts). */
export function execRoutes(route: Router, engine: Engine): void {
  route('POST', '/containers/{id}/exec', ({ params, body }) => ({ status: 201, json: engine.execCreate(params.id, body as ExecCreateRequest) }));
  route('GET', '/exec/{id}/json', ({ params }) => ({ json: engine.execInspect(params.id) }));
  // Without Upgrade: a detached exec (`docker exec -d`); its output goes nowhere.
  route('POST', '/exec/{id}/start', ({ params }) => {
    engine.execStart(params.id, () => undefined);
    return { status: 200, empty: true };
  });
  // `docker exec -it` sends its terminal's size once the exec has started.
  route('POST', '/exec/{id}/resize', async ({ params, query }) => {
    const { height, width } = terminalSize(query);
    await engine.execResize(params.id, height, width);
    return { status: 200, empty: true };
  });
}

/**
 * `h` and `w` of a resize, read as moby's httputils.Uint32Value reads them
 * (height first): `invalid resize height "x": invalid syntax` for what is
 * not a number, `value out of range` for a negative or too large one.
 */
export function terminalSize(query: Query): { height: number; width: number } {
  const read = (name: 'h' | 'w', what: 'height' | 'width') => {
    const text = query.get(name) ?? '';
    const negative = text.startsWith('-');
    const digits = negative ? text.slice(1) : text;
    let reason: string | undefined;
    if (!/^\d+$/.test(digits)) reason = 'invalid syntax';
    else if (negative || Number(digits) > 0xffffffff) reason = 'value out of range';
    if (reason) throw new InvalidParameterError(`invalid resize ${what} ${goQuote(text)}: ${reason}`);
    return Number(digits);
  };
  const height = read('h', 'height');
  return { height, width: read('w', 'width') };
}
