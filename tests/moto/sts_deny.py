"""A pass-through proxy in front of moto that answers sts:AssumeRole for one role with
AccessDenied, as AWS does when the role's trust policy does not trust the caller. moto
assumes any role, so this is the one behaviour of the multi-account tests it cannot emulate.

Usage: python sts_deny.py PORT MOTO_ENDPOINT DENIED_ROLE_ARN
"""
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, upstream, denied = int(sys.argv[1]), sys.argv[2].rstrip("/"), sys.argv[3]

DENIED = """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code>
  <Message>User: arn:aws:iam::123456789012:user/moat is not authorized to perform: sts:AssumeRole on resource: {arn}</Message>
  </Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId>
</ErrorResponse>"""


class Proxy(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if form.get("Action") == ["AssumeRole"] and form.get("RoleArn") == [denied]:
            text = DENIED.format(arn=denied).encode()
            self.send_response(403)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)
            return
        self.forward(body)

    def do_GET(self):
        self.forward(None)

    def forward(self, body):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        request = urllib.request.Request(upstream + self.path, data=body, headers=headers, method=self.command)
        try:
            with urllib.request.urlopen(request) as r:
                status, data, rh = r.status, r.read(), r.headers
        except urllib.error.HTTPError as e:
            status, data, rh = e.code, e.read(), e.headers
        self.send_response(status)
        for k, v in rh.items():
            if k.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Proxy).serve_forever()
