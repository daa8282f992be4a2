#!/usr/bin/env bash
# Makes sure OpenSSH's server and client are installed, for the test that runs ranks over a real sshd inside
# network namespaces (NetnsRealSshTest). Idempotent and quiet when they are there; installs with apt-get
# otherwise, WITHOUT starting the system's sshd (that one would listen on every interface): a policy-rc.d that
# refuses service starts is put in place for the install if the machine has none, and removed afterwards.
set -euo pipefail

[[ -x /usr/sbin/sshd && -x /usr/bin/ssh && -x /usr/bin/ssh-keygen ]] && exit 0

if [[ "$(id -u)" -ne 0 ]]; then
  echo "ensure-sshd: openssh-server is missing and installing it needs root: run 'sudo $0'" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
ours=0
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\n# put here by bitswarm build/ensure-sshd.sh for one install: start no service\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  ours=1
fi
trap '(( ours )) && rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq openssh-server openssh-client >/dev/null
