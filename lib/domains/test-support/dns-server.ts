// A real local DNS server (dns2, over UDP) for the domain tests and the e2e portal: it answers TXT
// and A questions from tables the test fills in. Unknown names get NXDOMAIN.
import dns2 from "dns2";

export interface TestDomainDns {
  /** For DNS_SERVERS / the resolver: "127.0.0.1:port". */
  address: string;
  port: number;
  /** Full name (lower-case, no trailing dot) → TXT values. */
  txt: Map<string, string[]>;
  /** Full name → IPv4 addresses. */
  a: Map<string, string[]>;
  close(): Promise<void>;
}

const { Packet } = dns2;

export async function startDomainDns(port = 0): Promise<TestDomainDns> {
  const txt = new Map<string, string[]>();
  const a = new Map<string, string[]>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      // The typings want Resource objects; dns2 encodes plain records (name, type, class, ttl, data).
      const answers = response.answers as unknown as object[];
      const [question] = request.questions as { name: string; type: number }[];
      if (!question) {
        void send(response);
        return;
      }
      const name = question.name.toLowerCase().replace(/\.$/, "");
      const known = txt.has(name) || a.has(name);
      if (question.type === Packet.TYPE.TXT) {
        for (const data of txt.get(name) ?? []) {
          answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 0, data });
        }
      } else if (question.type === Packet.TYPE.A) {
        for (const address of a.get(name) ?? []) {
          answers.push({ name: question.name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 0, address });
        }
      }
      if (!known) (response as unknown as { header: { rcode: number } }).header.rcode = 3;
      void send(response);
    },
  });
  await server.listen({ udp: { port, address: "127.0.0.1" } });
  const bound = server.addresses().udp!.port;
  return { address: `127.0.0.1:${bound}`, port: bound, txt, a, close: () => server.close() };
}
