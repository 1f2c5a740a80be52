# EventLoopKv build script for PowerShell (Windows, macOS, Linux); same verbs as build.sh.
#   ./build.ps1                 restore, build Release, publish the server to artifacts/server/
#   ./build.ps1 test            build and run every test
#   ./build.ps1 run -- FLAGS    build and start the server with FLAGS
#   ./build.ps1 bench [FILTER]  run the BenchmarkDotNet benchmarks
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Publish {
    dotnet publish Server/Server.csproj -c Release -o artifacts/server --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

$verb = if ($args.Count -gt 0) { $args[0] } else { '' }
$rest = if ($args.Count -gt 1) { $args[1..($args.Count - 1)] } else { @() }
switch ($verb) {
    '' { Publish; Write-Host 'Published artifacts/server/eventloopkv-server' }
    'test' { Publish; dotnet test Tests/Tests.csproj -c Release --nologo @rest; exit $LASTEXITCODE }
    'run' {
        Publish
        if ($rest.Count -gt 0 -and $rest[0] -eq '--') { $rest = if ($rest.Count -gt 1) { $rest[1..($rest.Count - 1)] } else { @() } }
        $exe = if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'artifacts/server/eventloopkv-server.exe' } else { 'artifacts/server/eventloopkv-server' }
        & $exe @rest
        exit $LASTEXITCODE
    }
    'bench' {
        $filter = if ($rest.Count -gt 0) { $rest[0] } else { '*' }
        dotnet run -c Release --project Bench/Bench.csproj -- --filter $filter --memory
        exit $LASTEXITCODE
    }
    default { Write-Error 'usage: ./build.ps1 [test | run -- FLAGS | bench [FILTER]]'; exit 1 }
}
