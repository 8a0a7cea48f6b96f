import type { Engine } from '../../engine/Engine';
import { InvalidParameterError, SystemError } from '../../engine/errors';
import type { EventMessage } from '../../engine/types';
import { goQuote } from '../../engine/util/goQuote';
import { eventMatches } from '../../engine/util/eventFilter';
import { goJson, parseFilters } from '../wire';
import type { Router } from '../wire';

/**
 * `GET /events`, as moby v28.2.2's getEvents (api/server/router/system)
 * streams them: JSON lines (`application/json`), the kept events between
 * `since` and `until` first when either is given, then live ones until
 * `until` comes or the client goes away. An `until` already past ends the
 * stream after the kept ones. `filters` select as daemon/events/filter.go
 * does; keys it does not know select nothing out.
 */
export function eventRoutes(route: Router, engine: Engine): void {
  route('GET', '/events', ({ query }) => {
    const sinceText = query.get('since') ?? '';
    const untilText = query.get('until') ?? '';
    const since = eventTime(sinceText);
    const until = eventTime(untilText);
    if (since !== undefined && until !== undefined && until < since) {
      throw new InvalidParameterError(`\`since\` time (${sinceText}) cannot be after \`until\` time (${untilText})`);
    }
    const filters = parseFilters(query.get('filters')) ?? {};
    const now = BigInt(engine.clock.now()) * 1_000_000n;
    const onlyPastEvents = until !== undefined && until < now;
    // Kept events only when a bound is given (moby's loadBufferedEvents); the log and the
    // subscription are taken together so that no event falls between them.
    const kept = engine.events().filter((event) => (since !== undefined || until !== undefined)
      && nanoseconds(event) >= (since ?? 0n) && (until === undefined || nanoseconds(event) <= until)
      && eventMatches(event, filters));
    const queued: EventMessage[] = [];
    let send: (event: EventMessage) => void = (event) => queued.push(event);
    const subscription = onlyPastEvents ? undefined : engine.onEvent((event) => {
      if (eventMatches(event, filters)) send(event);
    });
    return {
      follow: 'application/json',
      run: async (write, closed) => {
        send = (event) => write(Buffer.from(`${goJson(wireForm(event))}\n`));
        for (const event of [...kept, ...queued]) send(event);
        if (!subscription) return;
        let timer: { dispose(): void } | undefined;
        const timeout = until === undefined ? new Promise<void>(() => undefined)
          : new Promise<void>((resolve) => { timer = engine.clock.setTimer(Number((until - now) / 1_000_000n), resolve); });
        await Promise.race([closed, timeout]);
        timer?.dispose();
        subscription.dispose();
      },
    };
  });
}

/**
 * `since`/`until` as the daemon reads them (eventTime and
 * timetypes.ParseTimestamps): `seconds[.fraction]`, in nanoseconds;
 * undefined for none (empty, or Go's `-1` sentinel). The CLI has already
 * turned durations and dates into this form.
 */
function eventTime(text: string): bigint | undefined {
  if (text === '') return undefined;
  const dot = text.indexOf('.');
  const seconds = goParseInt(dot < 0 ? text : text.slice(0, dot));
  if (seconds === -1n) return undefined;
  if (dot < 0) return seconds * 1_000_000_000n;
  const fraction = text.slice(dot + 1);
  // The fraction counts in units of its own length, scaled to nanoseconds (longer ones are cut).
  const scaled = Number(goParseInt(fraction)) * 10 ** (9 - fraction.length);
  return seconds * 1_000_000_000n + BigInt(Math.trunc(scaled));
}

/** Go's strconv.ParseInt(text, 10, 64), its errors a 500 as getEvents returns them untyped. */
function goParseInt(text: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new SystemError(`strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value > 9223372036854775807n || value < -9223372036854775808n) {
    throw new SystemError(`strconv.ParseInt: parsing ${goQuote(text)}: value out of range`);
  }
  return value;
}

function nanoseconds(event: EventMessage): bigint {
  return BigInt(Math.round(event.timeNano));
}

/**
 * An event as dockerd encodes events.Message: the deprecated `status`,
 * `id` and `from` of container and image events first (empty ones left
 * out), then Type, Action, Actor (attributes in Go's sorted map order),
 * scope, time and timeNano.
 */
function wireForm(event: EventMessage): Record<string, unknown> {
  const deprecated: Record<string, string | undefined> = event.Type === 'container'
    ? { status: event.Action, id: event.Actor.ID, from: event.Actor.Attributes.image }
    : event.Type === 'image' ? { status: event.Action, id: event.Actor.ID } : {};
  const attributes = Object.fromEntries(Object.entries(event.Actor.Attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    ...Object.fromEntries(Object.entries(deprecated).filter(([, value]) => value)),
    Type: event.Type,
    Action: event.Action,
    Actor: { ID: event.Actor.ID, Attributes: attributes },
    scope: event.scope,
    time: event.time,
    timeNano: event.timeNano,
  };
}
