// A TLS-terminating reverse proxy, as operators put in front of the portal (nginx, a load
// balancer): HTTPS outside, plain HTTP to the portal, with the Host kept and X-Forwarded-Proto,
// X-Forwarded-For and X-Forwarded-Host set.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";

const tls = path.join(import.meta.dirname, "tls");

export function startTlsProxy(listenPort: number, upstreamPort: number): Promise<https.Server> {
  const server = https.createServer(
    { key: readFileSync(path.join(tls, "key.pem")), cert: readFileSync(path.join(tls, "cert.pem")) },
    (req, res) => {
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: upstreamPort,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            "x-forwarded-proto": "https",
            "x-forwarded-host": req.headers.host ?? "",
            "x-forwarded-for": req.socket.remoteAddress ?? "",
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => {
        res.statusCode = 502;
        res.end();
      });
      req.pipe(upstream);
    },
  );
  return new Promise((resolve) => server.listen(listenPort, "127.0.0.1", () => resolve(server)));
}
