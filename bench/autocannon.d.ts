// The part of autocannon's API the benchmarks use (the package ships no types).
declare module "autocannon" {
  type Result = { requests: { average: number }; throughput: { average: number }; errors: number; timeouts: number; non2xx: number };
  type Instance = PromiseLike<Result> & { on(event: "response", listener: (client: unknown, status: number, bytes: number, time: number) => void): void };
  export default function autocannon(options: { url: string; connections: number; duration: number; headers?: Record<string, string> }): Instance;
}
