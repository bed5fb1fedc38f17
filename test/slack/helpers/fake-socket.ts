/**
 * A minimal WebSocket server standing in for Slack's Socket Mode endpoint (no `ws` package is
 * installed): RFC 6455 handshake, text frames, ping/pong, close. Enough for @slack/socket-mode.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126) {
    head[0] = 0x80 | opcode;
    if (len < 65536) {
      head[1] = 126;
      head.writeUInt16BE(len, 2);
    } else {
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(len), 2);
    }
  }
  return Buffer.concat([head, payload]);
}

export class FakeSocket {
  /** JSON messages the client sent (envelope acks). */
  readonly received: Array<Record<string, unknown>> = [];
  connections = 0;
  closed = 0;
  private server: Server | undefined;
  private socket: Duplex | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req, socket) => {
      const key = String(req.headers['sec-websocket-key']);
      const accept = createHash('sha1')
        .update(key + GUID)
        .digest('base64');
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      this.socket = socket;
      this.connections++;
      let buf = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        for (;;) {
          const parsed = this.read(buf);
          if (!parsed) break;
          buf = buf.subarray(parsed.size);
          this.onFrame(parsed.opcode, parsed.payload);
        }
      });
      socket.on('error', () => undefined);
      this.send({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  send(message: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private read(buf: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
    if (buf.length < 2) return undefined;
    const opcode = buf[0]! & 0x0f;
    const masked = (buf[1]! & 0x80) !== 0;
    let len = buf[1]! & 0x7f;
    let offset = 2;
    if (len === 126) {
      if (buf.length < 4) return undefined;
      len = buf.readUInt16BE(2);
      offset = 4;
    } else if (len === 127) {
      if (buf.length < 10) return undefined;
      len = Number(buf.readBigUInt64BE(2));
      offset = 10;
    }
    const maskLen = masked ? 4 : 0;
    if (buf.length < offset + maskLen + len) return undefined;
    const mask = buf.subarray(offset, offset + maskLen);
    const payload = Buffer.from(buf.subarray(offset + maskLen, offset + maskLen + len));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    return { opcode, payload, size: offset + maskLen + len };
  }

  private onFrame(opcode: number, payload: Buffer): void {
    if (opcode === 0x1) this.received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
    else if (opcode === 0x9) this.socket?.write(frame(0xa, payload));
    else if (opcode === 0x8) {
      this.closed++;
      this.socket?.end(frame(0x8, payload.subarray(0, 2)));
    }
  }
}
