/**
 * Which executables exist where, per base family: the names a container's
 * PATH lookup and `ls /bin` can find. Generated once from reference data (see
 * each list); a later layered filesystem replaces these lists.
 *
 * - alpine: /bin is the listing of a real alpine 3.x container (`ls /bin`)
 *   plus `vi`; the other directories are busybox's own install locations
 *   (`busybox --list-full` of busybox 1.37 sources) for the applets enabled in
 *   Alpine's busybox config (aports main/busybox/busyboxconfig), plus the
 *   minirootfs' other packages (apk-tools, musl-utils, scanelf, ssl_client).
 * - busybox: the docker-library image runs `busybox --install /bin` on a
 *   `make defconfig` build, so every defconfig applet is in /bin (plus
 *   getconf copied from Debian).
 * - debian/ubuntu: /usr/bin and /usr/sbin of the debian:bookworm-slim file
 *   list in shared/data/registry/filesystems (package-owned files, plus the
 *   alternatives links awk, nawk, which, pager, rmt); /bin and /sbin are
 *   symlinks to them (merged /usr). Trixie and Ubuntu differ in details not
 *   simulated here.
 */
export const executableLists = {
  /** /bin on alpine */
  alpineBin: words(
    'arch ash base64 bbconfig busybox cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname ' +
    'dumpkmap echo egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice ' +
    'iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod ' +
    'mktemp more mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps ' +
    'pwd reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty su sync tar touch ' +
    'true umount uname usleep vi watch zcat'
  ),
  /** /sbin on alpine */
  alpineSbin: words(
    'acpid adjtimex apk arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hdparm ' +
    'hwclock ifconfig ifdown ifenslave ifup init insmod ip ipaddr iplink ipneigh iproute iprule ' +
    'iptunnel klogd ldconfig loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo ' +
    'modprobe nameif poweroff raidautorun reboot rmmod route setconsole slattach swapoff swapon ' +
    'switch_root sysctl syslogd tunctl udhcpc vconfig watchdog'
  ),
  /** /usr/bin on alpine */
  alpineUsrBin: words(
    '[ [[ ascii awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm ' +
    'crc32 crontab cryptpw cut dc deallocvt diff dirname dos2unix du dumpleases eject env expand expr ' +
    'factor fallocate find flock fold free fuser getconf getent getfattr groups hd head hexdump ' +
    'hostid iconv id install ipcrm ipcs killall ldd less logger lsof lspci lsusb lzcat lzma md5sum ' +
    'mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt passwd paste ' +
    'patch pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize scanelf ' +
    'seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf smemcap sort split ' +
    'ssl_client strings sum tac tail tee test time timeout top tr traceroute traceroute6 tree ' +
    'truncate ts tsort tty ttysize udhcpc6 unexpand uniq unix2dos unlink unlzma unshare unxz unzip ' +
    'uptime uudecode uuencode vlock volname wc wget which whoami whois xargs xxd xzcat yes'
  ),
  /** /usr/sbin on alpine */
  alpineUsrSbin: words(
    'add-shell addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset ' +
    'fdformat killall5 loadfont mim nanddump nandwrite nbd-client nologin ntpd partprobe powertop ' +
    'rdate rdev readahead readprofile remove-shell seedrng sendmail setfont setlogcons'
  ),
  /** /bin of the busybox image */
  busyboxBin: words(
    '[ [[ acpid add-shell addgroup adduser adjtimex arch arp arping ascii ash awk base32 base64 ' +
    'basename bc beep blkdiscard blkid blockdev bootchartd brctl bunzip2 busybox bzcat bzip2 cal cat ' +
    'chat chattr chgrp chmod chown chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp ' +
    'cpio crc32 crond crontab cryptpw cttyhack cut date dc dd deallocvt delgroup deluser depmod ' +
    'devmem df dhcprelay diff dirname dmesg dnsd dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap ' +
    'dumpleases echo ed egrep eject env envdir envuidgid ether-wake expand expr factor fakeidentd ' +
    'fallocate false fatattr fbset fbsplash fdflush fdformat fdisk fgconsole fgrep find findfs flock ' +
    'fold free freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget ftpput fuser getconf ' +
    'getfattr getopt getty grep groups gunzip gzip halt hd hdparm head hexdump hexedit hostid ' +
    'hostname httpd hush hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ' +
    'ifenslave ifplugd ifup inetd init insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs ' +
    'iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5 klogd last less link ' +
    'linux32 linux64 linuxrc ln loadfont loadkmap logger login logname logread losetup lpd lpq lpr ls ' +
    'lsattr lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs makemime man md5sum mdev mesg ' +
    'microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix mkfs.vfat mknod mkpasswd mkswap ' +
    'mktemp modinfo modprobe more mount mountpoint mpstat mt mv nameif nanddump nandwrite nbd-client ' +
    'nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd od openvt partprobe passwd ' +
    'paste patch pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff ' +
    'powertop printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink ' +
    'readprofile realpath reboot reformime remove-shell renice reset resize resume rev rm rmdir rmmod ' +
    'route rpm rpm2cpio rtcwake run-init run-parts runlevel runsv runsvdir rx script scriptreplay sed ' +
    'seedrng sendmail seq setarch setconsole setfattr setfont setkeycodes setlogcons setpriv ' +
    'setserial setsid setuidgid sh sha1sum sha256sum sha3sum sha512sum showkey shred shuf slattach ' +
    'sleep smemcap softlimit sort split ssl_client start-stop-daemon stat strings stty su sulogin sum ' +
    'sv svc svlogd svok swapoff swapon switch_root sync sysctl syslogd tac tail tar taskset tc tcpsvd ' +
    'tee telnet telnetd test tftp tftpd time timeout top touch tr traceroute traceroute6 tree true ' +
    'truncate ts tsort tty ttysize tunctl ubiattach ubidetach ubimkvol ubirename ubirmvol ubirsvol ' +
    'ubiupdatevol udhcpc udhcpc6 udhcpd udpsvd uevent umount uname unexpand uniq unix2dos unlink ' +
    'unlzma unshare unxz unzip uptime users usleep uudecode uuencode vconfig vi vlock volname w wall ' +
    'watch watchdog wc wget which who whoami whois xargs xxd xz xzcat yes zcat zcip'
  ),
  /** /usr/bin on debian and ubuntu */
  debianUsrBin: words(
    '[ addpart apt apt-cache apt-cdrom apt-config apt-get apt-key apt-mark arch awk b2sum base32 ' +
    'base64 basename basenc bash bashbug captoinfo cat chage chattr chcon chfn chgrp chmod choom ' +
    'chown chrt chsh cksum clear clear_console cmp comm cp csplit cut dash date dd deb-systemd-helper ' +
    'deb-systemd-invoke debconf debconf-apt-progress debconf-communicate debconf-copydb ' +
    'debconf-escape debconf-set-selections debconf-show delpart df diff diff3 dir dircolors dirname ' +
    'dmesg dnsdomainname domainname dpkg dpkg-deb dpkg-divert dpkg-maintscript-helper dpkg-query ' +
    'dpkg-realpath dpkg-split dpkg-statoverride dpkg-trigger du echo egrep env expand expiry expr ' +
    'factor faillog fallocate false fgrep fincore find findmnt flock fmt fold getconf getent getopt ' +
    'gpasswd gpgv grep groups gunzip gzexe gzip hardlink head hostid hostname i386 iconv id infocmp ' +
    'infotocap install ionice ipcmk ipcrm ipcs ischroot join last lastb lastlog ld.so ldd link ' +
    'linux32 linux64 ln locale localedef logger login logname ls lsattr lsblk lscpu lsfd lsipc lsirq ' +
    'lslocks lslogins lsmem lsns mawk mcookie md5sum md5sum.textutils mesg mkdir mkfifo mknod mktemp ' +
    'more mount mountpoint mv namei nawk newgrp nice nisdomainname nl nohup nproc nsenter numfmt od ' +
    'pager partx passwd paste pathchk perl perl5.36.0 pidof pinky pldd pr printenv printf prlimit ptx ' +
    'pwd rbash readlink realpath rename.ul renice reset resizepart rev rgrep rm rmdir rmt run-parts ' +
    'runcon savelog script scriptlive scriptreplay sdiff sed select-editor sensible-browser ' +
    'sensible-editor sensible-pager seq setarch setpriv setsid setterm sg sh sha1sum sha224sum ' +
    'sha256sum sha384sum sha512sum shred shuf sleep sort split stat stdbuf stty su sum sync tabs tac ' +
    'tail tar taskset tee tempfile test tic timeout toe touch tput tr true truncate tset tsort tty ' +
    'tzselect uclampset umount uname uncompress unexpand uniq unlink unshare update-alternatives ' +
    'users utmpdump vdir wall wc wdctl whereis which which.debianutils who whoami x86_64 xargs yes ' +
    'ypdomainname zcat zcmp zdiff zdump zegrep zfgrep zforce zgrep zless zmore znew'
  ),
  /** /usr/sbin on debian and ubuntu */
  debianUsrSbin: words(
    'add-shell addgroup adduser agetty badblocks blkdiscard blkid blkzone blockdev chcpu chgpasswd ' +
    'chmem chpasswd chroot cpgr cppw ctrlaltdel debugfs delgroup deluser dpkg-fsys-usrunmess ' +
    'dpkg-preconfigure dpkg-reconfigure dumpe2fs e2freefrag e2fsck e2image e2label e2mmpstatus ' +
    'e2scrub e2scrub_all e2undo e4crypt e4defrag faillock filefrag findfs fsck fsck.cramfs fsck.ext2 ' +
    'fsck.ext3 fsck.ext4 fsck.minix fsfreeze fstab-decode fstrim getty groupadd groupdel groupmems ' +
    'groupmod grpck grpconv grpunconv hwclock iconvconfig installkernel invoke-rc.d isosize killall5 ' +
    'ldattach ldconfig logsave losetup mke2fs mkfs mkfs.bfs mkfs.cramfs mkfs.ext2 mkfs.ext3 mkfs.ext4 ' +
    'mkfs.minix mkhomedir_helper mklost+found mkswap newusers nologin pam-auth-update pam_getenv ' +
    'pam_namespace_helper pam_timestamp_check pivot_root pwck pwconv pwhistory_helper pwunconv ' +
    'readprofile remove-shell resize2fs rmt-tar rtcwake runuser service shadowconfig ' +
    'start-stop-daemon sulogin swaplabel swapoff swapon switch_root tarcat tune2fs unix_chkpwd ' +
    'unix_update update-passwd update-rc.d update-shells useradd userdel usermod vigr vipw wipefs zic ' +
    'zramctl'
  ),
} as const;

function words(text: string): readonly string[] {
  return text.split(' ');
}
