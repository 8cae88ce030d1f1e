# Sourced by ./fleetmine and .ci/run: sets JAVA_HOME to a JDK >= 21.
# JAVA_HOME wins if it is new enough; else the newest JDK >= 21 under the usual install roots.
_fm_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
_fm_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && v=$(_fm_java_major "$1") && [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null
}
if [ -z "${JAVA_HOME:-}" ] || ! _fm_ok "$JAVA_HOME"; then
  _fm_best=""; _fm_best_v=0
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] || continue
    if _fm_ok "$d"; then
      v=$(_fm_java_major "$d"); v=${v%%.*}
      if [ "$v" -gt "$_fm_best_v" ]; then _fm_best="$d"; _fm_best_v="$v"; fi
    fi
  done
  if [ -z "$_fm_best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    _fm_ok "$d" && _fm_best="$d"
  fi
  if [ -z "$_fm_best" ]; then
    echo "fleetmine: no JDK >= 21 found; install one (for example Temurin 25) or set JAVA_HOME" >&2
    return 1 2>/dev/null || exit 1
  fi
  JAVA_HOME="$_fm_best"
fi
