/** A docker command as Tab completion sees it. */
export interface DockerCommandNode {
  /**
   * The command's flags: `-a|--attach=` names a short and a long form; a
   * trailing `=` means the flag takes a value (so the next word is not a
   * positional argument).
   */
  readonly flags: readonly string[];
  /** Other names of this subcommand (`docker container list` for `ls`). */
  readonly aliases?: readonly string[];
  readonly commands?: Readonly<Record<string, DockerCommandNode>>;
}

/**
 * The docker CLI 28.2.2 command tree, taken from the real binary: commands
 * and flags are what cobra's own completion offers (`docker __complete PATH ''`
 * and `docker __complete PATH -`, hidden commands and flags left out as docker
 * leaves them out), and which flags take a value comes from the type column of
 * `docker PATH --help` (`--name string`, `-p, --publish list`). The `help`
 * command is left out. Regenerate it the same way when the target version moves.
 */
export const DOCKER_COMMAND_TREE: DockerCommandNode = {
  flags: [
    '--config=', '-c|--context=', '-D|--debug', '-H|--host=', '-l|--log-level=', '--tls', '--tlscacert=',
    '--tlscert=', '--tlskey=', '--tlsverify', '-v|--version',
  ],
  commands: {
    attach: {
      flags: ['--detach-keys=', '--no-stdin', '--sig-proxy'],
    },
    bake: {
      flags: [],
    },
    build: {
      flags: [
        '--add-host=', '--build-arg=', '--cache-from=', '--cgroup-parent=', '--compress', '--cpu-period=',
        '--cpu-quota=', '-c|--cpu-shares=', '--cpuset-cpus=', '--cpuset-mems=', '--disable-content-trust',
        '-f|--file=', '--force-rm', '--iidfile=', '--isolation=', '--label=', '-m|--memory=',
        '--memory-swap=', '--network=', '--no-cache', '--platform=', '--pull', '-q|--quiet', '--rm',
        '--security-opt=', '--shm-size=', '--squash', '-t|--tag=', '--target=', '--ulimit=',
      ],
    },
    builder: {
      flags: [],
      commands: {
        build: {
          flags: [
            '--add-host=', '--build-arg=', '--cache-from=', '--cgroup-parent=', '--compress',
            '--cpu-period=', '--cpu-quota=', '-c|--cpu-shares=', '--cpuset-cpus=', '--cpuset-mems=',
            '--disable-content-trust', '-f|--file=', '--force-rm', '--iidfile=', '--isolation=', '--label=',
            '-m|--memory=', '--memory-swap=', '--network=', '--no-cache', '--platform=', '--pull',
            '-q|--quiet', '--rm', '--security-opt=', '--shm-size=', '--squash', '-t|--tag=', '--target=',
            '--ulimit=',
          ],
        },
        prune: {
          flags: ['-a|--all', '--filter=', '-f|--force', '--keep-storage='],
        },
      },
    },
    checkpoint: {
      flags: [],
      commands: {
        create: {
          flags: ['--checkpoint-dir=', '--leave-running'],
        },
        ls: {
          flags: ['--checkpoint-dir='],
          aliases: ['list'],
        },
        rm: {
          flags: ['--checkpoint-dir='],
          aliases: ['remove'],
        },
      },
    },
    commit: {
      flags: ['-a|--author=', '-c|--change=', '-m|--message=', '-p|--pause'],
    },
    config: {
      flags: [],
      commands: {
        create: {
          flags: ['-l|--label=', '--template-driver='],
        },
        inspect: {
          flags: ['-f|--format=', '--pretty'],
        },
        ls: {
          flags: ['-f|--filter=', '--format=', '-q|--quiet'],
          aliases: ['list'],
        },
        rm: {
          flags: [],
          aliases: ['remove'],
        },
      },
    },
    container: {
      flags: [],
      commands: {
        attach: {
          flags: ['--detach-keys=', '--no-stdin', '--sig-proxy'],
        },
        commit: {
          flags: ['-a|--author=', '-c|--change=', '-m|--message=', '-p|--pause'],
        },
        cp: {
          flags: ['-a|--archive', '-L|--follow-link', '-q|--quiet'],
        },
        create: {
          flags: [
            '--add-host=', '--annotation=', '-a|--attach=', '--blkio-weight=', '--blkio-weight-device=',
            '--cap-add=', '--cap-drop=', '--cgroup-parent=', '--cgroupns=', '--cidfile=', '--cpu-count=',
            '--cpu-percent=', '--cpu-period=', '--cpu-quota=', '--cpu-rt-period=', '--cpu-rt-runtime=',
            '-c|--cpu-shares=', '--cpus=', '--cpuset-cpus=', '--cpuset-mems=', '--device=',
            '--device-cgroup-rule=', '--device-read-bps=', '--device-read-iops=', '--device-write-bps=',
            '--device-write-iops=', '--disable-content-trust', '--dns=', '--dns-option=', '--dns-search=',
            '--domainname=', '--entrypoint=', '-e|--env=', '--env-file=', '--expose=', '--gpus',
            '--group-add=', '--health-cmd=', '--health-interval=', '--health-retries=',
            '--health-start-interval=', '--health-start-period=', '--health-timeout=', '--help',
            '-h|--hostname=', '--init', '-i|--interactive', '--io-maxbandwidth=', '--io-maxiops=', '--ip=',
            '--ip6=', '--ipc=', '--isolation=', '--kernel-memory=', '-l|--label=', '--label-file=',
            '--link=', '--link-local-ip=', '--log-driver=', '--log-opt=', '--mac-address=', '-m|--memory=',
            '--memory-reservation=', '--memory-swap=', '--memory-swappiness=', '--mount=', '--name=',
            '--network=', '--network-alias=', '--no-healthcheck', '--oom-kill-disable', '--oom-score-adj=',
            '--pid=', '--pids-limit=', '--platform=', '--privileged', '-p|--publish=', '-P|--publish-all',
            '--pull=', '-q|--quiet', '--read-only', '--restart=', '--rm', '--runtime=', '--security-opt=',
            '--shm-size=', '--stop-signal=', '--stop-timeout=', '--storage-opt=', '--sysctl=', '--tmpfs=',
            '-t|--tty', '--ulimit=', '--use-api-socket', '-u|--user=', '--userns=', '--uts=', '-v|--volume=',
            '--volume-driver=', '--volumes-from=', '-w|--workdir=',
          ],
        },
        diff: {
          flags: [],
        },
        exec: {
          flags: [
            '-d|--detach', '--detach-keys=', '-e|--env=', '--env-file=', '-i|--interactive', '--privileged',
            '-t|--tty', '-u|--user=', '-w|--workdir=',
          ],
        },
        export: {
          flags: ['-o|--output='],
        },
        inspect: {
          flags: ['-f|--format=', '-s|--size'],
        },
        kill: {
          flags: ['-s|--signal='],
        },
        logs: {
          flags: ['--details', '-f|--follow', '--since=', '-n|--tail=', '-t|--timestamps', '--until='],
        },
        ls: {
          flags: [
            '-a|--all', '-f|--filter=', '--format=', '-n|--last=', '-l|--latest', '--no-trunc', '-q|--quiet',
            '-s|--size',
          ],
          aliases: ['list', 'ps'],
        },
        pause: {
          flags: [],
        },
        port: {
          flags: [],
        },
        prune: {
          flags: ['--filter=', '-f|--force'],
        },
        rename: {
          flags: [],
        },
        restart: {
          flags: ['-s|--signal=', '-t|--timeout='],
        },
        rm: {
          flags: ['-f|--force', '-l|--link', '-v|--volumes'],
          aliases: ['remove'],
        },
        run: {
          flags: [
            '--add-host=', '--annotation=', '-a|--attach=', '--blkio-weight=', '--blkio-weight-device=',
            '--cap-add=', '--cap-drop=', '--cgroup-parent=', '--cgroupns=', '--cidfile=', '--cpu-count=',
            '--cpu-percent=', '--cpu-period=', '--cpu-quota=', '--cpu-rt-period=', '--cpu-rt-runtime=',
            '-c|--cpu-shares=', '--cpus=', '--cpuset-cpus=', '--cpuset-mems=', '-d|--detach',
            '--detach-keys=', '--device=', '--device-cgroup-rule=', '--device-read-bps=',
            '--device-read-iops=', '--device-write-bps=', '--device-write-iops=', '--disable-content-trust',
            '--dns=', '--dns-option=', '--dns-search=', '--domainname=', '--entrypoint=', '-e|--env=',
            '--env-file=', '--expose=', '--gpus', '--group-add=', '--health-cmd=', '--health-interval=',
            '--health-retries=', '--health-start-interval=', '--health-start-period=', '--health-timeout=',
            '--help', '-h|--hostname=', '--init', '-i|--interactive', '--io-maxbandwidth=', '--io-maxiops=',
            '--ip=', '--ip6=', '--ipc=', '--isolation=', '--kernel-memory=', '-l|--label=', '--label-file=',
            '--link=', '--link-local-ip=', '--log-driver=', '--log-opt=', '--mac-address=', '-m|--memory=',
            '--memory-reservation=', '--memory-swap=', '--memory-swappiness=', '--mount=', '--name=',
            '--network=', '--network-alias=', '--no-healthcheck', '--oom-kill-disable', '--oom-score-adj=',
            '--pid=', '--pids-limit=', '--platform=', '--privileged', '-p|--publish=', '-P|--publish-all',
            '--pull=', '-q|--quiet', '--read-only', '--restart=', '--rm', '--runtime=', '--security-opt=',
            '--shm-size=', '--sig-proxy', '--stop-signal=', '--stop-timeout=', '--storage-opt=', '--sysctl=',
            '--tmpfs=', '-t|--tty', '--ulimit=', '--use-api-socket', '-u|--user=', '--userns=', '--uts=',
            '-v|--volume=', '--volume-driver=', '--volumes-from=', '-w|--workdir=',
          ],
        },
        start: {
          flags: ['-a|--attach', '--checkpoint=', '--checkpoint-dir=', '--detach-keys=', '-i|--interactive'],
        },
        stats: {
          flags: ['-a|--all', '--format=', '--no-stream', '--no-trunc'],
        },
        stop: {
          flags: ['-s|--signal=', '-t|--timeout='],
        },
        top: {
          flags: [],
        },
        unpause: {
          flags: [],
        },
        update: {
          flags: [
            '--blkio-weight=', '--cpu-period=', '--cpu-quota=', '--cpu-rt-period=', '--cpu-rt-runtime=',
            '-c|--cpu-shares=', '--cpus=', '--cpuset-cpus=', '--cpuset-mems=', '-m|--memory=',
            '--memory-reservation=', '--memory-swap=', '--pids-limit=', '--restart=',
          ],
        },
        wait: {
          flags: [],
        },
      },
    },
    context: {
      flags: [],
      commands: {
        create: {
          flags: ['--description=', '--docker=', '--from='],
        },
        export: {
          flags: [],
        },
        import: {
          flags: [],
        },
        inspect: {
          flags: ['-f|--format='],
        },
        ls: {
          flags: ['--format=', '-q|--quiet'],
          aliases: ['list'],
        },
        rm: {
          flags: ['-f|--force'],
          aliases: ['remove'],
        },
        show: {
          flags: [],
        },
        update: {
          flags: ['--description=', '--docker='],
        },
        use: {
          flags: [],
        },
      },
    },
    cp: {
      flags: ['-a|--archive', '-L|--follow-link', '-q|--quiet'],
    },
    create: {
      flags: [
        '--add-host=', '--annotation=', '-a|--attach=', '--blkio-weight=', '--blkio-weight-device=',
        '--cap-add=', '--cap-drop=', '--cgroup-parent=', '--cgroupns=', '--cidfile=', '--cpu-count=',
        '--cpu-percent=', '--cpu-period=', '--cpu-quota=', '--cpu-rt-period=', '--cpu-rt-runtime=',
        '-c|--cpu-shares=', '--cpus=', '--cpuset-cpus=', '--cpuset-mems=', '--device=',
        '--device-cgroup-rule=', '--device-read-bps=', '--device-read-iops=', '--device-write-bps=',
        '--device-write-iops=', '--disable-content-trust', '--dns=', '--dns-option=', '--dns-search=',
        '--domainname=', '--entrypoint=', '-e|--env=', '--env-file=', '--expose=', '--gpus', '--group-add=',
        '--health-cmd=', '--health-interval=', '--health-retries=', '--health-start-interval=',
        '--health-start-period=', '--health-timeout=', '--help', '-h|--hostname=', '--init',
        '-i|--interactive', '--io-maxbandwidth=', '--io-maxiops=', '--ip=', '--ip6=', '--ipc=',
        '--isolation=', '--kernel-memory=', '-l|--label=', '--label-file=', '--link=', '--link-local-ip=',
        '--log-driver=', '--log-opt=', '--mac-address=', '-m|--memory=', '--memory-reservation=',
        '--memory-swap=', '--memory-swappiness=', '--mount=', '--name=', '--network=', '--network-alias=',
        '--no-healthcheck', '--oom-kill-disable', '--oom-score-adj=', '--pid=', '--pids-limit=',
        '--platform=', '--privileged', '-p|--publish=', '-P|--publish-all', '--pull=', '-q|--quiet',
        '--read-only', '--restart=', '--rm', '--runtime=', '--security-opt=', '--shm-size=',
        '--stop-signal=', '--stop-timeout=', '--storage-opt=', '--sysctl=', '--tmpfs=', '-t|--tty',
        '--ulimit=', '--use-api-socket', '-u|--user=', '--userns=', '--uts=', '-v|--volume=',
        '--volume-driver=', '--volumes-from=', '-w|--workdir=',
      ],
    },
    diff: {
      flags: [],
    },
    events: {
      flags: ['-f|--filter=', '--format=', '--since=', '--until='],
    },
    exec: {
      flags: [
        '-d|--detach', '--detach-keys=', '-e|--env=', '--env-file=', '-i|--interactive', '--privileged',
        '-t|--tty', '-u|--user=', '-w|--workdir=',
      ],
    },
    export: {
      flags: ['-o|--output='],
    },
    history: {
      flags: ['--format=', '-H|--human', '--no-trunc', '--platform=', '-q|--quiet'],
    },
    image: {
      flags: [],
      commands: {
        build: {
          flags: [
            '--add-host=', '--build-arg=', '--cache-from=', '--cgroup-parent=', '--compress',
            '--cpu-period=', '--cpu-quota=', '-c|--cpu-shares=', '--cpuset-cpus=', '--cpuset-mems=',
            '--disable-content-trust', '-f|--file=', '--force-rm', '--iidfile=', '--isolation=', '--label=',
            '-m|--memory=', '--memory-swap=', '--network=', '--no-cache', '--platform=', '--pull',
            '-q|--quiet', '--rm', '--security-opt=', '--shm-size=', '--squash', '-t|--tag=', '--target=',
            '--ulimit=',
          ],
        },
        history: {
          flags: ['--format=', '-H|--human', '--no-trunc', '--platform=', '-q|--quiet'],
        },
        import: {
          flags: ['-c|--change=', '-m|--message=', '--platform='],
        },
        inspect: {
          flags: ['-f|--format=', '--platform='],
        },
        load: {
          flags: ['-i|--input=', '--platform=', '-q|--quiet'],
        },
        ls: {
          flags: ['-a|--all', '--digests', '-f|--filter=', '--format=', '--no-trunc', '-q|--quiet', '--tree'],
          aliases: ['list'],
        },
        prune: {
          flags: ['-a|--all', '--filter=', '-f|--force'],
        },
        pull: {
          flags: ['-a|--all-tags', '--disable-content-trust', '--platform=', '-q|--quiet'],
        },
        push: {
          flags: ['-a|--all-tags', '--disable-content-trust', '--platform=', '-q|--quiet'],
        },
        rm: {
          flags: ['-f|--force', '--no-prune', '--platform='],
          aliases: ['remove'],
        },
        save: {
          flags: ['-o|--output=', '--platform='],
        },
        tag: {
          flags: [],
        },
      },
    },
    images: {
      flags: ['-a|--all', '--digests', '-f|--filter=', '--format=', '--no-trunc', '-q|--quiet', '--tree'],
    },
    import: {
      flags: ['-c|--change=', '-m|--message=', '--platform='],
    },
    info: {
      flags: ['-f|--format='],
    },
    inspect: {
      flags: ['-f|--format=', '-s|--size', '--type='],
    },
    kill: {
      flags: ['-s|--signal='],
    },
    load: {
      flags: ['-i|--input=', '--platform=', '-q|--quiet'],
    },
    login: {
      flags: ['-p|--password=', '--password-stdin', '-u|--username='],
    },
    logout: {
      flags: [],
    },
    logs: {
      flags: ['--details', '-f|--follow', '--since=', '-n|--tail=', '-t|--timestamps', '--until='],
    },
    manifest: {
      flags: [],
      commands: {
        annotate: {
          flags: ['--arch=', '--os=', '--os-features=', '--os-version=', '--variant='],
        },
        create: {
          flags: ['-a|--amend', '--insecure'],
        },
        inspect: {
          flags: ['--insecure', '-v|--verbose'],
        },
        push: {
          flags: ['--insecure', '-p|--purge'],
        },
        rm: {
          flags: [],
        },
      },
    },
    network: {
      flags: [],
      commands: {
        connect: {
          flags: [
            '--alias=', '--driver-opt=', '--gw-priority=', '--ip=', '--ip6=', '--link=', '--link-local-ip=',
          ],
        },
        create: {
          flags: [
            '--attachable', '--aux-address=', '--config-from=', '--config-only', '-d|--driver=',
            '--gateway=', '--ingress', '--internal', '--ip-range=', '--ipam-driver=', '--ipam-opt=',
            '--ipv4', '--ipv6', '--label=', '-o|--opt=', '--scope=', '--subnet=',
          ],
        },
        disconnect: {
          flags: ['-f|--force'],
        },
        inspect: {
          flags: ['-f|--format=', '-v|--verbose'],
        },
        ls: {
          flags: ['-f|--filter=', '--format=', '--no-trunc', '-q|--quiet'],
          aliases: ['list'],
        },
        prune: {
          flags: ['--filter=', '-f|--force'],
        },
        rm: {
          flags: ['-f|--force'],
          aliases: ['remove'],
        },
      },
    },
    node: {
      flags: [],
      commands: {
        demote: {
          flags: [],
        },
        inspect: {
          flags: ['-f|--format=', '--pretty'],
        },
        ls: {
          flags: ['-f|--filter=', '--format=', '-q|--quiet'],
          aliases: ['list'],
        },
        promote: {
          flags: [],
        },
        ps: {
          flags: ['-f|--filter=', '--format=', '--no-resolve', '--no-trunc', '-q|--quiet'],
        },
        rm: {
          flags: ['-f|--force'],
          aliases: ['remove'],
        },
        update: {
          flags: ['--availability=', '--label-add=', '--label-rm=', '--role='],
        },
      },
    },
    pause: {
      flags: [],
    },
    plugin: {
      flags: [],
      commands: {
        create: {
          flags: ['--compress'],
        },
        disable: {
          flags: ['-f|--force'],
        },
        enable: {
          flags: ['--timeout='],
        },
        inspect: {
          flags: ['-f|--format='],
        },
        install: {
          flags: ['--alias=', '--disable', '--disable-content-trust', '--grant-all-permissions'],
        },
        ls: {
          flags: ['-f|--filter=', '--format=', '--no-trunc', '-q|--quiet'],
          aliases: ['list'],
        },
        push: {
          flags: ['--disable-content-trust'],
        },
        rm: {
          flags: ['-f|--force'],
          aliases: ['remove'],
        },
        set: {
          flags: [],
        },
        upgrade: {
          flags: ['--disable-content-trust', '--grant-all-permissions', '--skip-remote-check'],
        },
      },
    },
    port: {
      flags: [],
    },
    ps: {
      flags: [
        '-a|--all', '-f|--filter=', '--format=', '-n|--last=', '-l|--latest', '--no-trunc', '-q|--quiet',
        '-s|--size',
      ],
    },
    pull: {
      flags: ['-a|--all-tags', '--disable-content-trust', '--platform=', '-q|--quiet'],
    },
    push: {
      flags: ['-a|--all-tags', '--disable-content-trust', '--platform=', '-q|--quiet'],
    },
    rename: {
      flags: [],
    },
    restart: {
      flags: ['-s|--signal=', '-t|--timeout='],
    },
    rm: {
      flags: ['-f|--force', '-l|--link', '-v|--volumes'],
    },
    rmi: {
      flags: ['-f|--force', '--no-prune', '--platform='],
    },
    run: {
      flags: [
        '--add-host=', '--annotation=', '-a|--attach=', '--blkio-weight=', '--blkio-weight-device=',
        '--cap-add=', '--cap-drop=', '--cgroup-parent=', '--cgroupns=', '--cidfile=', '--cpu-count=',
        '--cpu-percent=', '--cpu-period=', '--cpu-quota=', '--cpu-rt-period=', '--cpu-rt-runtime=',
        '-c|--cpu-shares=', '--cpus=', '--cpuset-cpus=', '--cpuset-mems=', '-d|--detach', '--detach-keys=',
        '--device=', '--device-cgroup-rule=', '--device-read-bps=', '--device-read-iops=',
        '--device-write-bps=', '--device-write-iops=', '--disable-content-trust', '--dns=', '--dns-option=',
        '--dns-search=', '--domainname=', '--entrypoint=', '-e|--env=', '--env-file=', '--expose=', '--gpus',
        '--group-add=', '--health-cmd=', '--health-interval=', '--health-retries=',
        '--health-start-interval=', '--health-start-period=', '--health-timeout=', '--help',
        '-h|--hostname=', '--init', '-i|--interactive', '--io-maxbandwidth=', '--io-maxiops=', '--ip=',
        '--ip6=', '--ipc=', '--isolation=', '--kernel-memory=', '-l|--label=', '--label-file=', '--link=',
        '--link-local-ip=', '--log-driver=', '--log-opt=', '--mac-address=', '-m|--memory=',
        '--memory-reservation=', '--memory-swap=', '--memory-swappiness=', '--mount=', '--name=',
        '--network=', '--network-alias=', '--no-healthcheck', '--oom-kill-disable', '--oom-score-adj=',
        '--pid=', '--pids-limit=', '--platform=', '--privileged', '-p|--publish=', '-P|--publish-all',
        '--pull=', '-q|--quiet', '--read-only', '--restart=', '--rm', '--runtime=', '--security-opt=',
        '--shm-size=', '--sig-proxy', '--stop-signal=', '--stop-timeout=', '--storage-opt=', '--sysctl=',
        '--tmpfs=', '-t|--tty', '--ulimit=', '--use-api-socket', '-u|--user=', '--userns=', '--uts=',
        '-v|--volume=', '--volume-driver=', '--volumes-from=', '-w|--workdir=',
      ],
    },
    save: {
      flags: ['-o|--output=', '--platform='],
    },
    search: {
      flags: ['-f|--filter=', '--format=', '--limit=', '--no-trunc'],
    },
    secret: {
      flags: [],
      commands: {
        create: {
          flags: ['-d|--driver=', '-l|--label=', '--template-driver='],
        },
        inspect: {
          flags: ['-f|--format=', '--pretty'],
        },
        ls: {
          flags: ['-f|--filter=', '--format=', '-q|--quiet'],
          aliases: ['list'],
        },
        rm: {
          flags: [],
          aliases: ['remove'],
        },
      },
    },
    service: {
      flags: [],
      commands: {
        create: {
          flags: [
            '--cap-add=', '--cap-drop=', '--config=', '--constraint=', '--container-label=',
            '--credential-spec', '-d|--detach', '--dns=', '--dns-option=', '--dns-search=',
            '--endpoint-mode=', '--entrypoint=', '-e|--env=', '--env-file=', '--generic-resource=',
            '--group=', '--health-cmd=', '--health-interval=', '--health-retries=',
            '--health-start-interval=', '--health-start-period=', '--health-timeout=', '--host=',
            '--hostname=', '--init', '--isolation=', '-l|--label=', '--limit-cpu=', '--limit-memory=',
            '--limit-pids=', '--log-driver=', '--log-opt=', '--max-concurrent=', '--mode=', '--mount=',
            '--name=', '--network=', '--no-healthcheck', '--no-resolve-image', '--oom-score-adj=',
            '--placement-pref=', '-p|--publish=', '-q|--quiet', '--read-only', '--replicas=',
            '--replicas-max-per-node=', '--reserve-cpu=', '--reserve-memory=', '--restart-condition=',
            '--restart-delay=', '--restart-max-attempts=', '--restart-window=', '--rollback-delay=',
            '--rollback-failure-action=', '--rollback-max-failure-ratio=', '--rollback-monitor=',
            '--rollback-order=', '--rollback-parallelism=', '--secret=', '--stop-grace-period=',
            '--stop-signal=', '--sysctl=', '-t|--tty', '--ulimit=', '--update-delay=',
            '--update-failure-action=', '--update-max-failure-ratio=', '--update-monitor=',
            '--update-order=', '--update-parallelism=', '-u|--user=', '--with-registry-auth',
            '-w|--workdir=',
          ],
        },
        inspect: {
          flags: ['-f|--format=', '--pretty'],
        },
        logs: {
          flags: [
            '--details', '-f|--follow', '--no-resolve', '--no-task-ids', '--no-trunc', '--raw', '--since=',
            '-n|--tail=', '-t|--timestamps',
          ],
        },
        ls: {
          flags: ['-f|--filter=', '--format=', '-q|--quiet'],
          aliases: ['list'],
        },
        ps: {
          flags: ['-f|--filter=', '--format=', '--no-resolve', '--no-trunc', '-q|--quiet'],
        },
        rm: {
          flags: [],
          aliases: ['remove'],
        },
        rollback: {
          flags: ['-d|--detach', '-q|--quiet'],
        },
        scale: {
          flags: ['-d|--detach'],
        },
        update: {
          flags: [
            '--args=', '--cap-add=', '--cap-drop=', '--config-add=', '--config-rm=', '--constraint-add=',
            '--constraint-rm=', '--container-label-add=', '--container-label-rm=', '--credential-spec',
            '-d|--detach', '--dns-add=', '--dns-option-add=', '--dns-option-rm=', '--dns-rm=',
            '--dns-search-add=', '--dns-search-rm=', '--endpoint-mode=', '--entrypoint=', '--env-add=',
            '--env-rm=', '--force', '--generic-resource-add=', '--generic-resource-rm=', '--group-add=',
            '--group-rm=', '--health-cmd=', '--health-interval=', '--health-retries=',
            '--health-start-interval=', '--health-start-period=', '--health-timeout=', '--host-add=',
            '--host-rm=', '--hostname=', '--image=', '--init', '--isolation=', '--label-add=', '--label-rm=',
            '--limit-cpu=', '--limit-memory=', '--limit-pids=', '--log-driver=', '--log-opt=',
            '--max-concurrent=', '--mount-add=', '--mount-rm=', '--network-add=', '--network-rm=',
            '--no-healthcheck', '--no-resolve-image', '--oom-score-adj=', '--placement-pref-add=',
            '--placement-pref-rm=', '--publish-add=', '--publish-rm=', '-q|--quiet', '--read-only',
            '--replicas=', '--replicas-max-per-node=', '--reserve-cpu=', '--reserve-memory=',
            '--restart-condition=', '--restart-delay=', '--restart-max-attempts=', '--restart-window=',
            '--rollback', '--rollback-delay=', '--rollback-failure-action=', '--rollback-max-failure-ratio=',
            '--rollback-monitor=', '--rollback-order=', '--rollback-parallelism=', '--secret-add=',
            '--secret-rm=', '--stop-grace-period=', '--stop-signal=', '--sysctl-add=', '--sysctl-rm=',
            '-t|--tty', '--ulimit-add=', '--ulimit-rm=', '--update-delay=', '--update-failure-action=',
            '--update-max-failure-ratio=', '--update-monitor=', '--update-order=', '--update-parallelism=',
            '-u|--user=', '--with-registry-auth', '-w|--workdir=',
          ],
        },
      },
    },
    stack: {
      flags: [],
      commands: {
        config: {
          flags: ['-c|--compose-file=', '--skip-interpolation'],
        },
        deploy: {
          flags: [
            '-c|--compose-file=', '-d|--detach', '--prune', '-q|--quiet', '--resolve-image=',
            '--with-registry-auth',
          ],
          aliases: ['up'],
        },
        ls: {
          flags: ['--format='],
          aliases: ['list'],
        },
        ps: {
          flags: ['-f|--filter=', '--format=', '--no-resolve', '--no-trunc', '-q|--quiet'],
        },
        rm: {
          flags: ['-d|--detach'],
          aliases: ['remove', 'down'],
        },
        services: {
          flags: ['-f|--filter=', '--format=', '-q|--quiet'],
        },
      },
    },
    start: {
      flags: ['-a|--attach', '--checkpoint=', '--checkpoint-dir=', '--detach-keys=', '-i|--interactive'],
    },
    stats: {
      flags: ['-a|--all', '--format=', '--no-stream', '--no-trunc'],
    },
    stop: {
      flags: ['-s|--signal=', '-t|--timeout='],
    },
    swarm: {
      flags: [],
      commands: {
        ca: {
          flags: [
            '--ca-cert', '--ca-key', '--cert-expiry=', '-d|--detach', '--external-ca', '-q|--quiet',
            '--rotate',
          ],
        },
        init: {
          flags: [
            '--advertise-addr=', '--autolock', '--availability=', '--cert-expiry=', '--data-path-addr=',
            '--data-path-port=', '--default-addr-pool=', '--default-addr-pool-mask-length=',
            '--dispatcher-heartbeat=', '--external-ca', '--force-new-cluster', '--listen-addr',
            '--max-snapshots=', '--snapshot-interval=', '--task-history-limit=',
          ],
        },
        join: {
          flags: ['--advertise-addr=', '--availability=', '--data-path-addr=', '--listen-addr', '--token='],
        },
        'join-token': {
          flags: ['-q|--quiet', '--rotate'],
        },
        leave: {
          flags: ['-f|--force'],
        },
        unlock: {
          flags: [],
        },
        'unlock-key': {
          flags: ['-q|--quiet', '--rotate'],
        },
        update: {
          flags: [
            '--autolock', '--cert-expiry=', '--dispatcher-heartbeat=', '--external-ca', '--max-snapshots=',
            '--snapshot-interval=', '--task-history-limit=',
          ],
        },
      },
    },
    system: {
      flags: [],
      commands: {
        df: {
          flags: ['--format=', '-v|--verbose'],
        },
        events: {
          flags: ['-f|--filter=', '--format=', '--since=', '--until='],
        },
        info: {
          flags: ['-f|--format='],
        },
        prune: {
          flags: ['-a|--all', '--filter=', '-f|--force', '--volumes'],
        },
      },
    },
    tag: {
      flags: [],
    },
    top: {
      flags: [],
    },
    trust: {
      flags: [],
      commands: {
        inspect: {
          flags: ['--pretty'],
        },
        key: {
          flags: [],
          commands: {
            generate: {
              flags: ['--dir='],
            },
            load: {
              flags: ['--name='],
            },
          },
        },
        revoke: {
          flags: ['-y|--yes'],
        },
        sign: {
          flags: ['--local'],
        },
        signer: {
          flags: [],
          commands: {
            add: {
              flags: ['--key='],
            },
            remove: {
              flags: ['-f|--force'],
            },
          },
        },
      },
    },
    unpause: {
      flags: [],
    },
    update: {
      flags: [
        '--blkio-weight=', '--cpu-period=', '--cpu-quota=', '--cpu-rt-period=', '--cpu-rt-runtime=',
        '-c|--cpu-shares=', '--cpus=', '--cpuset-cpus=', '--cpuset-mems=', '-m|--memory=',
        '--memory-reservation=', '--memory-swap=', '--pids-limit=', '--restart=',
      ],
    },
    version: {
      flags: ['-f|--format='],
    },
    volume: {
      flags: [],
      commands: {
        create: {
          flags: [
            '--availability=', '-d|--driver=', '--group=', '--label=', '--limit-bytes=', '-o|--opt=',
            '--required-bytes=', '--scope=', '--secret=', '--sharing=', '--topology-preferred=',
            '--topology-required=', '--type=',
          ],
        },
        inspect: {
          flags: ['-f|--format='],
        },
        ls: {
          flags: ['--cluster', '-f|--filter=', '--format=', '-q|--quiet'],
          aliases: ['list'],
        },
        prune: {
          flags: ['-a|--all', '--filter=', '-f|--force'],
        },
        rm: {
          flags: ['-f|--force'],
          aliases: ['remove'],
        },
        update: {
          flags: ['--availability='],
        },
      },
    },
    wait: {
      flags: [],
    },
  },
};
