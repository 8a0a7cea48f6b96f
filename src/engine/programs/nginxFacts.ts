import programsData from '../data/programs.json';
import type { ImageFacts } from './ImageFacts';

const nginx = programsData.nginx;

/** The welcome page an nginx image serves, and when its file was last modified (ms). */
export interface NginxPage {
  content: string;
  modified: number;
}

/** The nginx version an image ships (its NGINX_VERSION), e.g. `1.28.0`. */
export function nginxVersion(facts: ImageFacts): string {
  return facts.env.get('NGINX_VERSION') ?? '1.28.0';
}

/**
 * The image's /usr/share/nginx/html/index.html: the page was rewritten for
 * 1.29.6, so 1.28.x serves the old one (615 bytes) and 1.31.x the new one
 * (896 bytes). nginx:1.28.0's file is dated Wed, 23 Apr 2025 11:48:54 GMT
 * (its Last-Modified and ETag "6808d3a6-267" in published captures); for the
 * later images no capture was found, so the date of the image's install
 * layer stands in.
 */
export function nginxIndexPage(facts: ImageFacts): NginxPage {
  const pages = nginx.files['/usr/share/nginx/html/index.html'];
  if (compareVersions(nginxVersion(facts), '1.29.6') < 0) {
    return { content: pages['nginx:1.28.0'].content, modified: Date.UTC(2025, 3, 23, 11, 48, 54) };
  }
  return { content: pages['nginx:latest and nginx:alpine (1.31.x)'].content, modified: Date.parse(facts.installed) };
}

/** `built by ...`: the compiler string of the image's nginx build (programs.json errorLog.compilerByImage). */
export function nginxCompiler(facts: ImageFacts): string {
  const compilers = nginx.errorLog.compilerByImage;
  if (facts.distribution.id === 'alpine') return compilers['nginx:alpine (1.31.6, alpine 3.24)'];
  if (facts.distribution.id === 'debian' && facts.distribution.codename === 'bookworm') return compilers['nginx:1.28.0 (debian bookworm)'];
  return compilers['nginx:latest (1.31.x, debian trixie)'];
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference) return difference;
  }
  return 0;
}
