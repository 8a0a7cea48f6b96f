/**
 * The concepts panel's three drawings and its comparison table, as pure
 * functions of a {@link ConceptsSnapshot}: SVG and HTML strings the webview
 * puts into the page with innerHTML, plus an outline (plain text, one line per
 * thing drawn) for screen readers.
 *
 * - No colours, no inline styles, no scripts, no external references: the
 *   webview's stylesheet (media/concepts.css) styles everything by class.
 * - Learner-supplied names and image references are XML-escaped everywhere,
 *   and shortened with an ellipsis in the picture only (their accessible name
 *   and tooltip keep them whole).
 * - Every box that is a concept is a focusable button naming the lesson that
 *   teaches it (`data-lesson`); the webview opens that lesson on click.
 * - Deterministic: the same snapshot always gives the same strings.
 *
 * The facts drawn follow the course (lessons/<language>/03-containers-vs-vms.md,
 * 04-architecture.md, 11-docker-desktop.md): VMs carry a guest OS and kernel
 * each on a hypervisor, containers share the host's one kernel through the
 * Docker Engine; the docker CLI talks to dockerd over a REST API on a Unix
 * socket; Docker Desktop runs dockerd in a light Linux VM.
 */
import type { LessonLanguage } from '../curriculum/lesson';
import { humanSizeWithPrecision } from '../engine/util/units';
import type { ConceptsSnapshot } from './ConceptsSnapshot';
import { arrowMarker, box, coordinate, edge, escapeXml, estimateTextWidth, note, svgDocument, text, truncate, type BoxLine } from './svg';

/** One drawing: the SVG markup and its text alternative, one plain-text line per thing drawn. */
export interface ConceptView {
  svg: string;
  outline: string[];
}

/** The lessons a box can point at (their ids in lessons/<language>/*.md). */
export const CONCEPT_LESSONS = [
  'what-is-docker', 'virtualization', 'containers-vs-vms', 'architecture', 'images', 'layers',
  'containers', 'basic-commands', 'dockerfile', 'before-docker', 'docker-desktop',
] as const;
export type ConceptLesson = (typeof CONCEPT_LESSONS)[number];

/** The architecture drawing's edges, as `data-edge` names them. */
export type ArchitectureEdge = 'cli-api' | 'api-daemon' | 'daemon-images' | 'daemon-containers' | 'daemon-registry';

/** How many app slots a drawing holds before the last one becomes "+N more". */
const MAX_SLOTS = 8;
/**
 * App slots per row: three keeps the side-by-side picture about 1000px wide,
 * readable in an editor column, and fits the course's "three web servers".
 */
const COLUMNS = 3;
/** Learner names and image references are shortened to this many characters in the picture. */
const NAME_LENGTH = 18;
/** The command the empty slot suggests (the course's image). */
const RUN_HINT = 'docker run -d nginx:1.28.0';

/** Font sizes the stylesheet gives `text`, `.caption` and `.heading` (media/concepts.css), for sizing boxes. */
const FONT = { label: 13, caption: 12, heading: 15 } as const;

