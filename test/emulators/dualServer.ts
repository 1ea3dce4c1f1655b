import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';

/**
 * One TCP port that speaks HTTP/1.1 and cleartext HTTP/2 with prior knowledge, like the real
 * endpoints do over TLS/ALPN: the Bedrock SDK speaks h2c to http:// endpoints, fetch-based
 * clients speak HTTP/1.1. We peek at the first bytes (`PRI * HTTP/2.0`) and hand the socket
 * to the matching server; both call the same handler (http2's compat API has the same shape).
 */
export type Handler = (req: http.IncomingMessage | http2.Http2ServerRequest, res: DualResponse) => void;

/**
 * Either server's response. @types/node 22 types the two writeHead()s so that TypeScript cannot
 * call them through the union; both accept (status, headers), which is all the emulators use.
 */
export type DualResponse = (http.ServerResponse | http2.Http2ServerResponse) & {
  writeHead(statusCode: number, headers?: http.OutgoingHttpHeaders): unknown;
};

export interface DualServer {
  port: number;
  url: string;
  /** Sockets currently open (to assert that a cancelled request closed its connection). */
  openSockets(): number;
  /** Destroy every open connection (simulate the service dropping everything). */
  dropAllConnections(): void;
  close(): Promise<void>;
}

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0');

export async function startDualServer(handler: Handler, port = 0, host = '127.0.0.1'): Promise<DualServer> {
  const h1 = http.createServer(handler as http.RequestListener);
  h1.keepAliveTimeout = 5_000;
  const h2 = http2.createServer({}, handler as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void);
  const sockets = new Set<net.Socket>();

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('readable', () => {
      const head: Buffer | null = socket.read(H2_PREFACE.length) ?? socket.read();
      if (!head) {
        socket.destroy();
        return;
      }
      socket.unshift(head);
      if (head.length >= H2_PREFACE.length && head.subarray(0, H2_PREFACE.length).equals(H2_PREFACE)) {
        h2.emit('connection', socket);
      } else {
        h1.emit('connection', socket);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => resolve());
  });
  const actualPort = (tcp.address() as net.AddressInfo).port;

  return {
    port: actualPort,
    url: `http://${host}:${actualPort}`,
    openSockets: () => [...sockets].filter((s) => !s.destroyed).length,
    dropAllConnections: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        h1.close();
        h2.close();
        tcp.close(() => resolve());
      }),
  };
}

/** Read the whole request body. */
export function readBody(req: http.IncomingMessage | http2.Http2ServerRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
