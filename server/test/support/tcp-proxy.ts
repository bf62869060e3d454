import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export type TcpProxy = {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
};

/** A TCP relay in front of PostgreSQL that a test can take down and bring back. */
export const startTcpProxy = async (targetPort: number, targetHost: string): Promise<TcpProxy> => {
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | undefined;
  const listen = async () => {
    const next = createServer((client) => {
      const upstream = tcpConnect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    const address = next.address();
    port = typeof address === 'object' && address !== null ? address.port : port;
    server = next;
  };
  const stop = async () => {
    const current = server;
    server = undefined;
    for (const socket of sockets) {
      socket.destroy();
    }
    if (current !== undefined) {
      await new Promise<void>((resolve) => current.close(() => resolve()));
    }
  };
  await listen();
  return { port, stop, start: listen, close: stop };
};
