// Go's error texts are shared by the daemon's parsers and the CLI's flags.
export { GoError } from '../../engine/util/GoError';
