#!/usr/bin/env bash
# Checks that the services' jars are reproducible: builds command-service and query-service (with
# the modules they need) twice from the same tree, and requires byte-identical jars, each carrying
# its CycloneDX SBOM (META-INF/sbom/application.cdx.json) with a metadata.timestamp.
# The second build runs later, so that the wall-clock time of the build cannot leak into the jars.
# Both builds run under umask 022, as a release build should: the jars record file modes. Maven runs
# in time zone UTC (.mvn/jvm.config), since Spring Boot's repackage (3.5) stamps the BOOT-INF/classes
# entries with the local reading of their DOS times (an NTFS extra field).
# Run from anywhere (CI: .ci/run); extra arguments go to Maven. Not offline (-o): the CycloneDX
# plugin needs online mode and skips the SBOM offline, which this check then reports as missing.
# Note: it runs `clean` on these modules, so their target/ directories are rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
umask 022

services=(command-service query-service)
sbom_entry=META-INF/sbom/application.cdx.json

work="$(mktemp -d "${TMPDIR:-/tmp}/check-reproducible.XXXXXX")"
trap 'rm -rf "$work"' EXIT

build() {
  ./mvnw -B -ntp -q -DskipTests -pl "$(IFS=,; echo "${services[*]}")" -am "$@" clean package
}

# The executable jar Spring Boot's repackage left in the module's target/ (not *.jar.original).
service_jar() {
  local jars=("$1"/target/"$1"-*.jar)
  if [ "${#jars[@]}" -ne 1 ] || [ ! -f "${jars[0]}" ]; then
    echo "check-reproducible: expected exactly one jar $1/target/$1-*.jar, found: ${jars[*]}" >&2
    exit 1
  fi
  echo "${jars[0]}"
}

# Prints the SBOM of a jar on stdout; nothing if the jar has none.
sbom_of() {
  if command -v unzip >/dev/null; then
    unzip -p "$1" "$sbom_entry" 2>/dev/null || true
  else
    local dir="$work/sbom.$RANDOM"
    mkdir -p "$dir"
    (cd "$dir" && "$JAVA_HOME/bin/jar" xf "$OLDPWD/$1" "$sbom_entry" 2>/dev/null) || true
    cat "$dir/$sbom_entry" 2>/dev/null || true
  fi
}

# Prints metadata.timestamp of the SBOM read on stdin; nothing if it has none.
sbom_timestamp() {
  if command -v jq >/dev/null; then
    jq -r '.metadata.timestamp // empty'
  elif command -v python3 >/dev/null; then
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("metadata", {}).get("timestamp", ""))'
  else
    # The plugin's pretty-printed JSON has one "timestamp" only, the metadata's.
    sed -n 's/^ *"timestamp" *: *"\([^"]*\)".*/\1/p' | head -n 1
  fi
}

echo "check-reproducible: first build"
build "$@"
mkdir -p "$work/first"
for service in "${services[@]}"; do
  cp "$(service_jar "$service")" "$work/first/$service.jar"
done

sleep 2 # at least a different second on the clock, should the builds be quick
echo "check-reproducible: second build"
build "$@"

failed=0
for service in "${services[@]}"; do
  first="$work/first/$service.jar"
  second="$(service_jar "$service")"
  echo "$(sha256sum "$first" | cut -d' ' -f1)  $service (first build)"
  echo "$(sha256sum "$second" | cut -d' ' -f1)  $service (second build)"
  if ! cmp -s "$first" "$second"; then
    echo "check-reproducible: FAIL: $second differs between the two builds of the same tree." >&2
    if command -v unzip >/dev/null; then
      entries="$(diff <(unzip -v "$first" | awk 'NF >= 8 {print $8, $1, $5, $6, $7}' | sort) \
                      <(unzip -v "$second" | awk 'NF >= 8 {print $8, $1, $5, $6, $7}' | sort) \
                 | grep '^[<>]' || true)"
      if [ -n "$entries" ]; then
        echo "  Entries whose content, size or time differ (name, size, date, time, CRC; first < > second):" >&2
        echo "$entries" | head -n 40 | sed 's/^/    /' >&2
      else
        echo "  No entry differs in content, size or time: the difference is in the zip's metadata" >&2
        echo "  (file modes, extra fields, order); compare 'zipinfo -v' of the two jars." >&2
      fi
    fi
    failed=1
  fi
  sbom="$(sbom_of "$second")"
  if [ -z "$sbom" ]; then
    echo "check-reproducible: FAIL: $second carries no SBOM ($sbom_entry)." >&2
    failed=1
  elif ! timestamp="$(printf '%s' "$sbom" | sbom_timestamp)" || [ -z "$timestamp" ]; then
    echo "check-reproducible: FAIL: the SBOM in $second has no metadata.timestamp." >&2
    failed=1
  else
    echo "  $sbom_entry present, metadata.timestamp $timestamp"
  fi
done

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "check-reproducible: OK: both builds gave byte-identical service jars, each with its SBOM."
