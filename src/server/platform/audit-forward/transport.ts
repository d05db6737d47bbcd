import net from 'node:net';
import tls from 'node:tls';

// One TCP or TLS connection to the syslog receiver. The receiver never answers (RFC 5425/6587 have no
// acknowledgement), so "sent" means the operating system took the bytes; see docs/operations.md.

export interface SyslogEndpoint {
  // tcp://host:port or tls://host:port
  url: string;
  // PEM contents: the CA that signed the receiver's certificate (else the system's CAs), and an
  // optional client certificate and key for receivers that require one
  ca?: string;
  cert?: string;
  key?: string;
}

export interface SyslogAddress {
  secure: boolean;
  host: string;
  port: number;
}

export function parseSyslogUrl(url: string): SyslogAddress {
  const m = /^(tcp|tls):\/\/(\[[0-9a-fA-F:.]+\]|[^\s/:@[\]]+):(\d{1,5})\/?$/.exec(url);
  const port = Number(m?.[3]);
  if (!m || port < 1 || port > 65535)
    throw new Error('ska vara tcp://värd:port eller tls://värd:port (must be tcp://host:port or tls://host:port)');
  return { secure: m[1] === 'tls', host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

export function isSyslogUrl(url: string): boolean {
  try {
    parseSyslogUrl(url);
    return true;
  } catch {
    return false;
  }
}

export class SyslogConnection {
  private socket: net.Socket | undefined;
  private readonly address: SyslogAddress;

  constructor(
    private readonly endpoint: SyslogEndpoint,
    private readonly timeouts: { connectMs: number; writeMs: number; settleMs: number },
  ) {
    this.address = parseSyslogUrl(endpoint.url);
  }

  get connected(): boolean {
    return !!this.socket && !this.socket.destroyed && this.socket.writable;
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    this.close();
    const { secure, host, port } = this.address;
    const { ca, cert, key } = this.endpoint;
    // Certificate checks stay on: the receiver must present a certificate for `host` from a trusted CA.
    const socket = secure
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ca, cert, key, minVersion: 'TLSv1.2' })
      : net.connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => socket.destroy(new Error(`connect timeout after ${this.timeouts.connectMs} ms`)),
        this.timeouts.connectMs,
      );
      const failed = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      socket.once('error', failed);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', failed);
        resolve();
      });
    });
    if (secure && (socket as tls.TLSSocket).getProtocol() === 'TLSv1.3') await accepted(socket as tls.TLSSocket, this.timeouts.settleMs);
    // Errors after connecting show up as a failed write or a closed socket; the forwarder reconnects.
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    // A receiver may send nothing, but reading lets a closed connection be noticed at once.
    socket.resume();
    this.socket = socket;
  }

  // Resolves when the bytes were handed to the operating system; a stalled receiver fails it in time.
  write(bytes: Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.connected) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`write timeout after ${this.timeouts.writeMs} ms`));
      }, this.timeouts.writeMs);
      socket.write(bytes, (err) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }
}

// In TLS 1.3 the client is "connected" before the server has checked the client's certificate; a
// refusal comes a round trip later, after a first batch would already count as sent. The server's
// session ticket (or, from servers that issue none, a quiet moment) shows that it accepted us.
function accepted(socket: tls.TLSSocket, settleMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let over = false;
    const done = (err?: Error) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      socket.off('session', ok).off('error', done).off('close', closed);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve();
    };
    // Not from inside the 'session' callback: on Node 20 a write made there is acknowledged but lost.
    const ok = () => setImmediate(done);
    const closed = () => done(new Error('the receiver closed the connection after the TLS handshake'));
    const timer = setTimeout(ok, settleMs);
    socket.once('session', ok).once('error', done).once('close', closed);
  });
}
