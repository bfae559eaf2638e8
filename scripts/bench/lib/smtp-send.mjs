// An SMTP sender in its own process, as customers' mail servers would be: `count` messages to `to` over
// `concurrency` pooled connections, from `senders` distinct addresses; prints one JSON line.
//   node smtp-send.mjs '{"port":2525,"to":"support@bench.test","count":5000,"concurrency":8,"senders":1000}'
import nodemailer from 'nodemailer';

const config = JSON.parse(process.argv[2]);
const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: config.port,
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: config.concurrency,
  maxMessages: Infinity,
});
const subjects = ['Számla kérdés', 'Sipariş gecikti', 'Buyurtma holati', 'Frage zur Lieferung', 'Order status'];
let next = 0;
let sent = 0;
let failed = 0;
const latencies = [];

async function worker() {
  while (next < config.count) {
    const i = next++;
    const started = performance.now();
    try {
      await transport.sendMail({
        from: { name: `Bench Customer ${i % config.senders}`, address: `customer-${i % config.senders}@senders.bench.test` },
        to: config.to,
        subject: `${subjects[i % subjects.length]} ${i}`,
        text: `Message ${i}: Jó napot! Merhaba! Salom! Guten Tag!\n\n${'Lorem ipsum dolor sit amet. '.repeat(20)}`,
        messageId: `<bench-${config.run}-${i}@senders.bench.test>`,
      });
      sent++;
    } catch {
      failed++;
    }
    latencies.push(performance.now() - started);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: config.concurrency }, worker));
const seconds = (performance.now() - started) / 1000;
transport.close();
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(JSON.stringify({ sent, failed, seconds, perSecond: sent / seconds, p50: at(0.5), p99: at(0.99) }));
