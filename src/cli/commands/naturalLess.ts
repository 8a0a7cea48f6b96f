/**
 * fvbommel/sortorder's NaturalLess, as the docker CLI sorts names (`volume
 * ls`, `network ls`): digits sort before other characters, runs of digits
 * compare as numbers (fewer leading zeros first on a tie), the rest byte by
 * byte.
 */
export function naturalLess(a: string, b: string): boolean {
  const isDigit = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const digitA = isDigit(a, i);
    const digitB = isDigit(b, j);
    if (digitA !== digitB) return digitA;
    if (!digitA) {
      if (a[i] !== b[j]) return a[i] < b[j];
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === '0') i++;
    while (j < b.length && b[j] === '0') j++;
    const startA = i;
    const startB = j;
    while (i < a.length && isDigit(a, i)) i++;
    while (j < b.length && isDigit(b, j)) j++;
    if (i - startA !== j - startB) return i - startA < j - startB;
    const numberA = a.slice(startA, i);
    const numberB = b.slice(startB, j);
    if (numberA !== numberB) return numberA < numberB;
    if (startA !== startB) return startA < startB;
  }
  return a.length < b.length;
}

/** A comparator for Array.prototype.sort from {@link naturalLess}. */
export function naturalOrder(a: string, b: string): number {
  return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
}
