import { createSocket, type Socket } from 'node:dgram';

/**
 * A DNS server in the test process, answering TXT queries over UDP on loopback from a table the test
 * edits (RFC 1035 wire format, just enough for TXT): a name with records answers them, a name
 * without answers NXDOMAIN. The API reaches it through DNS_SERVERS.
 */
export class TestDns {
  readonly txt = new Map<string, string[]>();
  queries = 0;
  private socket!: Socket;
  port = 0;

  async start(): Promise<this> {
    this.socket = createSocket('udp4');
    this.socket.on('message', (msg, rinfo) => {
      const reply = this.answer(msg);
      if (reply) this.socket.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => this.socket.bind(0, '127.0.0.1', () => r()));
    this.port = this.socket.address().port;
    return this;
  }

  get server(): string {
    return `127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.socket.close(() => r()));
  }

  private answer(msg: Buffer): Buffer | null {
    if (msg.length < 12) return null;
    this.queries++;
    // The question: length-prefixed labels up to a zero byte, then type and class.
    let i = 12;
    const labels: string[] = [];
    while (i < msg.length && msg[i] !== 0) {
      labels.push(msg.subarray(i + 1, i + 1 + msg[i]).toString('ascii'));
      i += msg[i] + 1;
    }
    const questionEnd = i + 5;
    const qtype = msg.readUInt16BE(i + 1);
    const name = labels.join('.').toLowerCase();
    const records = this.txt.get(name);
    const answers = qtype === 16 && records ? records : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(records ? 0x8180 : 0x8183, 2); // response, recursion available; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const rrs = answers.map((value) => {
      const text = Buffer.from(value, 'utf8');
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      rr.writeUInt16BE(16, 2); // TXT
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(0, 6); // TTL 0: every look-up comes back here
      rr.writeUInt16BE(text.length + 1, 10);
      return Buffer.concat([rr, Buffer.from([text.length]), text]);
    });
    return Buffer.concat([header, msg.subarray(12, questionEnd), ...rrs]);
  }
}
