#!/usr/bin/env bash
# EventLoopKv build script. The .NET 10 SDK is the only prerequisite.
#   ./build.sh                 restore, build Release, publish the server to artifacts/server/
#   ./build.sh test            build and run every test
#   ./build.sh run -- FLAGS    build and start the server with FLAGS (e.g. --port 6380)
#   ./build.sh bench [FILTER]  run the BenchmarkDotNet benchmarks (all, or those matching FILTER)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

publish() {
  dotnet publish Server/Server.csproj -c Release -o artifacts/server --nologo -v quiet
}

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
  "")
    publish
    echo "Published artifacts/server/eventloopkv-server"
    ;;
  test)
    publish
    dotnet test Tests/Tests.csproj -c Release --nologo "$@"
    ;;
  run)
    publish
    [ "${1:-}" = "--" ] && shift
    exec artifacts/server/eventloopkv-server "$@"
    ;;
  bench)
    filter="${1:-*}"
    dotnet run -c Release --project Bench/Bench.csproj -- --filter "$filter" --memory
    ;;
  *)
    echo "usage: ./build.sh [test | run -- FLAGS | bench [FILTER]]" >&2
    exit 1
    ;;
esac
