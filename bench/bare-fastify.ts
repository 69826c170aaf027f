// The yardstick for bench/http.ts: Fastify with nothing added (no logger, no hooks, no
// schemas), answering one small JSON object. Run as its own process, like the platform.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? '3999');
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port, host: '127.0.0.1' });

const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
