import type { Check, ContainerMatch } from './checks';
import { apiCallText } from './checks';
import type { LessonLanguage } from './lesson';

/** Words of the goal view, per lesson language. */
const WORDS = {
  en: {
    container: 'A container', noContainer: 'No container', containers: 'Containers',
    name: 'name', image: 'image', state: 'state', exitCode: 'exit code', publish: 'publishes',
    atLeast: (n: number) => `at least ${n}`, atMost: (n: number) => `at most ${n}`, exactly: (n: number) => `exactly ${n}`,
    imagePresent: (ref: string) => `The image ${ref} is on the host`,
    imageAbsent: (ref: string) => `The image ${ref} is not on the host`,
    sameImage: (a: string, b: string) => `${a} and ${b} are two names of the same image (same IMAGE ID)`,
    sharedLayers: (a: string, b: string) => `${a} and ${b} are both on the host and share at least one layer`,
    logs: (name: string, text: string) => `The logs of ${name} contain ${text}`,
    kernel: 'the host kernel release',
    api: (call: string) => `The daemon answered ${call}`,
    changed: (name: string, line: string) => `docker diff ${name} lists ${line}`,
    anyChange: (name: string, path: string) => `docker diff ${name} lists ${path}`,
  },
  ko: {
    container: '컨테이너', noContainer: '이런 컨테이너가 없음', containers: '컨테이너 개수',
    name: '이름', image: '이미지', state: '상태', exitCode: '종료 코드', publish: '포트',
    atLeast: (n: number) => `${n}개 이상`, atMost: (n: number) => `${n}개 이하`, exactly: (n: number) => `정확히 ${n}개`,
    imagePresent: (ref: string) => `호스트에 ${ref} 이미지가 있음`,
    imageAbsent: (ref: string) => `호스트에 ${ref} 이미지가 없음`,
    sameImage: (a: string, b: string) => `${a}와 ${b}가 같은 이미지를 가리킴 (IMAGE ID가 같음)`,
    sharedLayers: (a: string, b: string) => `${a}와 ${b}가 모두 호스트에 있고 레이어를 하나 이상 공유함`,
    logs: (name: string, text: string) => `${name} 컨테이너의 로그에 ${text}가 찍혀 있음`,
    kernel: '호스트 커널 버전',
    api: (call: string) => `데몬이 ${call} 요청에 응답함`,
    changed: (name: string, line: string) => `docker diff ${name} 결과에 ${line}이 나옴`,
    anyChange: (name: string, path: string) => `docker diff ${name} 결과에 ${path}가 나옴`,
  },
} as const;

/**
 * One line of the "show goal" view for a check, in the lesson's language.
 * Names and references are wrapped in backticks: the caller renders them as code.
 */
export function describeCheck(check: Check, language: LessonLanguage): string {
  const w = WORDS[language];
  const code = (text: string) => `\`${text}\``;
  if ('container' in check) return `${w.container}: ${facts(check.container, language)}`;
  if ('noContainer' in check) return `${w.noContainer}: ${facts(check.noContainer, language)}`;
  if ('containers' in check) {
    const { min, max, ...match } = check.containers;
    const count = min !== undefined && min === max ? w.exactly(min)
      : [min !== undefined ? w.atLeast(min) : '', max !== undefined ? w.atMost(max) : ''].filter(Boolean).join(', ') || w.atLeast(1);
    return `${w.containers} (${count}): ${facts(match, language)}`;
  }
  if ('image' in check) return w.imagePresent(code(check.image));
  if ('noImage' in check) return w.imageAbsent(code(check.noImage));
  if ('sameImage' in check) return w.sameImage(code(check.sameImage[0]), code(check.sameImage[1]));
  if ('sharedLayers' in check) return w.sharedLayers(code(check.sharedLayers[0]), code(check.sharedLayers[1]));
  if ('logs' in check) {
    const text = check.logs.contains === '$kernel' ? w.kernel : code(check.logs.contains);
    return w.logs(code(check.logs.container), text);
  }
  if ('changed' in check) {
    const { container, path, kind } = check.changed;
    return kind ? w.changed(container, code(`${kind} ${path}`)) : w.anyChange(container, code(path));
  }
  return w.api(code(apiCallText(check.api.operation)));
}

function facts(match: ContainerMatch, language: LessonLanguage): string {
  const w = WORDS[language];
  const parts: string[] = [];
  if (match.name !== undefined) parts.push(`${w.name} \`${match.name}\``);
  if (match.image !== undefined) parts.push(`${w.image} \`${match.image}\``);
  if (match.state !== undefined) parts.push(`${w.state} ${match.state}`);
  if (match.exitCode !== undefined) parts.push(`${w.exitCode} ${match.exitCode}`);
  for (const spec of match.publish ?? []) {
    const [host, container] = spec.split(':');
    parts.push(`${w.publish} \`${host}->${container.includes('/') ? container : `${container}/tcp`}\``);
  }
  return parts.join(' · ');
}