/** A container the drawings show as an app: running, or paused / restarting (moby counts those as running too). */
interface App {
  readonly name: string;
  readonly image: string;
  readonly state: 'running' | 'paused' | 'restarting';
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

const EN = {
  // VM vs container
  vmVsContainerLabel: 'Virtual machines and containers side by side, drawn from your lab',
  vmHeading: 'Virtual machines',
  containersHeading: 'Containers',
  infrastructure: 'Infrastructure',
  infrastructureParts: 'CPU · memory · disk · network',
  infrastructureTitle: 'The physical machine: the hardware every layer above shares',
  infrastructureVmLabel: 'Infrastructure under the virtual machines: CPU, memory, disk, network',
  infrastructureContainersLabel: 'Infrastructure under the containers: CPU, memory, disk, network',
  hostOs: 'Host OS',
  hostOsVmLabel: (os: string) => `Host OS ${os} under the hypervisor`.replace('  ', ' '),
  hostOsVmTitle: 'The operating system installed on the machine; the hypervisor runs on top of it',
  sharedKernelLine: (kernel: string) => (kernel ? `one shared kernel ${kernel}` : 'one shared kernel'),
  hostOsContainersLabel: (os: string, kernel: string) => `Host OS ${os} with the one kernel every container shares${kernel ? `, ${kernel}` : ''}`.replace('  ', ' '),
  hostOsContainersTitle: 'Every container runs on this one kernel; namespaces and cgroups keep them apart',
  hypervisor: 'Hypervisor',
  hypervisorExamples: 'KVM · Hyper-V · VMware',
  hypervisorLabel: 'Hypervisor, which runs the virtual machines',
  hypervisorTitle: 'Splits the machine into virtual machines and hands each its share of CPU, memory and disk',
  guestOs: 'Guest OS + kernel',
  guestOsLabel: (name: string) => `Guest OS with its own kernel, in the virtual machine for ${name}`,
  guestOsTitle: 'A whole operating system, kernel included, booted inside this VM: gigabytes and a boot for every app',
  libs: 'Bins/Libs',
  vmLibsLabel: (name: string) => `Bins/Libs installed in the virtual machine for ${name}`,
  vmLibsTitle: 'The programs and libraries the app needs, installed in the guest OS',
  containerLibsLabel: (name: string, image: string) => `Bins/Libs of container ${name}, from image ${image}`,
  containerLibsTitle: 'The programs and libraries the app needs, packaged in its image',
  vmAppLabel: (name: string, image: string, state: string) => `App ${name} (${image}) in its own virtual machine${state}`,
  vmAppTitle: 'Run as a VM, this app would need a whole machine of its own, operating system included',
  vmOutline: (name: string, image: string, state: string) => `Virtual machine for ${name} (${image}): its own guest OS and kernel, Bins/Libs and the app${state}`,
  containerLabel: (name: string, image: string, kernel: string, state: string) =>
    `Container ${name} (${image}) on the shared kernel${kernel ? ` ${kernel}` : ''}${state}`,
  containerTitle: (image: string) => `A process started from ${image}, isolated on the host's kernel`,
  stateSuffix: { running: '', paused: ', paused', restarting: ', restarting' },
  stateLine: { running: '', paused: 'paused', restarting: 'restarting' },
  pausedTitle: ' It is paused: its processes are frozen until docker unpause.',
  engine: 'Docker Engine (dockerd)',
  engineLabel: 'Docker Engine (dockerd), which runs the containers',
  engineTitle: 'The daemon: creates, starts and isolates containers from images',
  pullingNote: (reference: string, others: number) => `pulling ${reference}…${others ? ` (+${others})` : ''}`,
  pullingLabel: (references: string) => `Docker Engine is pulling ${references}`,
  pullingTitle: "Downloading the image's layers from the registry; a container can start from it once it is here",
  emptyLines: ['Run a container:', RUN_HINT],
  emptyVmLabel: `No app running yet, so no virtual machine. Run a container: ${RUN_HINT}`,
  emptyContainersLabel: `No container is running. Run a container: ${RUN_HINT}`,
  emptyTitle: 'Start one in the Docker Lab terminal and it appears here',
  more: (count: number) => `+${count} more`,
  moreVmLabel: (count: number, names: string) => `${count} more apps, each in its own virtual machine: ${names}`,
  moreContainersLabel: (count: number, names: string) => `${count} more running containers: ${names}`,
  moreTitle: 'Not drawn, to keep the picture readable: docker ps lists them all',
  stopped: (count: number) => (count === 1
    ? '1 stopped container is not drawn (docker ps -a lists it)'
    : `${count} stopped containers are not drawn (docker ps -a lists them)`),
  sideVm: 'Virtual machines',
  sideContainers: 'Containers',

  // Architecture
  architectureLabel: 'Docker architecture: the docker CLI talks to dockerd over a REST API; dockerd manages images and containers and pulls from the registry',
  hostFrame: (os: string) => (os ? `Docker host · ${os}` : 'Docker host'),
  hostFrameLabel: (os: string) => `Docker host${os ? ` ${os}` : ''}: the machine dockerd runs on`,
  hostFrameTitle: 'The machine that runs dockerd; the client can run here or anywhere else',
  cliLines: ['docker CLI', '(client)'],
  cliLabel: 'docker CLI (client)',
  cliTitle: 'The docker command you type: it turns each command into Engine API requests to the daemon',
  apiLines: ['REST API', '/var/run/docker.sock'],
  apiLabel: 'REST API over /var/run/docker.sock',
  apiTitle: 'HTTP requests over a Unix socket, not the network: GET /containers/json, POST /containers/create, …',
  daemon: 'dockerd (daemon)',
  lastCall: (call: string) => `last: ${call}`,
  noCall: 'waiting for requests',
  daemonLabel: (call: string) => (call ? `dockerd (daemon), last request ${call}` : 'dockerd (daemon), waiting for requests'),
  daemonTitle: 'The background process that answers API requests and manages images, containers, networks and volumes',
  images: 'Images',
  imageCount: (count: number) => (count === 1 ? '1 image' : `${count} images`),
  imagesLabel: (count: number) => `Images: ${count}`,
  imagesTitle: 'Read-only templates containers are created from; docker images lists them',
  containers: 'Containers',
  containerCount: (running: number, total: number) => `${running} running · ${total} in all`,
  containersLabel: (running: number, total: number) => `Containers: ${running} running, ${total} in all`,
  containersTitle: 'Isolated processes started from images; docker ps lists the running ones, docker ps -a all of them',
  registryLines: ['Registry', '(Docker Hub)'],
  registryLabel: 'Registry (Docker Hub)',
  registryTitle: 'Where images are stored and shared: docker pull downloads from it, docker push uploads to it',
  pullPush: 'pull / push',
  pullingFromRegistryLabel: (references: string) => `Pulling ${references} from the registry`,
  architectureArrows: 'Arrows: docker CLI → REST API → dockerd → Images and Containers; dockerd → Registry (pull / push)',

  // Docker Desktop
  desktopLabel: 'Docker Desktop: the docker CLI on macOS or Windows talks through a forwarded socket to dockerd in a light Linux VM',
  desktopHost: 'macOS / Windows (host)',
  desktopHostLabel: 'Your macOS or Windows computer (the host)',
  desktopHostTitle: 'Its kernel (XNU on macOS, NT on Windows) has no Linux namespaces or cgroups, so it cannot run Linux containers itself',
  desktopCliLines: ['docker CLI', '(native program)'],
  desktopCliLabel: 'docker CLI running natively on macOS or Windows',
  desktopCliTitle: 'The docker command is a macOS or Windows program; it only sends Engine API requests',
  engineApi: 'Engine API',
  socketLines: ['Forwarded socket', 'macOS: ~/.docker/run/docker.sock', 'Windows: named pipe'],
  socketLabel: 'Forwarded socket: ~/.docker/run/docker.sock on macOS, a named pipe on Windows',
  socketTitle: 'Docker Desktop forwards the Engine API from the host into the VM; the CLI reaches it through the desktop-linux context',
  linuxVmLines: ['Linux VM', 'LinuxKit on macOS · WSL 2 on Windows'],
  linuxVmLabel: 'Light Linux VM (LinuxKit on macOS, WSL 2 on Windows)',
  linuxVmTitle: 'A lightweight Linux virtual machine Docker Desktop boots in the background, to bring the Linux kernel containers need',
  vmDaemonLines: ['dockerd (daemon)', 'containerd · runc'],
  vmDaemonLabel: 'dockerd (daemon) inside the Linux VM',
  vmDaemonTitle: 'The daemon runs inside the VM, not on macOS or Windows: docker version shows its OS/Arch as linux',
  vmContainerLabel: (name: string, image: string, state: string) => `Container ${name} (${image}) in the Linux VM${state}`,
  emptyVmContainersLabel: `No container is running in the VM. Run a container: ${RUN_HINT}`,
  moreVmContainersLabel: (count: number, names: string) => `${count} more running containers in the VM: ${names}`,
  vmKernel: "Linux kernel (the VM's)",
  vmKernelLabel: "The VM's Linux kernel, shared by every container",
  vmKernelTitle: 'Every container shares it; docker info shows it as Kernel Version (…linuxkit on a Mac, …microsoft-standard-WSL2 with WSL 2)',
  hostKernel: 'Host kernel: XNU (macOS) / NT (Windows)',
  hostKernelLabel: 'Host kernel: XNU on macOS, NT on Windows',
  hostKernelTitle: 'No Linux namespaces or cgroups here: that is why the Linux VM exists',
  labNote: (kernel: string) => `In Docker Lab, a simulated Linux engine${kernel ? ` (kernel ${kernel})` : ''} stands where this VM would be.`,
  desktopArrows: 'Arrows: docker CLI → forwarded socket → dockerd in the Linux VM',

  // Comparison table
  tableCaption: 'Containers vs virtual machines',
  aspect: 'Aspect',
  typical: 'typical:',
  rows: {
    size: 'Size',
    start: 'Start time',
    resources: 'Resource use',
    isolation: 'Isolation',
    portability: 'Portability',
    os: 'Operating system',
    speed: 'Speed',
    maintenance: 'Maintenance',
  },
  yourImages: 'Your images (docker images):',
  noImages: 'No images yet: docker pull nginx:1.28.0',
  moreImages: (count: number) => `and ${count} more`,
  containerSize: 'tens to hundreds of MB: the app and its libraries, no OS kernel',
  vmSize: 'a VM image is several GB, e.g. an Ubuntu Server VM disk 2–10 GB (a whole OS)',
  containerStart: 'well under a second to a few seconds: a process starts',
  vmStart: 'tens of seconds to minutes: the guest OS boots',
  containerResources: 'Little beyond what the app itself uses: the kernel is shared',
  vmResources: 'Memory and CPU for every guest OS, on top of the app',
  containerIsolation: 'Process level: namespaces and cgroups on the shared kernel',
  vmIsolation: 'Hardware level, enforced by the hypervisor: stronger',
  containerPortability: 'The same image runs on any host with a compatible kernel and CPU architecture',
  vmPortability: 'Depends on the hypervisor and its disk format',
  containerOs: (kernel: string) => `Shares the host's kernel${kernel ? ` (here ${kernel})` : ''}; Linux containers need a Linux kernel`,
  vmOs: 'Any guest OS, each VM with its own kernel',
  containerSpeed: 'Fast to create, start and stop: nothing boots, and the app runs as an ordinary process at native speed',
  vmSpeed: 'Slower to create and start (the OS boots); every guest OS adds overhead, though hardware virtualization keeps CPU work close to native',
  containerMaintenance: 'Rebuild the image and replace the containers',
  vmMaintenance: 'Patch and update every guest OS',
};

type Words = typeof EN;

const KO: Words = {
  vmVsContainerLabel: '가상 머신과 컨테이너의 구조 비교 (지금 실습 환경 기준)',
  vmHeading: '가상 머신',
  containersHeading: '컨테이너',
  infrastructure: '인프라',
  infrastructureParts: 'CPU · 메모리 · 디스크 · 네트워크',
  infrastructureTitle: '물리 머신입니다. 위의 모든 계층이 이 하드웨어를 나눠 씁니다.',
  infrastructureVmLabel: '가상 머신 아래의 인프라: CPU, 메모리, 디스크, 네트워크',
  infrastructureContainersLabel: '컨테이너 아래의 인프라: CPU, 메모리, 디스크, 네트워크',
  hostOs: '호스트 OS',
  hostOsVmLabel: (os: string) => `하이퍼바이저 아래의 호스트 OS ${os}`.trim(),
  hostOsVmTitle: '머신에 설치된 운영체제입니다. 그 위에서 하이퍼바이저가 돌아갑니다.',
  sharedKernelLine: (kernel: string) => (kernel ? `공유 커널 ${kernel}` : '공유 커널 하나'),
  hostOsContainersLabel: (os: string, kernel: string) => `호스트 OS ${os}, 모든 컨테이너가 함께 쓰는 커널 하나${kernel ? ` (${kernel})` : ''}`.replace('  ', ' '),
  hostOsContainersTitle: '모든 컨테이너가 이 커널 하나 위에서 실행됩니다. 네임스페이스와 cgroup이 컨테이너끼리 격리합니다.',
  hypervisor: '하이퍼바이저',
  hypervisorExamples: 'KVM · Hyper-V · VMware',
  hypervisorLabel: '가상 머신을 실행하는 하이퍼바이저',
  hypervisorTitle: '머신을 여러 가상 머신으로 나누고 CPU, 메모리, 디스크를 나눠 줍니다.',
  guestOs: '게스트 OS + 커널',
  guestOsLabel: (name: string) => `${name} 가상 머신의 게스트 OS (자체 커널 포함)`,
  guestOsTitle: '이 VM 안에서 부팅하는, 커널까지 포함한 운영체제 전체입니다. 앱마다 수 GB와 부팅 시간이 듭니다.',
  libs: '바이너리·라이브러리',
  vmLibsLabel: (name: string) => `${name} 가상 머신에 설치한 바이너리·라이브러리`,
  vmLibsTitle: '앱에 필요한 프로그램과 라이브러리를 게스트 OS에 설치합니다.',
  containerLibsLabel: (name: string, image: string) => `컨테이너 ${name}의 바이너리·라이브러리 (이미지 ${image})`,
  containerLibsTitle: '앱에 필요한 프로그램과 라이브러리로, 이미지에 함께 들어 있습니다.',
  vmAppLabel: (name: string, image: string, state: string) => `자체 가상 머신 안의 앱 ${name} (${image})${state}`,
  vmAppTitle: '이 앱을 VM으로 돌리면 운영체제까지 포함한 머신 하나가 통째로 필요합니다.',
  vmOutline: (name: string, image: string, state: string) => `${name} (${image})용 가상 머신: 자체 게스트 OS와 커널, 바이너리·라이브러리, 앱${state}`,
  containerLabel: (name: string, image: string, kernel: string, state: string) =>
    `공유 커널${kernel ? ` ${kernel}` : ''} 위의 컨테이너 ${name} (${image})${state}`,
  containerTitle: (image: string) => `${image} 이미지로 시작한 프로세스로, 호스트 커널 위에서 격리되어 실행됩니다.`,
  stateSuffix: { running: '', paused: ', 일시 정지됨', restarting: ', 재시작 중' },
  stateLine: { running: '', paused: '일시 정지됨', restarting: '재시작 중' },
  pausedTitle: ' 일시 정지 상태라 docker unpause 전까지 프로세스가 멈춰 있습니다.',
  engine: 'Docker Engine (dockerd)',
  engineLabel: '컨테이너를 실행하는 Docker Engine (dockerd)',
  engineTitle: '데몬입니다. 이미지로 컨테이너를 만들고, 실행하고, 격리합니다.',
  pullingNote: (reference: string, others: number) => `${reference} 내려받는 중…${others ? ` (+${others})` : ''}`,
  pullingLabel: (references: string) => `Docker Engine이 이미지를 내려받는 중: ${references}`,
  pullingTitle: '레지스트리에서 이미지 레이어를 내려받고 있습니다. 다 받으면 이 이미지로 컨테이너를 실행할 수 있습니다.',
  emptyLines: ['컨테이너를 실행해 보세요:', RUN_HINT],
  emptyVmLabel: `아직 실행 중인 앱이 없어 가상 머신도 없습니다. 컨테이너를 실행해 보세요: ${RUN_HINT}`,
  emptyContainersLabel: `실행 중인 컨테이너가 없습니다. 컨테이너를 실행해 보세요: ${RUN_HINT}`,
  emptyTitle: 'Docker Lab 터미널에서 실행하면 여기에 나타납니다.',
  more: (count: number) => `외 ${count}개`,
  moreVmLabel: (count: number, names: string) => `가상 머신 ${count}개 더 (앱마다 하나씩): ${names}`,
  moreContainersLabel: (count: number, names: string) => `실행 중인 컨테이너 ${count}개 더: ${names}`,
  moreTitle: '그림이 복잡해지지 않도록 생략했습니다. docker ps로 모두 볼 수 있습니다.',
  stopped: (count: number) => `중지된 컨테이너 ${count}개는 그리지 않았습니다 (docker ps -a로 볼 수 있습니다).`,
  sideVm: '가상 머신',
  sideContainers: '컨테이너',

  architectureLabel: 'Docker 구조: docker CLI가 REST API로 dockerd와 통신하고, dockerd가 이미지와 컨테이너를 관리하며 레지스트리에서 이미지를 받아 옵니다',
  hostFrame: (os: string) => (os ? `Docker 호스트 · ${os}` : 'Docker 호스트'),
  hostFrameLabel: (os: string) => `Docker 호스트${os ? ` ${os}` : ''}: dockerd가 실행되는 머신`,
  hostFrameTitle: 'dockerd가 실행되는 머신입니다. 클라이언트는 같은 머신에 있어도, 다른 곳에 있어도 됩니다.',
  cliLines: ['docker CLI', '(클라이언트)'],
  cliLabel: 'docker CLI (클라이언트)',
  cliTitle: '사용자가 입력하는 docker 명령입니다. 명령을 Engine API 요청으로 바꿔 데몬에 보냅니다.',
  apiLines: ['REST API', '/var/run/docker.sock'],
  apiLabel: '/var/run/docker.sock을 통한 REST API',
  apiTitle: '네트워크가 아닌 유닉스 소켓으로 주고받는 HTTP 요청입니다 (GET /containers/json, POST /containers/create 등).',
  daemon: 'dockerd (데몬)',
  lastCall: (call: string) => `최근 요청: ${call}`,
  noCall: '요청을 기다리는 중',
  daemonLabel: (call: string) => (call ? `dockerd (데몬), 최근 요청 ${call}` : 'dockerd (데몬), 요청을 기다리는 중'),
  daemonTitle: 'API 요청에 응답하고 이미지, 컨테이너, 네트워크, 볼륨을 관리하는 백그라운드 프로세스입니다.',
  images: '이미지',
  imageCount: (count: number) => `${count}개`,
  imagesLabel: (count: number) => `이미지: ${count}개`,
  imagesTitle: '컨테이너를 만드는 읽기 전용 템플릿입니다. docker images로 목록을 볼 수 있습니다.',
  containers: '컨테이너',
  containerCount: (running: number, total: number) => `실행 중 ${running} · 전체 ${total}`,
  containersLabel: (running: number, total: number) => `컨테이너: 실행 중 ${running}개, 전체 ${total}개`,
  containersTitle: '이미지로 시작한 격리된 프로세스입니다. docker ps는 실행 중인 것을, docker ps -a는 전부 보여 줍니다.',
  registryLines: ['레지스트리', '(Docker Hub)'],
  registryLabel: '레지스트리 (Docker Hub)',
  registryTitle: '이미지를 저장하고 공유하는 곳입니다. docker pull로 내려받고 docker push로 올립니다.',
  pullPush: 'pull / push',
  pullingFromRegistryLabel: (references: string) => `레지스트리에서 내려받는 중: ${references}`,
  architectureArrows: '화살표: docker CLI → REST API → dockerd → 이미지와 컨테이너, dockerd → 레지스트리 (pull / push)',

  desktopLabel: 'Docker Desktop: macOS나 Windows의 docker CLI가 전달된 소켓을 거쳐 가벼운 리눅스 VM 안의 dockerd와 통신합니다',
  desktopHost: 'macOS / Windows (호스트)',
  desktopHostLabel: 'macOS 또는 Windows 컴퓨터 (호스트)',
  desktopHostTitle: '이 커널(macOS는 XNU, Windows는 NT)에는 리눅스 네임스페이스와 cgroup이 없어 리눅스 컨테이너를 직접 실행할 수 없습니다.',
  desktopCliLines: ['docker CLI', '(네이티브 프로그램)'],
  desktopCliLabel: 'macOS나 Windows에서 네이티브로 실행되는 docker CLI',
  desktopCliTitle: 'docker 명령은 macOS나 Windows용 프로그램입니다. Engine API 요청을 보내기만 합니다.',
  engineApi: 'Engine API',
  socketLines: ['전달된 소켓', 'macOS: ~/.docker/run/docker.sock', 'Windows: 네임드 파이프'],
  socketLabel: '전달된 소켓: macOS는 ~/.docker/run/docker.sock, Windows는 네임드 파이프',
  socketTitle: 'Docker Desktop이 호스트의 Engine API 요청을 VM 안으로 전달합니다. CLI는 desktop-linux 컨텍스트로 여기에 연결합니다.',
  linuxVmLines: ['리눅스 VM', 'macOS는 LinuxKit · Windows는 WSL 2'],
  linuxVmLabel: '가벼운 리눅스 VM (macOS는 LinuxKit, Windows는 WSL 2)',
  linuxVmTitle: 'Docker Desktop이 뒤에서 띄우는 가벼운 리눅스 가상 머신입니다. 컨테이너에 필요한 리눅스 커널을 제공합니다.',
  vmDaemonLines: ['dockerd (데몬)', 'containerd · runc'],
  vmDaemonLabel: '리눅스 VM 안의 dockerd (데몬)',
  vmDaemonTitle: '데몬은 macOS나 Windows가 아니라 VM 안에서 실행됩니다. 그래서 docker version의 Server OS/Arch가 linux입니다.',
  vmContainerLabel: (name: string, image: string, state: string) => `리눅스 VM 안의 컨테이너 ${name} (${image})${state}`,
  emptyVmContainersLabel: `VM 안에 실행 중인 컨테이너가 없습니다. 컨테이너를 실행해 보세요: ${RUN_HINT}`,
  moreVmContainersLabel: (count: number, names: string) => `VM 안의 실행 중인 컨테이너 ${count}개 더: ${names}`,
  vmKernel: '리눅스 커널 (VM의 커널)',
  vmKernelLabel: '모든 컨테이너가 함께 쓰는 VM의 리눅스 커널',
  vmKernelTitle: '모든 컨테이너가 이 커널을 함께 씁니다. docker info의 Kernel Version에 나옵니다 (Mac은 …linuxkit, WSL 2는 …microsoft-standard-WSL2).',
  hostKernel: '호스트 커널: XNU (macOS) / NT (Windows)',
  hostKernelLabel: '호스트 커널: macOS는 XNU, Windows는 NT',
  hostKernelTitle: '리눅스 네임스페이스와 cgroup이 없습니다. 그래서 리눅스 VM이 필요합니다.',
  labNote: (kernel: string) => `Docker Lab에서는 시뮬레이션된 리눅스 엔진${kernel ? `(커널 ${kernel})` : ''}이 이 VM의 자리를 대신합니다.`,
  desktopArrows: '화살표: docker CLI → 전달된 소켓 → 리눅스 VM 안의 dockerd',

  tableCaption: '컨테이너와 가상 머신 비교',
  aspect: '항목',
  typical: '일반적인 수치:',
  rows: {
    size: '크기',
    start: '시작 시간',
    resources: '자원 사용',
    isolation: '격리 수준',
    portability: '이식성',
    os: '운영체제',
    speed: '속도',
    maintenance: '유지 보수',
  },
  yourImages: '내 이미지 (docker images):',
  noImages: '아직 이미지가 없습니다: docker pull nginx:1.28.0',
  moreImages: (count: number) => `외 ${count}개`,
  containerSize: '수십~수백 MB: 앱과 라이브러리만 담고, 커널은 없습니다',
  vmSize: '가상 머신 이미지는 수 GB입니다. 예: Ubuntu Server VM 디스크 2~10 GB (OS 전체 포함)',
  containerStart: '1초 미만~수 초: 프로세스 하나만 시작합니다',
  vmStart: '수십 초~수 분: 게스트 OS가 부팅합니다',
  containerResources: '커널을 공유하므로 앱 자체가 쓰는 만큼 정도만 씁니다',
  vmResources: '앱 말고도 게스트 OS마다 메모리와 CPU를 씁니다',
  containerIsolation: '프로세스 수준: 공유 커널의 네임스페이스와 cgroup으로 격리합니다',
  vmIsolation: '하드웨어 수준: 하이퍼바이저가 격리하므로 더 강합니다',
  containerPortability: '커널과 CPU 아키텍처만 맞으면 같은 이미지가 어느 호스트에서든 실행됩니다',
  vmPortability: '하이퍼바이저와 디스크 형식에 따라 다릅니다',
  containerOs: (kernel: string) => `호스트 커널을 공유합니다${kernel ? ` (여기서는 ${kernel})` : ''}. 리눅스 컨테이너에는 리눅스 커널이 필요합니다`,
  vmOs: '어떤 게스트 OS든 가능하고, VM마다 자체 커널을 가집니다',
  containerSpeed: '만들고 시작하고 멈추기가 빠릅니다. 부팅할 것이 없고, 앱은 일반 프로세스로 네이티브 속도로 실행됩니다',
  vmSpeed: '만들고 시작하기가 느립니다 (OS 부팅). 게스트 OS마다 부담이 더해지지만, 하드웨어 가상화 덕분에 CPU 연산은 네이티브에 가깝습니다',
  containerMaintenance: '이미지를 다시 빌드하고 컨테이너를 교체합니다',
  vmMaintenance: '게스트 OS마다 패치와 업데이트가 필요합니다',
};

const WORDS: Readonly<Record<LessonLanguage, Words>> = { en: EN, ko: KO };

/** The words of the snapshot's language (English for anything unexpected). */
function wordsOf(snapshot: ConceptsSnapshot): Words {
  return WORDS[snapshot.language] ?? EN;
}

// ---------------------------------------------------------------------------
// What is drawn
// ---------------------------------------------------------------------------

/** The containers drawn as apps: running, paused or restarting (as `docker ps` lists them). */
function appsOf(snapshot: ConceptsSnapshot): App[] {
  const apps: App[] = [];
  for (const container of snapshot.containers) {
    if (container.state === 'running' || container.state === 'paused' || container.state === 'restarting') {
      apps.push({ name: container.name, image: container.image, state: container.state });
    }
  }
  return apps;
}

/**
 * The apps given a slot, and those folded into "+N more". The snapshot lists
 * containers newest first: the newest are kept (the one just run must show),
 * then drawn oldest first, so a new container joins at the end.
 */
function slotsOf(apps: readonly App[]): { shown: App[]; hidden: App[] } {
  if (apps.length <= MAX_SLOTS) return { shown: [...apps].reverse(), hidden: [] };
  const keep = MAX_SLOTS - 1;
  return { shown: apps.slice(0, keep).reverse(), hidden: apps.slice(keep).reverse() };
}

/** How many of the slots' columns and rows: at most {@link COLUMNS} a row, at least one slot (the empty one). */
function gridOf(slots: number): { columns: number; rows: number } {
  const columns = Math.min(Math.max(slots, 1), COLUMNS);
  return { columns, rows: Math.max(1, Math.ceil(slots / columns)) };
}

function short(text: string): string {
  return truncate(text, NAME_LENGTH);
}

/** The width a box needs for `lines` (estimated) plus padding. */
function widthFor(lines: readonly BoxLine[], padding = 24): number {
  return Math.max(...lines.map((line) => estimateTextWidth(line.text, line.kind === 'caption' ? FONT.caption : FONT.label))) + padding;
}

// ---------------------------------------------------------------------------
// VM vs container
// ---------------------------------------------------------------------------

const MARGIN = 16;
/** Width of one app column, and the gap between columns (fits an 18-character name at 13px). */
const COLUMN_WIDTH = 150;
const COLUMN_GAP = 10;
/** Padding inside a stack, between stacked layers, and between rows of apps. */
const STACK_PADDING = 10;
const LAYER_GAP = 6;
const ROW_GAP = 10;
/** Heights: an app (name, image, state), Bins/Libs, a guest OS, a two-line layer. */
const APP_HEIGHT = 58;
const LIBS_HEIGHT = 26;
const GUEST_HEIGHT = 28;
const LAYER_HEIGHT = 44;
/** A VM's dashed outline sits this far around its boxes. */
const VM_INSET = 4;
const VM_TOWER = VM_INSET + APP_HEIGHT + LAYER_GAP + LIBS_HEIGHT + LAYER_GAP + GUEST_HEIGHT + VM_INSET;
const CONTAINER_TOWER = APP_HEIGHT + LAYER_GAP + LIBS_HEIGHT;

/** The lines of an app box: the name, the image, and the state when not plainly running. */
function appLines(app: App, words: Words): BoxLine[] {
  const lines: BoxLine[] = [{ text: short(app.name) }, { text: short(app.image), kind: 'caption' }];
  if (app.state !== 'running') lines.push({ text: words.stateLine[app.state], kind: 'caption' });
  return lines;
}

function appClasses(app: App): string {
  return app.state === 'running' ? 'box app' : `box app ${app.state}`;
}

function names(apps: readonly App[]): string {
  return apps.map((app) => app.name).join(', ');
}

/**
 * Virtual machines and containers side by side, from the bottom up:
 * Infrastructure, Host OS, then a hypervisor with one guest OS per app on the
 * left, and the Docker Engine with the apps straight on the shared kernel on
 * the right. The apps are the lab's running (and paused) containers.
 */
export function renderVmVsContainer(snapshot: ConceptsSnapshot): ConceptView {
  const words = wordsOf(snapshot);
  const apps = appsOf(snapshot);
  const { shown, hidden } = slotsOf(apps);
  const slots = shown.length + (hidden.length ? 1 : 0);
  const { columns, rows } = gridOf(slots);
  const stopped = snapshot.containers.length - apps.length;
  const hostOs = truncate(snapshot.hostOs, 32);
  const kernel = truncate(snapshot.kernel, 32);

  // Layer texts decide the narrowest a stack may be; the apps may make it wider.
  const hostLines: BoxLine[] = [{ text: words.hostOs }, ...(hostOs ? [{ text: hostOs, kind: 'caption' }] : [])];
  const kernelHostLines: BoxLine[] = [{ text: hostOs ? `${words.hostOs} · ${hostOs}` : words.hostOs }, { text: words.sharedKernelLine(kernel), kind: 'caption' }];
  const emptyLines: BoxLine[] = [{ text: words.emptyLines[0] }, { text: words.emptyLines[1], kind: 'caption' }];
  const towers = columns * COLUMN_WIDTH + (columns - 1) * COLUMN_GAP;
  let stackWidth = Math.max(
    300,
    towers + 2 * STACK_PADDING,
    widthFor(hostLines), widthFor(kernelHostLines), widthFor([{ text: words.engine }]),
    widthFor([{ text: words.infrastructureParts, kind: 'caption' }]),
    widthFor(emptyLines) + 2 * STACK_PADDING,
    estimateTextWidth(words.vmHeading, FONT.heading), estimateTextWidth(words.containersHeading, FONT.heading),
  );
  const caption = stopped > 0 ? words.stopped(stopped) : '';
  const middle = 32;
  // The caption spans the whole drawing; widen the stacks if it would not fit.
  const captionWidth = estimateTextWidth(caption, FONT.caption);
  if (2 * stackWidth + middle < captionWidth) stackWidth = (captionWidth - middle) / 2;
  stackWidth = Math.ceil(stackWidth);
  const width = 2 * MARGIN + 2 * stackWidth + middle;

  const rowsHeight = (tower: number) => rows * tower + (rows - 1) * ROW_GAP;
  const vmHeight = rowsHeight(VM_TOWER) + 3 * (LAYER_GAP + LAYER_HEIGHT);
  const containerHeight = rowsHeight(CONTAINER_TOWER) + 3 * (LAYER_GAP + LAYER_HEIGHT);
  const top = MARGIN + 26;
  const bottom = top + Math.max(vmHeight, containerHeight);
  const height = bottom + (caption ? 34 : MARGIN);

  const leftX = MARGIN;
  const rightX = MARGIN + stackWidth + middle;
  const towersX = (stackX: number) => stackX + (stackWidth - towers) / 2;
  /** Top-left of slot `index`: rows fill from the bottom (the first row sits on the layer below). */
  const slotAt = (stackX: number, rowsBottom: number, tower: number, index: number): [number, number] => {
    const row = Math.floor(index / columns);
    const column = index % columns;
    return [towersX(stackX) + column * (COLUMN_WIDTH + COLUMN_GAP), rowsBottom - (row + 1) * tower - row * ROW_GAP];
  };

  const parts: string[] = [];
  const outline: string[] = [];
  const layer = (x: number, y: number, classes: string, lines: BoxLine[], label: string, title: string, lesson: ConceptLesson, outlineLine: string) => {
    parts.push(box({ x, y, width: stackWidth, height: LAYER_HEIGHT, classes, lines, label, title, lesson }));
    outline.push(outlineLine);
  };

  // Left: virtual machines.
  parts.push(text(leftX + stackWidth / 2, MARGIN + 14, words.vmHeading, 'heading', 'middle'));
  const infraY = bottom - LAYER_HEIGHT;
  const hostY = infraY - LAYER_GAP - LAYER_HEIGHT;
  const hypervisorY = hostY - LAYER_GAP - LAYER_HEIGHT;
  const infraLines: BoxLine[] = [{ text: words.infrastructure }, { text: words.infrastructureParts, kind: 'caption' }];
  layer(leftX, infraY, 'box infra', infraLines, words.infrastructureVmLabel, words.infrastructureTitle, 'virtualization', `${words.sideVm}: ${words.infrastructureVmLabel}`);
  layer(leftX, hostY, 'box host', hostLines, words.hostOsVmLabel(snapshot.hostOs), words.hostOsVmTitle, 'virtualization', `${words.sideVm}: ${words.hostOsVmLabel(snapshot.hostOs)}`);
  layer(leftX, hypervisorY, 'box hypervisor', [{ text: words.hypervisor }, { text: words.hypervisorExamples, kind: 'caption' }],
    words.hypervisorLabel, words.hypervisorTitle, 'virtualization', `${words.sideVm}: ${words.hypervisorLabel}`);
  const vmRowsBottom = hypervisorY - LAYER_GAP;
  shown.forEach((app, index) => {
    const [x, y] = slotAt(leftX, vmRowsBottom, VM_TOWER, index);
    const inner = COLUMN_WIDTH - 2 * VM_INSET;
    const boxX = x + VM_INSET;
    const appY = y + VM_INSET;
    const libsY = appY + APP_HEIGHT + LAYER_GAP;
    const guestY = libsY + LIBS_HEIGHT + LAYER_GAP;
    const state = words.stateSuffix[app.state];
    // The VM's own outline: decorative, its parts carry the meaning.
    parts.push(`<rect class="vm" x="${coordinate(x)}" y="${coordinate(y)}" width="${COLUMN_WIDTH}" height="${VM_TOWER}" rx="6" aria-hidden="true"/>`);
    parts.push(box({ x: boxX, y: guestY, width: inner, height: GUEST_HEIGHT, classes: 'box guest', lines: [{ text: words.guestOs }], label: words.guestOsLabel(app.name), title: words.guestOsTitle, lesson: 'containers-vs-vms' }));
    parts.push(box({ x: boxX, y: libsY, width: inner, height: LIBS_HEIGHT, classes: 'box libs', lines: [{ text: words.libs, kind: 'caption' }], label: words.vmLibsLabel(app.name), title: words.vmLibsTitle, lesson: 'containers-vs-vms' }));
    parts.push(box({
      x: boxX, y: appY, width: inner, height: APP_HEIGHT, classes: appClasses(app), lines: appLines(app, words),
      label: words.vmAppLabel(app.name, app.image, state), title: words.vmAppTitle, lesson: 'containers-vs-vms', data: { container: app.name },
    }));
    outline.push(words.vmOutline(app.name, app.image, state));
  });
  if (hidden.length) {
    const [x, y] = slotAt(leftX, vmRowsBottom, VM_TOWER, shown.length);
    const label = words.moreVmLabel(hidden.length, names(hidden));
    parts.push(box({ x, y, width: COLUMN_WIDTH, height: VM_TOWER, classes: 'box more', lines: [{ text: words.more(hidden.length) }], label, title: words.moreTitle }));
    outline.push(label);
  }
  if (slots === 0) {
    const y = vmRowsBottom - VM_TOWER;
    parts.push(box({ x: leftX + STACK_PADDING, y, width: stackWidth - 2 * STACK_PADDING, height: VM_TOWER, classes: 'box empty', lines: emptyLines, label: words.emptyVmLabel, title: words.emptyTitle, lesson: 'basic-commands' }));
    outline.push(words.emptyVmLabel);
  }

  // Right: containers.
  parts.push(text(rightX + stackWidth / 2, MARGIN + 14, words.containersHeading, 'heading', 'middle'));
  const engineY = hostY - LAYER_GAP - LAYER_HEIGHT;
  layer(rightX, infraY, 'box infra', infraLines, words.infrastructureContainersLabel, words.infrastructureTitle, 'virtualization', `${words.sideContainers}: ${words.infrastructureContainersLabel}`);
  const hostKernelLabel = words.hostOsContainersLabel(snapshot.hostOs, snapshot.kernel);
  layer(rightX, hostY, 'box host kernel', kernelHostLines, hostKernelLabel, words.hostOsContainersTitle, 'before-docker', `${words.sideContainers}: ${hostKernelLabel}`);
  const pulling = snapshot.pulling;
  // With a pull under way the engine's label moves up, and the note takes the second line.
  const engineLines: BoxLine[] = pulling.length ? [{ text: words.engine }, { text: '', kind: 'caption' }] : [{ text: words.engine }];
  layer(rightX, engineY, 'box engine', engineLines, words.engineLabel, words.engineTitle, 'architecture', `${words.sideContainers}: ${words.engineLabel}`);
  if (pulling.length) {
    const label = words.pullingLabel(pulling.join(', '));
    parts.push(note({
      x: rightX + stackWidth / 2, y: engineY + LAYER_HEIGHT - 10, text: words.pullingNote(truncate(pulling[0], 24), pulling.length - 1),
      classes: 'caption pulling', label, title: words.pullingTitle, lesson: 'images',
    }));
    outline.push(label);
  }
  const containerRowsBottom = engineY - LAYER_GAP;
  shown.forEach((app, index) => {
    const [x, y] = slotAt(rightX, containerRowsBottom, CONTAINER_TOWER, index);
    const inner = COLUMN_WIDTH - 2 * VM_INSET;
    const boxX = x + VM_INSET;
    const libsY = y + APP_HEIGHT + LAYER_GAP;
    const label = words.containerLabel(app.name, app.image, snapshot.kernel, words.stateSuffix[app.state]);
    const title = words.containerTitle(app.image) + (app.state === 'paused' ? words.pausedTitle : '');
    parts.push(box({ x: boxX, y: libsY, width: inner, height: LIBS_HEIGHT, classes: 'box libs', lines: [{ text: words.libs, kind: 'caption' }], label: words.containerLibsLabel(app.name, app.image), title: words.containerLibsTitle, lesson: 'images' }));
    parts.push(box({ x: boxX, y, width: inner, height: APP_HEIGHT, classes: appClasses(app), lines: appLines(app, words), label, title, lesson: 'containers', data: { container: app.name } }));
    outline.push(label);
  });
  if (hidden.length) {
    const [x, y] = slotAt(rightX, containerRowsBottom, CONTAINER_TOWER, shown.length);
    const label = words.moreContainersLabel(hidden.length, names(hidden));
    parts.push(box({ x: x + VM_INSET, y, width: COLUMN_WIDTH - 2 * VM_INSET, height: CONTAINER_TOWER, classes: 'box more', lines: [{ text: words.more(hidden.length) }], label, title: words.moreTitle }));
    outline.push(label);
  }
  if (slots === 0) {
    const y = containerRowsBottom - CONTAINER_TOWER;
    parts.push(box({ x: rightX + STACK_PADDING, y, width: stackWidth - 2 * STACK_PADDING, height: CONTAINER_TOWER, classes: 'box empty', lines: emptyLines, label: words.emptyContainersLabel, title: words.emptyTitle, lesson: 'basic-commands' }));
    outline.push(words.emptyContainersLabel);
  }

  if (caption) {
    parts.push(text(width / 2, bottom + 22, caption, 'caption', 'middle'));
    outline.push(caption);
  }
  return { svg: svgDocument(width, height, words.vmVsContainerLabel, parts.join('')), outline };
}

// ---------------------------------------------------------------------------
// Architecture
// ---------------------------------------------------------------------------

/**
 * Which architecture edges an API call travels: every call goes from the CLI
 * over the API to the daemon; container operations reach the containers,
 * image operations the images, and a pull (`ImageCreate`) the registry first.
 * System calls (`SystemPing`, `SystemVersion`, `SystemInfo`, `SystemEvents`)
 * are answered by the daemon itself.
 */
export function edgesOf(operation: string): ArchitectureEdge[] {
  const edges: ArchitectureEdge[] = ['cli-api', 'api-daemon'];
  if (operation === 'ImageCreate') edges.push('daemon-registry', 'daemon-images');
  else if (operation.startsWith('Image')) edges.push('daemon-images');
  else if (operation.startsWith('Container')) edges.push('daemon-containers');
  // `docker system df` adds up what both hold.
  else if (operation === 'SystemDataUsage') edges.push('daemon-images', 'daemon-containers');
  return edges;
}

const ARCHITECTURE_MARKER = 'docker-lab-architecture-arrow';
const DESKTOP_MARKER = 'docker-lab-desktop-arrow';

/**
 * Docker's client-server architecture, as docs.docker.com draws it: the
 * docker CLI sends REST requests over /var/run/docker.sock to dockerd on the
 * Docker host, which manages images and containers and pulls from a registry.
 * Counts and the last call come from the snapshot.
 */
export function renderArchitecture(snapshot: ConceptsSnapshot): ConceptView {
  const words = wordsOf(snapshot);
  const apps = appsOf(snapshot);
  const total = snapshot.containers.length;
  const last = snapshot.calls.length ? snapshot.calls[snapshot.calls.length - 1] : undefined;
  const lastCall = last ? `${last.method} ${last.path}` : '';

  const rowY = 70;
  const rowHeight = 52;
  const cli = { x: MARGIN, y: rowY, width: 150, height: rowHeight };
  const api = { x: 206, y: rowY, width: 190, height: rowHeight };
  const daemon = { x: 436, y: rowY, width: 236, height: rowHeight };
  const images = { x: 300, y: 184, width: 170, height: rowHeight };
  const containers = { x: 490, y: 184, width: 170, height: rowHeight };
  const host = { x: 186, y: 24, width: daemon.x + daemon.width + 12 - 186, height: images.y + rowHeight + 20 - 24 };
  const registry = { x: 772, y: rowY, width: 150, height: rowHeight };
  const width = registry.x + registry.width + MARGIN;
  const height = host.y + host.height + MARGIN;
  const middleY = rowY + rowHeight / 2;

  const parts: string[] = [arrowMarker(ARCHITECTURE_MARKER)];
  const outline: string[] = [];
  const hostLabel = words.hostFrameLabel(snapshot.hostOs);
  parts.push(box({ ...host, classes: 'box host', align: 'top-left', lines: [{ text: words.hostFrame(truncate(snapshot.hostOs, 40)), kind: 'caption' }], label: hostLabel, title: words.hostFrameTitle, lesson: 'architecture' }));
  outline.push(hostLabel);
  parts.push(box({ ...cli, classes: 'box cli', lines: [{ text: words.cliLines[0] }, { text: words.cliLines[1], kind: 'caption' }], label: words.cliLabel, title: words.cliTitle, lesson: 'architecture' }));
  outline.push(words.cliLabel);
  parts.push(box({ ...api, classes: 'box api', lines: [{ text: words.apiLines[0] }, { text: words.apiLines[1], kind: 'caption' }], label: words.apiLabel, title: words.apiTitle, lesson: 'architecture' }));
  outline.push(words.apiLabel);
  const daemonLabel = words.daemonLabel(lastCall);
  parts.push(box({
    ...daemon, classes: 'box daemon', label: daemonLabel, title: words.daemonTitle, lesson: 'architecture',
    lines: [{ text: words.daemon }, { text: lastCall ? truncate(words.lastCall(lastCall), 32) : words.noCall, kind: 'caption' }],
  }));
  outline.push(daemonLabel);
  const imagesLabel = words.imagesLabel(snapshot.images.length);
  parts.push(box({ ...images, classes: 'box images', lines: [{ text: words.images }, { text: words.imageCount(snapshot.images.length), kind: 'caption' }], label: imagesLabel, title: words.imagesTitle, lesson: 'images' }));
  outline.push(imagesLabel);
  const containersLabel = words.containersLabel(apps.length, total);
  parts.push(box({ ...containers, classes: 'box containers', lines: [{ text: words.containers }, { text: words.containerCount(apps.length, total), kind: 'caption' }], label: containersLabel, title: words.containersTitle, lesson: 'containers' }));
  outline.push(containersLabel);
  parts.push(box({ ...registry, classes: 'box registry', lines: [{ text: words.registryLines[0] }, { text: words.registryLines[1], kind: 'caption' }], label: words.registryLabel, title: words.registryTitle, lesson: 'architecture' }));
  outline.push(words.registryLabel);

  const daemonBottom = daemon.y + daemon.height;
  parts.push(
    edge('cli-api', [cli.x + cli.width, middleY], [api.x, middleY], ARCHITECTURE_MARKER),
    edge('api-daemon', [api.x + api.width, middleY], [daemon.x, middleY], ARCHITECTURE_MARKER),
    edge('daemon-images', [daemon.x + 84, daemonBottom], [images.x + images.width / 2, images.y], ARCHITECTURE_MARKER),
    edge('daemon-containers', [containers.x + containers.width / 2, daemonBottom], [containers.x + containers.width / 2, containers.y], ARCHITECTURE_MARKER),
    edge('daemon-registry', [daemon.x + daemon.width, middleY], [registry.x, middleY], ARCHITECTURE_MARKER),
  );
  // The registry edge's words sit between the host's outline and the registry.
  parts.push(text((host.x + host.width + registry.x) / 2, middleY - 8, words.pullPush, 'caption', 'middle'));
  outline.push(words.architectureArrows);
  if (snapshot.pulling.length) {
    const label = words.pullingFromRegistryLabel(snapshot.pulling.join(', '));
    parts.push(note({
      x: registry.x + registry.width / 2, y: registry.y + registry.height + 20, text: words.pullingNote(truncate(snapshot.pulling[0], 20), snapshot.pulling.length - 1),
      classes: 'caption pulling', label, title: words.pullingTitle, lesson: 'images',
    }));
    outline.push(label);
  }
  return { svg: svgDocument(width, height, words.architectureLabel, parts.join('')), outline };
}

// ---------------------------------------------------------------------------
// Docker Desktop
// ---------------------------------------------------------------------------

/**
 * Docker Desktop on macOS or Windows: the native docker CLI on the host, a
 * forwarded socket into a light Linux VM (LinuxKit on macOS, WSL 2 on
 * Windows) that holds dockerd and the learner's running containers, all on
 * the VM's Linux kernel.
 */
export function renderDesktop(snapshot: ConceptsSnapshot): ConceptView {
  const words = wordsOf(snapshot);
  const apps = appsOf(snapshot);
  const { shown, hidden } = slotsOf(apps);
  const slots = shown.length + (hidden.length ? 1 : 0);
  const { columns, rows } = gridOf(slots);

  const width = 740;
  const host = { x: MARGIN, y: MARGIN, width: width - 2 * MARGIN };
  const cli = { x: 40, y: 56, width: 150, height: 52 };
  const socket = { x: 270, y: 50, width: 270, height: 64 };
  const vm = { x: 40, y: 140, width: width - 80 };
  const center = socket.x + socket.width / 2;
  const daemon = { x: center - 110, y: 190, width: 220, height: 52 };
  const rowsTop = daemon.y + daemon.height + 14;
  const towers = columns * COLUMN_WIDTH + (columns - 1) * COLUMN_GAP;
  const towersX = vm.x + (vm.width - towers) / 2;
  const rowsHeight = rows * APP_HEIGHT + (rows - 1) * ROW_GAP;
  const kernel = { x: vm.x + STACK_PADDING, y: rowsTop + rowsHeight + 12, width: vm.width - 2 * STACK_PADDING, height: 32 };
  const vmHeight = kernel.y + kernel.height + STACK_PADDING - vm.y;
  const hostKernel = { x: vm.x, y: vm.y + vmHeight + 12, width: vm.width, height: 32 };
  const hostHeight = hostKernel.y + hostKernel.height + 12 - host.y;
  const caption = words.labNote(truncate(snapshot.kernel, 32));
  const height = host.y + hostHeight + 34;

  const parts: string[] = [arrowMarker(DESKTOP_MARKER)];
  const outline: string[] = [];
  parts.push(box({ ...host, height: hostHeight, classes: 'box host', align: 'top-left', lines: [{ text: words.desktopHost }], label: words.desktopHostLabel, title: words.desktopHostTitle, lesson: 'docker-desktop' }));
  outline.push(words.desktopHostLabel);
  parts.push(box({ ...cli, classes: 'box cli', lines: [{ text: words.desktopCliLines[0] }, { text: words.desktopCliLines[1], kind: 'caption' }], label: words.desktopCliLabel, title: words.desktopCliTitle, lesson: 'docker-desktop' }));
  outline.push(words.desktopCliLabel);
  parts.push(box({ ...socket, classes: 'box api', lines: [{ text: words.socketLines[0] }, { text: words.socketLines[1], kind: 'caption' }, { text: words.socketLines[2], kind: 'caption' }], label: words.socketLabel, title: words.socketTitle, lesson: 'docker-desktop' }));
  outline.push(words.socketLabel);
  parts.push(box({ ...vm, height: vmHeight, classes: 'box vm', align: 'top-left', lines: [{ text: words.linuxVmLines[0] }, { text: words.linuxVmLines[1], kind: 'caption' }], label: words.linuxVmLabel, title: words.linuxVmTitle, lesson: 'docker-desktop' }));
  outline.push(words.linuxVmLabel);
  parts.push(box({ ...daemon, classes: 'box daemon', lines: [{ text: words.vmDaemonLines[0] }, { text: words.vmDaemonLines[1], kind: 'caption' }], label: words.vmDaemonLabel, title: words.vmDaemonTitle, lesson: 'architecture' }));
  outline.push(words.vmDaemonLabel);

  const slotAt = (index: number): [number, number] => {
    const row = Math.floor(index / columns);
    return [towersX + (index % columns) * (COLUMN_WIDTH + COLUMN_GAP), rowsTop + row * (APP_HEIGHT + ROW_GAP)];
  };
  shown.forEach((app, index) => {
    const [x, y] = slotAt(index);
    const label = words.vmContainerLabel(app.name, app.image, words.stateSuffix[app.state]);
    const title = words.containerTitle(app.image) + (app.state === 'paused' ? words.pausedTitle : '');
    parts.push(box({ x, y, width: COLUMN_WIDTH, height: APP_HEIGHT, classes: appClasses(app), lines: appLines(app, words), label, title, lesson: 'containers', data: { container: app.name } }));
    outline.push(label);
  });
  if (hidden.length) {
    const [x, y] = slotAt(shown.length);
    const label = words.moreVmContainersLabel(hidden.length, names(hidden));
    parts.push(box({ x, y, width: COLUMN_WIDTH, height: APP_HEIGHT, classes: 'box more', lines: [{ text: words.more(hidden.length) }], label, title: words.moreTitle }));
    outline.push(label);
  }
  if (slots === 0) {
    const emptyLines: BoxLine[] = [{ text: words.emptyLines[0] }, { text: words.emptyLines[1], kind: 'caption' }];
    const emptyWidth = Math.max(2 * COLUMN_WIDTH, widthFor(emptyLines));
    parts.push(box({ x: vm.x + (vm.width - emptyWidth) / 2, y: rowsTop, width: emptyWidth, height: APP_HEIGHT, classes: 'box empty', lines: emptyLines, label: words.emptyVmContainersLabel, title: words.emptyTitle, lesson: 'basic-commands' }));
    outline.push(words.emptyVmContainersLabel);
  }
  parts.push(box({ ...kernel, classes: 'box kernel', lines: [{ text: words.vmKernel }], label: words.vmKernelLabel, title: words.vmKernelTitle, lesson: 'docker-desktop' }));
  outline.push(words.vmKernelLabel);
  parts.push(box({ ...hostKernel, classes: 'box kernel host', lines: [{ text: words.hostKernel }], label: words.hostKernelLabel, title: words.hostKernelTitle, lesson: 'docker-desktop' }));
  outline.push(words.hostKernelLabel);

  const cliMiddle = cli.y + cli.height / 2;
  parts.push(
    edge('cli-socket', [cli.x + cli.width, cliMiddle], [socket.x, cliMiddle], DESKTOP_MARKER),
    edge('socket-daemon', [center, socket.y + socket.height], [center, daemon.y], DESKTOP_MARKER),
    text((cli.x + cli.width + socket.x) / 2, cliMiddle - 8, words.engineApi, 'caption', 'middle'),
  );
  outline.push(words.desktopArrows);
  parts.push(text(width / 2, host.y + hostHeight + 22, caption, 'caption', 'middle'));
  outline.push(caption);
  return { svg: svgDocument(width, height, words.desktopLabel, parts.join('')), outline };
}

// ---------------------------------------------------------------------------
// Comparison table
// ---------------------------------------------------------------------------

/** How many of the learner's images the size row lists before "and N more". */
const IMAGES_LISTED = 10;

/** A figure that is typical, not measured: always labelled so. */
function typical(words: Words, figure: string): string {
  return `<span class="typical">${escapeXml(words.typical)}</span> ${escapeXml(figure)}`;
}

/**
 * Containers against virtual machines on size, start time, resource use,
 * isolation, portability, OS, speed and maintenance, as an HTML table. The
 * size row lists the learner's own images with their sizes as `docker images`
 * prints them (3 significant digits, decimal units); every other figure is
 * labelled typical.
 */
export function renderComparisonTable(snapshot: ConceptsSnapshot): string {
  const words = wordsOf(snapshot);
  const listed = snapshot.images.slice(0, IMAGES_LISTED);
  const rest = snapshot.images.length - listed.length;
  const yourImages = snapshot.images.length
    ? `${escapeXml(words.yourImages)}<ul class="sizes">${listed.map((image) => `<li><code>${escapeXml(image.reference)}</code> ${escapeXml(humanSizeWithPrecision(image.size, 3))}</li>`).join('')}${rest > 0 ? `<li>${escapeXml(words.moreImages(rest))}</li>` : ''}</ul>`
    : `<p class="note">${escapeXml(words.noImages)}</p>`;
  const rows: [string, string, string][] = [
    [words.rows.size, `${yourImages}${typical(words, words.containerSize)}`, typical(words, words.vmSize)],
    [words.rows.start, typical(words, words.containerStart), typical(words, words.vmStart)],
    [words.rows.resources, escapeXml(words.containerResources), escapeXml(words.vmResources)],
    [words.rows.isolation, escapeXml(words.containerIsolation), escapeXml(words.vmIsolation)],
    [words.rows.portability, escapeXml(words.containerPortability), escapeXml(words.vmPortability)],
    [words.rows.os, escapeXml(words.containerOs(snapshot.kernel)), escapeXml(words.vmOs)],
    [words.rows.speed, escapeXml(words.containerSpeed), escapeXml(words.vmSpeed)],
    [words.rows.maintenance, escapeXml(words.containerMaintenance), escapeXml(words.vmMaintenance)],
  ];
  const head = `<thead><tr><th scope="col">${escapeXml(words.aspect)}</th><th scope="col">${escapeXml(words.containersHeading)}</th><th scope="col">${escapeXml(words.vmHeading)}</th></tr></thead>`;
  const body = rows.map(([aspect, container, vm]) => `<tr><th scope="row">${escapeXml(aspect)}</th><td>${container}</td><td>${vm}</td></tr>`).join('');
  return `<table class="compare"><caption>${escapeXml(words.tableCaption)}</caption>${head}<tbody>${body}</tbody></table>`;
}
