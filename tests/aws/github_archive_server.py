"""A loopback HTTPS stand-in for GitHub's archive API, for the GitHub bundle location tests.

GitHub itself cannot be reached from the test machines, so this answers the two endpoints cdrun uses
the way api.github.com does (docs.github.com, "Download a repository archive (tar)" / "(zip)"):
GET /repos/<owner>/<repo>/tarball/<ref> and /zipball/<ref> answer 302 with a Location on another host
(as api.github.com sends to codeload.github.com), and the codeload path answers 200 with the archive.
Requests without a User-Agent get 403, as GitHub's do.

Usage: github_archive_server.py CERT KEY CONFIG LOG. CONFIG is JSON:
  {"codeload_host": "localhost",
   "repos": {"<owner>/<repo>": {"refs": ["HEAD", "<sha>", ...], "tarball": FILE, "zipball": FILE,
                                "token": "<t>" (private: 404 without "Authorization: token <t>"),
                                "fail_first": N (the first N archive requests answer 500),
                                "rate_limited": true (403 with x-ratelimit-remaining: 0)}}}
Every request is appended to LOG as one JSON line: path, host, user_agent, authorization (true/false).
Prints the port it listens on (port 0 is bound, so there is no race for a free one).
"""
import http.server
import json
import ssl
import sys
import threading

CERT, KEY, CONFIG, LOG = sys.argv[1:5]
with open(CONFIG) as f:
    config = json.load(f)
archive_requests = {}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def message(self, status, text, headers=()):
        body = json.dumps({"message": text, "documentation_url": "https://docs.github.com/rest"}).encode()
        self.send(status, body, [("Content-Type", "application/json")] + list(headers))

    def do_GET(self):
        authorization = self.headers.get("Authorization")
        with lock, open(LOG, "a") as log:
            log.write(json.dumps({"path": self.path, "host": self.headers.get("Host", ""),
                                  "user_agent": self.headers.get("User-Agent", ""),
                                  "authorization": authorization is not None}) + "\n")
        if not self.headers.get("User-Agent"):
            return self.message(403, "Request forbidden by administrative rules. "
                                     "Please make sure your request has a User-Agent header")
        parts = self.path.split("?")[0].strip("/").split("/")
        if len(parts) >= 5 and parts[0] == "codeload":
            return self.codeload(parts[1] + "/" + parts[2], parts[3])
        if len(parts) >= 5 and parts[0] == "repos" and parts[3] in ("tarball", "zipball"):
            return self.archive(parts[1] + "/" + parts[2], parts[3], "/".join(parts[4:]), authorization)
        return self.message(404, "Not Found")

    def archive(self, name, kind, ref, authorization):
        repo = config["repos"].get(name)
        valid = {r["token"] for r in config["repos"].values() if "token" in r}
        if authorization is not None and authorization[len("token "):] not in valid:
            return self.message(401, "Bad credentials")
        if repo is None or ref not in repo["refs"]:
            return self.message(404, "Not Found")
        if "token" in repo and authorization != "token " + repo["token"]:
            return self.message(404, "Not Found")
        if repo.get("rate_limited"):
            return self.message(403, "API rate limit exceeded for 127.0.0.1.",
                                [("x-ratelimit-limit", "60"), ("x-ratelimit-remaining", "0"),
                                 ("x-ratelimit-reset", "1893456000")])
        with lock:
            archive_requests[name] = archive_requests.get(name, 0) + 1
            seen = archive_requests[name]
        if seen <= repo.get("fail_first", 0):
            return self.message(500, "Server Error")
        port = self.server.server_address[1]
        location = "https://%s:%d/codeload/%s/%s/%s" % (config["codeload_host"], port, name,
                                                         "legacy.tar.gz" if kind == "tarball" else "legacy.zip", ref)
        self.send(302, b"", [("Location", location)])

    def codeload(self, name, file_name):
        repo = config["repos"].get(name)
        if repo is None:
            return self.send(404, b"404: Not Found")
        with open(repo["tarball" if file_name == "legacy.tar.gz" else "zipball"], "rb") as f:
            body = f.read()
        kind = "application/x-gzip" if file_name == "legacy.tar.gz" else "application/zip"
        self.send(200, body, [("Content-Type", kind)])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(CERT, KEY)
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
