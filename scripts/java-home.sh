#!/usr/bin/env bash
# Sourced by run-local.sh and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a suitable JAVA_HOME; otherwise picks the newest JDK under /usr/lib/jvm (the project
# machines default to JDK 17 and carry a Temurin 25 beside it).

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" || echo 0)" -lt 21 ] 2>/dev/null; then
  unset JAVA_HOME
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidate="${candidate%/}"
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ]; then
  echo "No JDK 21 or newer found: install one and set JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
