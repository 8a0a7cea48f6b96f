/** The highest API version the lab's daemon speaks (moby v28.2.2). */
export const API_VERSION = '1.50';
/** The oldest version it accepts, as dockerd 28 does. */
export const MIN_API_VERSION = '1.24';

export function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
