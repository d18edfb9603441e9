#!/usr/bin/env bash
# Stops the cluster scripts/local_slurm_start.sh started in STATE_DIR (default $SLURM_LOCAL_DIR, else
# /tmp/slurm-local): cancels its jobs, then stops slurmd, slurmctld and munged by the PIDs the start script
# recorded, each only if that PID is still our daemon. `--purge` then deletes STATE_DIR (only if it carries the
# start script's mark). Nothing running is exit 0, so it is safe in a cleanup trap; exit 1 if a daemon survived.
set -uo pipefail
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
say() { echo "[local-slurm] $*" >&2; }
purge=0; dir=
for a in "$@"; do
    case $a in --purge) purge=1 ;; -*) say "unknown option $a"; exit 2 ;; *) dir=$a ;; esac
done
dir=${dir:-${SLURM_LOCAL_DIR:-/tmp/slurm-local}}
[ -d "$dir" ] || { say "nothing to stop: $dir does not exist"; exit 0; }
dir=$(cd "$dir" && pwd -P)
export SLURM_CONF=$dir/etc/slurm.conf

alive() {
    local pid; pid=$(cat "$dir/run/$1.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/" || return 1
    echo "$pid"
}

# Jobs first, so no job process outlives its slurmd.
if alive slurmctld >/dev/null && alive slurmd >/dev/null; then
    jobs=$(timeout 20 squeue -h -o %F 2>/dev/null | sort -u)
    if [ -n "$jobs" ]; then
        say "cancelling jobs: $(echo $jobs)"
        timeout 20 scancel $jobs 2>/dev/null
        for _ in $(seq 150); do [ -z "$(timeout 10 squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
    fi
fi

rc=0
for name in slurmd slurmctld munged; do
    pid=$(alive $name) || { rm -f "$dir/run/$name.pid"; continue; }
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "$name ignored SIGTERM for 30 s: SIGKILL"; kill -KILL "$pid"; sleep 0.5; fi
    if kill -0 "$pid" 2>/dev/null; then say "$name (pid $pid) is still alive"; rc=1
    else say "stopped $name (pid $pid)"; rm -f "$dir/run/$name.pid"; fi
done

if [ $purge = 1 ] && [ $rc = 0 ]; then
    if [ -e "$dir/.local-slurm" ] && [ "$dir" != / ]; then rm -rf -- "$dir"; say "purged $dir"
    else say "not purging $dir: not a folder local_slurm_start.sh made"; fi
fi
exit $rc
