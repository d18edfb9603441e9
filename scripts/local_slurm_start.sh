#!/usr/bin/env bash
# Starts a real one-node Slurm cluster on localhost (munged, slurmctld, slurmd from Debian's slurm-wlm) for the
# Slurm executor's tests, which skip without SLURM_CONF. Everything lives in STATE_DIR: nothing is written to
# /etc/slurm or /run/munge, so a system Slurm is left alone (the TCP ports must differ, see below).
#
#   eval "$(bash scripts/local_slurm_start.sh [STATE_DIR])"     # prints export lines; also STATE_DIR/env.sh
#   bash scripts/local_slurm_stop.sh [--purge] [STATE_DIR]
#
# STATE_DIR: default $SLURM_LOCAL_DIR, else /tmp/slurm-local; keep it short (Unix socket paths < 108 bytes).
# Environment: SLURM_LOCAL_CPUS (default nproc; more than the real cores lets more tasks run at once),
# SLURM_LOCAL_CTLD_PORT / SLURM_LOCAL_SLURMD_PORT (6817 / 6818), SLURM_LOCAL_TIMEOUT (60 s per step),
# SLURM_LOCAL_MAX_ARRAY_SIZE (1001). Needs root (slurmd runs jobs as their users). Progress goes to stderr.
# Accounting (slurmdbd) is not started: plain `sacct` then says storage is disabled, which the executor handles.
set -euo pipefail
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
say() { echo "[local-slurm] $*" >&2; }
fail() { say "error: $*"; for f in "${LOGS[@]:-}"; do [ -s "$f" ] && { say "--- $f"; tail -n 20 "$f" >&2; }; done; exit 1; }

