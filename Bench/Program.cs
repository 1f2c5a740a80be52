using BenchmarkDotNet.Running;

// ./build.sh bench [FILTER]: every benchmark here runs with the MemoryDiagnoser, which reports
// bytes allocated per operation; the GET/SET/INCR paths must show 0 B.
BenchmarkSwitcher.FromAssembly(typeof(EventLoopKv.Bench.SessionBenchmarks).Assembly).Run(args);
