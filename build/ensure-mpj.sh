#!/usr/bin/env bash
# Makes sure MPJ Express 0.44 (Debian's libmpj-java) and the four jars its manifests expect beside it
# are installed. Idempotent and quiet when everything is already there; installs with apt-get otherwise.
set -euo pipefail

required_jars=(
  /usr/share/java/mpj.jar
  /usr/share/java/log4j-1.2.jar
  /usr/share/java/commons-cli.jar
  /usr/share/java/commons-codec.jar
  /usr/share/java/commons-io.jar
)

missing=0
for jar in "${required_jars[@]}"; do
  [[ -e "$jar" ]] || missing=1
done
# The MPJ_HOME lib directory and conf come from the same package; check them too.
[[ -d /usr/share/mpj/lib && -f /etc/mpj/mpjexpress.conf ]] || missing=1
(( missing == 0 )) && exit 0

if [[ "$(id -u)" -ne 0 ]]; then
  echo "ensure-mpj: MPJ Express jars are missing and installing them needs root: run 'sudo $0' (or apt-get install libmpj-java liblog4j1.2-java libcommons-cli-java libcommons-codec-java libcommons-io-java)" >&2
  exit 1
fi

echo "bitswarm: MPJ Express is missing: installing it with apt-get (libmpj-java and the four jars its manifests expect)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq libmpj-java liblog4j1.2-java libcommons-cli-java libcommons-codec-java \
  libcommons-io-java >/dev/null
echo "bitswarm: MPJ Express installed" >&2

for jar in "${required_jars[@]}"; do
  if [[ ! -e "$jar" ]]; then
    echo "ensure-mpj: $jar is still missing after apt-get install" >&2
    exit 1
  fi
done