dir=$(realpath -m -- "${1:-${SLURM_LOCAL_DIR:-/tmp/slurm-local}}")
cpus=${SLURM_LOCAL_CPUS:-$(nproc)}
ctld_port=${SLURM_LOCAL_CTLD_PORT:-6817}
slurmd_port=${SLURM_LOCAL_SLURMD_PORT:-6818}
timeout=${SLURM_LOCAL_TIMEOUT:-60}
max_array=${SLURM_LOCAL_MAX_ARRAY_SIZE:-1001}
node=localnode   # fixed, so the machine's hostname does not matter
[ "$(id -u)" = 0 ] || fail "run as root"
[ "$dir" != / ] || fail "refusing / as the state folder"
[ ${#dir} -le 70 ] || fail "state folder path too long for Unix sockets: $dir"
for v in "$cpus" "$ctld_port" "$slurmd_port" "$timeout" "$max_array"; do
    [[ $v =~ ^[1-9][0-9]*$ ]] || fail "not a positive number: $v"
done

# Debian's postinst scripts start the services they install, which fails without /etc/slurm: a policy-rc.d that
# forbids service starts keeps the install from failing (added only if the image has none, removed after).
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
   || ! command -v sbatch >/dev/null; then
    say "installing slurmctld slurmd slurm-client munge"
    added_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d; added_policy=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends slurmctld slurmd slurm-client munge \
        >"/tmp/local-slurm-apt.log" 2>&1 || { apt-get update -q -o DPkg::Lock::Timeout=300 >>"/tmp/local-slurm-apt.log" 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends slurmctld slurmd slurm-client \
        munge >>"/tmp/local-slurm-apt.log" 2>&1; } || { [ $added_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
        LOGS=(/tmp/local-slurm-apt.log); fail "apt-get could not install Slurm"; }
    [ $added_policy = 0 ] || rm -f /usr/sbin/policy-rc.d
fi

mkdir -p "$dir"/{etc,run,log,state,spool,munge/key,munge/sock}
touch "$dir/.local-slurm"   # the stop script purges only folders carrying this mark
chmod 755 "$dir" "$dir"/{etc,run,log,munge,munge/sock}   # clients of any user read the config and the socket
chmod 700 "$dir/munge/key" "$dir/state"
sock=$dir/munge/sock/munge.socket
conf=$dir/etc/slurm.conf
LOGS=("$dir/log/slurmctld.log" "$dir/log/slurmd.log" "$dir/log/munged.log")

# alive NAME: the PID recorded for NAME, if that process is still our daemon (a recycled PID is not).
alive() {
    local pid; pid=$(cat "$dir/run/$1.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/" || return 1
    echo "$pid"
}
running=0
for d in munged slurmctld slurmd; do alive $d >/dev/null && running=1; done

if [ $running = 0 ]; then
    mem=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
    cat >"$conf" <<CONF
# Written by scripts/local_slurm_start.sh: a one-node test cluster; rewritten on every start.
ClusterName=local
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.own.pid
SlurmdPidFile=$dir/run/slurmd.own.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# No cgroups: containers without cgroup delegation run jobs too.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
# The node advertises the CPUs written here, not the hardware's.
SlurmdParameters=config_overrides
PropagateResourceLimits=NONE
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# Slurm's default batch_sched_delay=3 starts array tasks in waves 3 s apart.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.log
# Finished jobs stay visible to squeue -t all and scontrol for an hour.
MinJobAge=3600
MaxArraySize=$max_array
# Cancel and time-limit tests: 5 s from SIGTERM to SIGKILL (default 30).
KillWait=5
OverTimeLimit=0
ReturnToService=2
MailProg=/bin/true
NodeName=$node NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
    chmod 644 "$conf"
fi
export SLURM_CONF=$conf
[ -s "$dir/munge/key/munge.key" ] || { head -c 1024 /dev/urandom >"$dir/munge/key/munge.key"; chmod 400 "$dir/munge/key/munge.key"; }

# start NAME COMMAND…: a foreground daemon in its own session; setsid execs in place, so $! is the daemon.
start() {
    local name=$1; shift
    if alive "$name" >/dev/null; then say "$name already running"; return; fi
    setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
    echo $! >"$dir/run/$name.pid"
    say "started $name (pid $!)"
}
# wait_for WHAT COMMAND…: poll every 0.2 s until COMMAND succeeds or the timeout passes.
wait_for() {
    local what=$1 i; shift
    for ((i = 0; i < timeout * 5; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    fail "$what did not happen within $timeout s"
}

start munged "$(command -v munged)" --foreground --key-file="$dir/munge/key/munge.key" \
    --seed-file="$dir/munge/key/seed" --socket="$sock" --pid-file="$dir/munge/sock/munged.pid" \
    --log-file="$dir/log/munged.log"
wait_for "a munge credential round trip" bash -c "munge -S '$sock' -n | unmunge -S '$sock'"
start slurmctld "$(command -v slurmctld)" -D -f "$conf"
wait_for "slurmctld answering ping" bash -c "scontrol ping | grep -q 'is UP'"
since=$(date +%s)
fresh_slurmd=1; alive slurmd >/dev/null && fresh_slurmd=0
start slurmd "$(command -v slurmd)" -D -f "$conf" -N "$node"
# slurmctld restores the node as idle from its saved state before slurmd registers: idle alone proves nothing,
# so a fresh slurmd must also have registered after it was started.
node_ready() {
    local info state start
    info=$(scontrol -o show node "$node") || return 1
    state=$(sed -n 's/.* State=\([^ ]*\).*/\1/p' <<<"$info")
    case $state in *DRAIN*|DOWN*) scontrol update NodeName="$node" State=RESUME; return 1 ;; esac
    [[ $state == IDLE* || $state == MIXED* || $state == ALLOCATED* ]] || return 1
    [ $fresh_slurmd = 0 ] && return 0
    start=$(sed -n 's/.* SlurmdStartTime=\([^ ]*\).*/\1/p' <<<"$info")
    [ -n "$start" ] && [ "$start" != None ] && [ "$(date -d "$start" +%s)" -ge $((since - 1)) ]
}
export -f node_ready; export node fresh_slurmd since
wait_for "node $node idle and registered" bash -c node_ready

# One real job end to end before anyone relies on the cluster.
out=$dir/log/smoke.out; rm -f "$out"
job=$(cd "$dir/log" && sbatch --parsable -J local-slurm-smoke -o "$out" --wrap 'echo smoke-ok') || fail "sbatch failed"
wait_for "the smoke job $job" grep -q smoke-ok "$out"

env_lines="export SLURM_CONF=$conf
export SLURM_LOCAL_DIR=$dir
export SLURM_LOCAL_JOBCOMP_FILE=$dir/log/jobcomp.log
export SLURM_LOCAL_ACCOUNTING=0"
echo "$env_lines" >"$dir/env.sh"
say "ready: node $node, $cpus CPUs, ports $ctld_port/$slurmd_port; source $dir/env.sh"
echo "$env_lines"
