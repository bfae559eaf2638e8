// A load generator in its own process: N concurrent clients send requests
// back to back for a while; prints one JSON line with throughput and latency.
//   node load.mjs '{"url":…,"token":…,"mode":"search|list|create|paths","concurrency":8,"seconds":10,"queries":[…]}'
// mode "paths": GET each of `queries` (paths such as "/api/v1/conversations?limit=50") in turn.
const config = JSON.parse(process.argv[2]);
const headers = { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' };
const latencies = [];
let errors = 0;
let created = 0;
const end = performance.now() + config.seconds * 1000;
let n = 0;

function nextRequest(client) {
  const i = n++;
  if (config.mode === 'search') {
    const q = config.queries[i % config.queries.length];
    return [`${config.url}/api/v1/customers?limit=20&q=${encodeURIComponent(q)}`, { headers }];
  }
  if (config.mode === 'paths') return [`${config.url}${config.queries[i % config.queries.length]}`, { headers }];
  if (config.mode === 'list') {
    const filter = config.queries[i % config.queries.length];
    return [`${config.url}/api/v1/customers?limit=50&${filter}`, { headers }];
  }
  const id = `${process.pid}-${client}-${i}`;
  const body = JSON.stringify({
    givenName: 'Bench',
    familyName: `Customer ${id}`,
    language: 'hu',
    country: 'HU',
    identities: [{ kind: 'email', value: `bench-${id}@example.test` }],
  });
  return [`${config.url}/api/v1/customers`, { method: 'POST', headers, body }];
}

async function client(index) {
  while (performance.now() < end) {
    const [url, init] = nextRequest(index);
    const started = performance.now();
    try {
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (!response.ok) errors++;
      else if (config.mode === 'create') created++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - started);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: config.concurrency }, (_, i) => client(i)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(
  JSON.stringify({
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    created,
    errors,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
  }),
);
