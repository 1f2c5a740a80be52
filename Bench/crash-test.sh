#!/usr/bin/env bash
# The full crash test of issue 4: 20 trials (or $1) per appendfsync policy (always, everysec, no),
# the server SIGKILLed at a random moment and restarted on the same directory; every
# acknowledged write must be there. The test suite runs 3 trials of the same test.
set -euo pipefail
cd "$(dirname "$0")/.."
./build.sh >/dev/null
CRASH_TRIALS="${1:-20}" dotnet test Tests/Tests.csproj -c Release --nologo \
  --filter "FullyQualifiedName~DurabilityProcessTests.No_acknowledged_write_is_lost" \
  --logger "console;verbosity=normal"
