import type { Distribution } from './ImageFacts';

const DEBIAN_URLS = [
  'HOME_URL="https://www.debian.org/"',
  'SUPPORT_URL="https://www.debian.org/support"',
  'BUG_REPORT_URL="https://bugs.debian.org/"',
];

const UBUNTU_URLS = [
  'HOME_URL="https://www.ubuntu.com/"',
  'SUPPORT_URL="https://help.ubuntu.com/"',
  'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
  'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
];

/**
 * The text of /etc/os-release for a distribution, or undefined where the
 * image has none (scratch, busybox).
 *
 * Sources: Alpine's is written by aports `main/alpine-base/APKBUILD`
 * (release()); Debian's and Ubuntu's by their base-files packages (as
 * captured from running containers). Point-release numbers that change over
 * time are the ones current when the images in data/images.json were built:
 * trixie images (Jul–Sep 2026) carry `DEBIAN_VERSION_FULL=13.6`, ubuntu:24.04
 * (Sep 2026) `24.04.5`, mysql's Oracle Linux 9 `9.7` — best estimates from
 * public captures of that period, not read from the images themselves.
 */
export function osRelease(distribution: Distribution): string | undefined {
  switch (distribution.id) {
    case 'alpine': {
      const minor = distribution.version.split('.').slice(0, 2).join('.');
      return lines([
        'NAME="Alpine Linux"',
        'ID=alpine',
        `VERSION_ID=${distribution.version}`,
        `PRETTY_NAME="Alpine Linux v${minor}"`,
        'HOME_URL="https://alpinelinux.org/"',
        'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
      ]);
    }
    case 'debian':
      if (distribution.codename === 'bookworm') {
        return lines([
          'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
          'NAME="Debian GNU/Linux"',
          'VERSION_ID="12"',
          'VERSION="12 (bookworm)"',
          'VERSION_CODENAME=bookworm',
          'ID=debian',
          ...DEBIAN_URLS,
        ]);
      }
      return lines([
        'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"',
        'NAME="Debian GNU/Linux"',
        'VERSION_ID="13"',
        'VERSION="13 (trixie)"',
        'VERSION_CODENAME=trixie',
        'DEBIAN_VERSION_FULL=13.6',
        'ID=debian',
        ...DEBIAN_URLS,
      ]);
    case 'ubuntu':
      if (distribution.version === '24.04') {
        return lines([
          'PRETTY_NAME="Ubuntu 24.04.5 LTS"',
          'NAME="Ubuntu"',
          'VERSION_ID="24.04"',
          'VERSION="24.04.5 LTS (Noble Numbat)"',
          'VERSION_CODENAME=noble',
          'ID=ubuntu',
          'ID_LIKE=debian',
          ...UBUNTU_URLS,
          'UBUNTU_CODENAME=noble',
          'LOGO=ubuntu-logo',
        ]);
      }
      return lines([
        'PRETTY_NAME="Ubuntu 26.04 LTS"',
        'NAME="Ubuntu"',
        'VERSION_ID="26.04"',
        'VERSION="26.04 LTS (Resolute Raccoon)"',
        'VERSION_CODENAME=resolute',
        'ID=ubuntu',
        'ID_LIKE=debian',
        ...UBUNTU_URLS,
        'UBUNTU_CODENAME=resolute',
        'LOGO=ubuntu-logo',
      ]);
    case 'oraclelinux':
      return lines([
        'NAME="Oracle Linux Server"',
        'VERSION="9.7"',
        'ID="ol"',
        'ID_LIKE="fedora"',
        'VARIANT="Server"',
        'VARIANT_ID="server"',
        'VERSION_ID="9.7"',
        'PLATFORM_ID="platform:el9"',
        'PRETTY_NAME="Oracle Linux Server 9.7"',
        'ANSI_COLOR="0;31"',
        'CPE_NAME="cpe:/o:oracle:linux:9:7:server"',
        'HOME_URL="https://linux.oracle.com/"',
        'BUG_REPORT_URL="https://github.com/oracle/oracle-linux"',
        '',
        'ORACLE_BUGZILLA_PRODUCT="Oracle Linux 9"',
        'ORACLE_BUGZILLA_PRODUCT_VERSION=9.7',
        'ORACLE_SUPPORT_PRODUCT="Oracle Linux"',
        'ORACLE_SUPPORT_PRODUCT_VERSION=9.7',
      ]);
    case 'busybox':
    case 'scratch':
      return undefined;
  }
}

function lines(entries: string[]): string {
  return entries.map((line) => `${line}\n`).join('');
}
