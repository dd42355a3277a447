// A tiny DNS server over UDP for the fetcher's tests: it answers A and AAAA questions from a table,
// so that a host name can resolve to whatever address a test needs (10.0.0.1, 169.254.169.254, …)
// through the real resolver code path. Names not in the table get NXDOMAIN.
import { createSocket, type Socket } from "node:dgram";
import { isIP } from "node:net";

const TYPE_A = 1;
const TYPE_AAAA = 28;

export interface TestDnsServer {
  /** For the fetcher's dnsServers option: "127.0.0.1:port". */
  address: string;
  /** Names (lower-case, no trailing dot) → addresses of either family. */
  records: Map<string, string[]>;
  questions: string[];
  close(): Promise<void>;
}

export async function startDnsServer(records: Record<string, string[]> = {}): Promise<TestDnsServer> {
  const table = new Map(Object.entries(records));
  const questions: string[] = [];
  const socket: Socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    const answer = respond(query, table, questions);
    if (answer) socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    records: table,
    questions,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

function respond(query: Buffer, table: Map<string, string[]>, questions: string[]): Buffer | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  // The question: length-prefixed labels, then type and class.
  const labels: string[] = [];
  let at = 12;
  while (at < query.length && query[at] !== 0) {
    const length = query[at]!;
    labels.push(query.subarray(at + 1, at + 1 + length).toString("ascii"));
    at += 1 + length;
  }
  const questionEnd = at + 5;
  if (questionEnd > query.length) return null;
  const type = query.readUInt16BE(at + 1);
  const name = labels.join(".").toLowerCase();
  questions.push(`${name} ${type === TYPE_A ? "A" : type === TYPE_AAAA ? "AAAA" : type}`);

  const known = table.get(name);
  const addresses = (known ?? []).filter((address) => isIP(address) === (type === TYPE_A ? 4 : 6));
  const answers = type === TYPE_A || type === TYPE_AAAA ? addresses.map((address) => answerRecord(type, address)) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR, the query's RD, RA; rcode 3 (NXDOMAIN) for an unknown name.
  header.writeUInt16BE(0x8080 | (query.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

function answerRecord(type: number, address: string): Buffer {
  const data = type === TYPE_A ? Buffer.from(address.split(".").map(Number)) : ipv6Bytes(address);
  const record = Buffer.alloc(12);
  record.writeUInt16BE(0xc00c, 0); // a pointer to the name in the question
  record.writeUInt16BE(type, 2);
  record.writeUInt16BE(1, 4); // class IN
  record.writeUInt32BE(0, 6); // TTL 0: nothing may be cached between tests
  record.writeUInt16BE(data.length, 10);
  return Buffer.concat([record, data]);
}

function ipv6Bytes(address: string): Buffer {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
  return bytes;
}
