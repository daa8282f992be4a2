#!/usr/bin/env bash
# Usage: mpj-home.sh DIR
# Assembles a working MPJ_HOME in DIR from Debian's libmpj-java. Idempotent; prints nothing on success.
#
# Why: Debian's /usr/share/mpj/lib holds the MPJ jars only, but their manifests' Class-Path entries name
# log4j-1.2.jar, commons-cli.jar, commons-codec.jar and commons-io.jar as siblings, so /usr/bin/mpjrun dies
# with NoClassDefFoundError: org/apache/log4j/Layout. Copying the jars (cp -L: real files, not symlinks
# into /usr/share/mpj/lib) and the four helpers into one lib/ makes those relative Class-Paths resolve.
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir="$1"
src_lib=/usr/share/mpj/lib
src_conf=/etc/mpj
helpers=(log4j-1.2.jar commons-cli.jar commons-codec.jar commons-io.jar)

if [[ ! -d "$src_lib" || ! -f "$src_conf/mpjexpress.conf" ]]; then
  echo "mpj-home: MPJ Express is not installed (run build/ensure-mpj.sh)" >&2
  exit 1
fi

mkdir -p "$dir/lib"

# Copy a file unless an identical copy is already there: keeps reruns cheap and idempotent.
copy_if_changed() {
  local from="$1" to="$2"
  if [[ ! -f "$to" ]] || ! cmp -s "$from" "$to"; then
    cp -L "$from" "$to.tmp.$$"
    mv -f "$to.tmp.$$" "$to"
  fi
}

for jar in "$src_lib"/*.jar; do
  copy_if_changed "$jar" "$dir/lib/$(basename "$jar")"
done
for jar in "${helpers[@]}"; do
  if [[ ! -e "/usr/share/java/$jar" ]]; then
    echo "mpj-home: /usr/share/java/$jar is missing (run build/ensure-mpj.sh)" >&2
    exit 1
  fi
  copy_if_changed "/usr/share/java/$jar" "$dir/lib/$jar"
done

# conf: a link to the system configuration unless someone put a private copy there on purpose.
if [[ ! -e "$dir/conf" && ! -L "$dir/conf" ]]; then
  ln -s "$src_conf" "$dir/conf"
fi
