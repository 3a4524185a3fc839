/**
 * The benchmark's load generator, run as processes of their own by reads.ts:
 * `node load-client.js <url> <connections> <seconds>` prints one JSON line: every answer's
 * latency (so p95 is exact: autocannon's summary has p90 and p97.5), requests and errors.
 */
import autocannon from 'autocannon';

export interface LoadRun {
  latencies: number[];
  requests: number;
  /** Socket errors, timeouts and answers other than 2xx. */
  errors: number;
}

async function main(): Promise<void> {
  const [url, connections, seconds] = process.argv.slice(2);
  if (!url) throw new Error('uso: load-client <url> <conexiones> <segundos>');
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: Number(connections),
        duration: Number(seconds),
        // As a browser asks over HTTPS (Azure serves the app over HTTPS only).
        headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  const out: LoadRun = {
    latencies,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
