/**
 * moby's container name generator (`pkg/namesgenerator/names-generator.go`
 * at v28.2.2), the daemon's reservation rules around it (`daemon/names.go`)
 * and the `--name` validation (`daemon/names/names.go`).
 */
import { goQuote } from './goQuote';
import { truncateId } from './stringid';

/**
 * The left half of a generated name, in moby's order (the order matters: a
 * name is picked by index).
 */
export const adjectives: readonly string[] = [
  'admiring', 'adoring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'beautiful',
  'blissful', 'bold', 'boring', 'brave', 'busy', 'charming', 'clever', 'compassionate', 'competent',
  'condescending', 'confident', 'cool', 'cranky', 'crazy', 'dazzling', 'determined', 'distracted',
  'dreamy', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant', 'eloquent', 'epic', 'exciting',
  'fervent', 'festive', 'flamboyant', 'focused', 'friendly', 'frosty', 'funny', 'gallant', 'gifted',
  'goofy', 'gracious', 'great', 'happy', 'hardcore', 'heuristic', 'hopeful', 'hungry', 'infallible',
  'inspiring', 'intelligent', 'interesting', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving',
  'lucid', 'magical', 'modest', 'musing', 'mystifying', 'naughty', 'nervous', 'nice', 'nifty',
  'nostalgic', 'objective', 'optimistic', 'peaceful', 'pedantic', 'pensive', 'practical',
  'priceless', 'quirky', 'quizzical', 'recursing', 'relaxed', 'reverent', 'romantic', 'sad',
  'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange', 'stupefied', 'suspicious', 'sweet',
  'tender', 'thirsty', 'trusting', 'unruffled', 'upbeat', 'vibrant', 'vigilant', 'vigorous',
  'wizardly', 'wonderful', 'xenodochial', 'youthful', 'zealous', 'zen',
];

/**
 * The right half of a generated name: notable scientists and hackers, in
 * moby's order (moby's list carries a short biography for each).
 */
export const surnames: readonly string[] = [
  'agnesi', 'albattani', 'allen', 'almeida', 'antonelli', 'archimedes', 'ardinghelli', 'aryabhata',
  'austin', 'babbage', 'banach', 'banzai', 'bardeen', 'bartik', 'bassi', 'beaver', 'bell', 'benz',
  'bhabha', 'bhaskara', 'black', 'blackburn', 'blackwell', 'bohr', 'booth', 'borg', 'bose', 'bouman',
  'boyd', 'brahmagupta', 'brattain', 'brown', 'buck', 'burnell', 'cannon', 'carson', 'cartwright',
  'carver', 'cerf', 'chandrasekhar', 'chaplygin', 'chatelet', 'chatterjee', 'chaum', 'chebyshev',
  'clarke', 'cohen', 'colden', 'cori', 'cray', 'curie', 'curran', 'darwin', 'davinci', 'dewdney',
  'dhawan', 'diffie', 'dijkstra', 'dirac', 'driscoll', 'dubinsky', 'easley', 'edison', 'einstein',
  'elbakyan', 'elgamal', 'elion', 'ellis', 'engelbart', 'euclid', 'euler', 'faraday', 'feistel',
  'fermat', 'fermi', 'feynman', 'franklin', 'gagarin', 'galileo', 'galois', 'ganguly', 'gates',
  'gauss', 'germain', 'goldberg', 'goldstine', 'goldwasser', 'golick', 'goodall', 'gould', 'greider',
  'grothendieck', 'haibt', 'hamilton', 'haslett', 'hawking', 'heisenberg', 'hellman', 'hermann',
  'herschel', 'hertz', 'heyrovsky', 'hodgkin', 'hofstadter', 'hoover', 'hopper', 'hugle', 'hypatia',
  'ishizaka', 'jackson', 'jang', 'jemison', 'jennings', 'jepsen', 'johnson', 'joliot', 'jones',
  'kalam', 'kapitsa', 'kare', 'keldysh', 'keller', 'kepler', 'khayyam', 'khorana', 'kilby', 'kirch',
  'knuth', 'kowalevski', 'lalande', 'lamarr', 'lamport', 'leakey', 'leavitt', 'lederberg', 'lehmann',
  'lewin', 'lichterman', 'liskov', 'lovelace', 'lumiere', 'mahavira', 'margulis', 'matsumoto',
  'maxwell', 'mayer', 'mccarthy', 'mcclintock', 'mclaren', 'mclean', 'mcnulty', 'meitner', 'mendel',
  'mendeleev', 'meninsky', 'merkle', 'mestorf', 'mirzakhani', 'montalcini', 'moore', 'morse',
  'moser', 'murdock', 'napier', 'nash', 'neumann', 'newton', 'nightingale', 'nobel', 'noether',
  'northcutt', 'noyce', 'panini', 'pare', 'pascal', 'pasteur', 'payne', 'perlman', 'pike',
  'poincare', 'poitras', 'proskuriakova', 'ptolemy', 'raman', 'ramanujan', 'rhodes', 'ride',
  'ritchie', 'robinson', 'roentgen', 'rosalind', 'rubin', 'saha', 'sammet', 'sanderson', 'satoshi',
  'shamir', 'shannon', 'shaw', 'shirley', 'shockley', 'shtern', 'sinoussi', 'snyder', 'solomon',
  'spence', 'stonebraker', 'sutherland', 'swanson', 'swartz', 'swirles', 'taussig', 'tesla', 'tharp',
  'thompson', 'torvalds', 'tu', 'turing', 'varahamihira', 'vaughan', 'villani', 'visvesvaraya',
  'volhard', 'wescoff', 'wilbur', 'wiles', 'williams', 'williamson', 'wilson', 'wing', 'wozniak',
  'wright', 'wu', 'yalow', 'yonath', 'zhukovsky',
];

