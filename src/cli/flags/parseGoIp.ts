/**
 * Go's net.ParseIP followed by IP.String(): the canonical text of an IPv4 or IPv6 address, or
 * undefined when `text` is not one. IPv4 parts are decimal without leading zeros (Go 1.17+);
 * zones ("fe80::1%eth0") are refused; IPv4-mapped IPv6 addresses print as IPv4; IPv6 prints
 * in RFC 5952 form (lower case, longest run of zero groups as "::").
 */
export function parseGoIp(text: string): string | undefined {
  const ipv4 = parseIpv4(text);
  if (ipv4 !== undefined) return ipv4.join('.');
  const groups = parseIpv6(text);
  if (groups === undefined) return undefined;
  // IPv4-mapped (::ffff:a.b.c.d) prints as IPv4, as net.IP.String() does.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return formatIpv6(groups);
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    if (part.length > 1 && part[0] === '0') return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    octets.push(value);
  }
  return octets;
}

function parseIpv6(text: string): number[] | undefined {
  if (text.includes('%')) return undefined;
  const doubleColon = text.indexOf('::');
  if (doubleColon >= 0 && text.indexOf('::', doubleColon + 1) >= 0) return undefined;
  const parseSide = (side: string): number[] | undefined => {
    if (side === '') return [];
    const groups: number[] = [];
    const pieces = side.split(':');
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index];
      if (index === pieces.length - 1 && piece.includes('.')) {
        const ipv4 = parseIpv4(piece);
        if (ipv4 === undefined) return undefined;
        groups.push((ipv4[0] << 8) | ipv4[1], (ipv4[2] << 8) | ipv4[3]);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
      groups.push(Number.parseInt(piece, 16));
    }
    return groups;
  };
  if (doubleColon >= 0) {
    const head = parseSide(text.slice(0, doubleColon));
    const tail = parseSide(text.slice(doubleColon + 2));
    if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
    return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const groups = parseSide(text);
  if (groups === undefined || groups.length !== 8) return undefined;
  return groups;
}

function formatIpv6(groups: number[]): string {
  // The first longest run of two or more zero groups becomes "::".
  let bestStart = -1;
  let bestLength = 0;
  for (let index = 0; index < 8; ) {
    if (groups[index] !== 0) {
      index++;
      continue;
    }
    let end = index;
    while (end < 8 && groups[end] === 0) end++;
    if (end - index > bestLength && end - index >= 2) {
      bestStart = index;
      bestLength = end - index;
    }
    index = end;
  }
  const hexGroups = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hexGroups.join(':');
  return hexGroups.slice(0, bestStart).join(':') + '::' + hexGroups.slice(bestStart + bestLength).join(':');
}