/** The name moby refuses to generate ("Steve Wozniak is not boring"). */
const excludedName = 'boring_wozniak';

/** Go's `rand.Intn(count)` fed from a `[0, 1)` source. */
function randomIndex(random: () => number, count: number): number {
  return Math.min(Math.floor(random() * count), count - 1);
}

/**
 * moby's `namesgenerator.GetRandomName(retry)`: `adjective_surname`, drawn
 * again when it comes out as `boring_wozniak`; when `retry` is above 0 a
 * random digit 0-9 is appended (`focused_turing3`). Two draws per name (three
 * with the digit), adjective first.
 */
export function generateName(random: () => number, retry: number): string {
  for (;;) {
    const name = `${adjectives[randomIndex(random, adjectives.length)]}_${surnames[randomIndex(random, surnames.length)]}`;
    if (name === excludedName) continue;
    return retry > 0 ? name + String(randomIndex(random, 10)) : name;
  }
}

/**
 * How many generated names the daemon tries before falling back to the
 * container's short id (`generateAndReserveName` in moby's daemon/names.go).
 */
export const generatedNameAttempts = 6;

/**
 * The daemon's choice of a name for a container created without `--name`
 * (`generateAndReserveName`): generated names with retry 0 to 5, the first one
 * not taken; if all six are taken, the 12-character short id. (Moby would
 * fail if even that were taken; this returns it regardless.) Names are
 * returned without moby's leading "/".
 */
export function generateUniqueName(random: () => number, isTaken: (name: string) => boolean, id: string): string {
  for (let retry = 0; retry < generatedNameAttempts; retry++) {
    const name = generateName(random, retry);
    if (!isTaken(name)) return name;
  }
  return truncateId(id);
}

/** moby's `names.RestrictedNameChars`, quoted as-is in the error message. */
export const restrictedNameChars = '[a-zA-Z0-9][a-zA-Z0-9_.-]';

/**
 * moby's `names.RestrictedNamePattern`: `^[a-zA-Z0-9][a-zA-Z0-9_.-]+$`. The
 * `+` means a name needs at least two characters: `--name a` is refused.
 */
export const restrictedNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * Whether the daemon accepts `name` for a container: one leading "/" is
 * allowed (and stripped), the rest must match {@link restrictedNamePattern}.
 */
export function isValidContainerName(name: string): boolean {
  return restrictedNamePattern.test(name.startsWith('/') ? name.slice(1) : name);
}

/**
 * The daemon's error for a refused name (400, InvalidParameter), quoting the
 * name exactly as given: `Invalid container name (my app), only
 * [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`.
 */
export function invalidContainerNameMessage(name: string): string {
  return `Invalid container name (${name}), only ${restrictedNameChars} are allowed`;
}

/**
 * The daemon's error when the name is taken (409, Conflict). The name is shown
 * with its leading "/" and the holder's full id:
 * `Conflict. The container name "/web" is already in use by container "3f4e...".
 * You have to remove (or rename) that container to be able to reuse that name.`
 */
export function nameConflictMessage(name: string, id: string): string {
  const slashed = name.startsWith('/') ? name : `/${name}`;
  return `Conflict. The container name ${goQuote(slashed)} is already in use by container ${goQuote(id)}. You have to remove (or rename) that container to be able to reuse that name.`;
}
