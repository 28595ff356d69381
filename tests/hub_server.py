#!/usr/bin/python3
"""A tiny stand-in for the Hugging Face Hub, for the download tests (stdlib only).

    hub_server.py --root DIR

serves the folders DIR/<org>/<name>/ as model repositories and prints "PORT <n>" once it listens on
127.0.0.1. It speaks what the client needs (formats.md section 5):

  GET  /api/models/<org>/<name>/revision/<rev>[?blobs=true]   sha + siblings (size, blobId, lfs)
  HEAD/GET /<org>/<name>/resolve/<rev>/<path>                  X-Repo-Commit, ETag, X-Linked-*
  HEAD/GET /cdn/<sha256>                                       LFS content (Range -> 206)

*.safetensors files are LFS: resolve answers 302 with an absolute Location on /cdn/. A repository with
a `.gated` file is gated (its content is the token that may read it): 401 / 403 + X-Error-Code
GatedRepo. Unknown repositories: 401 RepoNotFound; unknown revisions: 404 RevisionNotFound; unknown
files: 404 EntryNotFound. Revisions: "main" and the commit.

DIR/_modes.json (read on every request) switches on misbehaviour, keyed by a file's base name:
  {"drop_once": ["model.safetensors"]}   close the connection half-way through the first GET
  {"ignore_range": true}                 answer a Range request with 200 and the whole file
  {"corrupt": ["model.safetensors"]}     flip one byte of the content (same length)
  {"slow": {"chunk": 2048, "delay": 0.02}}  send bodies in chunks with a pause between them
  {"renamed": {"old/name": "org/name"}}  the old name answers 307 with a relative Location

Every request is appended to DIR/_log.jsonl: method, path, range, the Authorization header, status.
The server exits when its stdin closes (the test process ended).
"""

import argparse
import hashlib
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = ""
STATE_LOCK = threading.Lock()
DROPPED = set()  # names already dropped once


def modes():
    try:
        with open(os.path.join(ROOT, "_modes.json"), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def log(entry):
    with STATE_LOCK, open(os.path.join(ROOT, "_log.jsonl"), "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")


def repo_dir(repo_id):
    if repo_id.count("/") != 1 or ".." in repo_id or repo_id.startswith("_"):
        return None
    path = os.path.join(ROOT, repo_id)
    return path if os.path.isdir(path) else None


def repo_files(folder):
    out = []
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(base, name)
            out.append(os.path.relpath(full, folder).replace(os.sep, "/"))
    return out


def read(folder, rel):
    with open(os.path.join(folder, rel), "rb") as f:
        return f.read()


def is_lfs(rel):
    return rel.endswith(".safetensors")


def git_sha1(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def commit_of(repo_id, folder):
    h = hashlib.sha1(repo_id.encode())
    for rel in repo_files(folder):
        h.update(rel.encode() + b"\0" + hashlib.sha256(read(folder, rel)).digest())
    return h.hexdigest()


def find_lfs(sha):
    """The (folder, rel) of the LFS file whose sha256 is `sha`."""
    for org in sorted(os.listdir(ROOT)):
        org_dir = os.path.join(ROOT, org)
        if org.startswith("_") or not os.path.isdir(org_dir):
            continue
        for name in sorted(os.listdir(org_dir)):
            folder = os.path.join(org_dir, name)
            if not os.path.isdir(folder):
                continue
            for rel in repo_files(folder):
                if is_lfs(rel) and hashlib.sha256(read(folder, rel)).hexdigest() == sha:
                    return folder, rel
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the Hub; every answer has a Content-Length

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.handle_request(head=True)

    def do_GET(self):
        self.handle_request(head=False)

    # -- answers -------------------------------------------------------------------------------
    def finish_answer(self, status, headers=None, body=b"", head=False):
        log({"method": self.command, "path": self.path, "range": self.headers.get("Range"),
             "authorization": self.headers.get("Authorization"), "status": status})
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    def error(self, status, code, message, head):
        self.finish_answer(status, {"X-Error-Code": code, "X-Error-Message": message,
                                    "Content-Type": "application/json"},
                           json.dumps({"error": message}).encode(), head)

    def send_content(self, data, name, head, extra):
        m = modes()
        if name in m.get("corrupt", []) and data:
            data = bytes([data[0] ^ 0xFF]) + data[1:]
        start = 0
        status = 200
        headers = dict(extra)
        rng = self.headers.get("Range")
        if rng and not m.get("ignore_range") and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[len("bytes="):-1])
            if start >= len(data):
                return self.finish_answer(416, {"Content-Range": "bytes */%d" % len(data)}, b"", head)
            status = 206
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, len(data) - 1, len(data))
        body = data[start:]
        drop = False
        if not head and name in m.get("drop_once", []):
            with STATE_LOCK:
                drop = name not in DROPPED
                DROPPED.add(name)
        log({"method": self.command, "path": self.path, "range": rng,
             "authorization": self.headers.get("Authorization"), "status": status, "dropped": drop})
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        if head:
            return
        if drop:  # half the body, then hang up: the client sees a short read
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        slow = m.get("slow")
        if slow:
            import time
            chunk = int(slow.get("chunk", 4096))
            for i in range(0, len(body), chunk):
                self.wfile.write(body[i:i + chunk])
                self.wfile.flush()
                time.sleep(float(slow.get("delay", 0.01)))
        else:
            self.wfile.write(body)

    # -- routing -------------------------------------------------------------------------------
    def handle_request(self, head):
        url = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in url.path.split("/")[1:]]
        try:
            if len(parts) >= 6 and parts[0] == "api" and parts[1] == "models" and parts[4] == "revision":
                return self.listing(parts[2] + "/" + parts[3], "/".join(parts[5:]), head)
            if len(parts) == 2 and parts[0] == "cdn":
                return self.cdn(parts[1], head)
            if len(parts) >= 5 and parts[2] == "resolve":
                raw = url.path.split("/")[1:]
                return self.resolve(parts[0] + "/" + parts[1], urllib.parse.unquote(raw[3]),
                                    "/".join(urllib.parse.unquote(p) for p in raw[4:]), head)
            self.finish_answer(404, {}, b"not found", head)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def known(self, repo_id, revision, head):
        """(folder, commit), or None after answering with the Hub's error."""
        folder = repo_dir(repo_id)
        if folder is None:
            self.error(401, "RepoNotFound", "Repository Not Found for url: " + self.path, head)
            return None
        commit = commit_of(repo_id, folder)
        if revision not in ("main", commit):
            self.error(404, "RevisionNotFound", "Invalid rev id: " + revision, head)
            return None
        return folder, commit

    def listing(self, repo_id, revision, head):
        renamed = modes().get("renamed", {})
        if repo_id in renamed:
            target = "/api/models/%s/revision/%s?blobs=true" % (renamed[repo_id], urllib.parse.quote(revision, safe=""))
            return self.finish_answer(307, {"Location": target}, b"", head)
        found = self.known(repo_id, revision, head)
        if not found:
            return
        folder, commit = found
        siblings = []
        for rel in repo_files(folder):
            data = read(folder, rel)
            entry = {"rfilename": rel, "size": len(data), "blobId": git_sha1(data)}
            if is_lfs(rel):
                entry["lfs"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "pointerSize": 134}
            siblings.append(entry)
        gated = os.path.exists(os.path.join(folder, ".gated"))
        body = json.dumps({"id": repo_id, "sha": commit, "gated": "auto" if gated else False,
                           "siblings": siblings}).encode()
        self.finish_answer(200, {"Content-Type": "application/json"}, body, head)

    def resolve(self, repo_id, revision, rel, head):
        renamed = modes().get("renamed", {})
        if repo_id in renamed:
            target = "/%s/resolve/%s/%s" % (renamed[repo_id], urllib.parse.quote(revision, safe=""),
                                             urllib.parse.quote(rel))
            return self.finish_answer(307, {"Location": target}, b"", head)
        found = self.known(repo_id, revision, head)
        if not found:
            return
        folder, commit = found
        gate = os.path.join(folder, ".gated")
        if os.path.exists(gate):
            with open(gate, encoding="utf-8") as f:
                allowed = f.read().strip()
            auth = self.headers.get("Authorization")
            if auth is None:
                return self.error(401, "GatedRepo", "Access to model %s is restricted. You must have access "
                                  "to it and be authenticated to access it. Please log in." % repo_id, head)
            if auth != "Bearer " + allowed:
                return self.error(403, "GatedRepo", "Access to model %s is restricted and you are not in "
                                  "the authorized list." % repo_id, head)
        if rel not in repo_files(folder):
            return self.error(404, "EntryNotFound", "%s does not exist on \"%s\"" % (rel, revision), head)
        data = read(folder, rel)
        headers = {"X-Repo-Commit": commit}
        if is_lfs(rel):
            sha = hashlib.sha256(data).hexdigest()
            host = self.headers.get("Host", "127.0.0.1")
            headers.update({"X-Linked-Etag": '"%s"' % sha, "X-Linked-Size": str(len(data)),
                            "ETag": '"%s"' % git_sha1(b"pointer " + sha.encode()),
                            "Location": "http://%s/cdn/%s?signature=abc" % (host, sha)})
            return self.finish_answer(302, headers, b"", head)
        headers["ETag"] = '"%s"' % git_sha1(data)
        self.send_content(data, os.path.basename(rel), head, headers)

    def cdn(self, sha, head):
        found = find_lfs(sha)
        if not found:
            return self.finish_answer(404, {}, b"no such object", head)
        folder, rel = found
        self.send_content(read(folder, rel), os.path.basename(rel), head, {"ETag": '"%s"' % sha})


def main():
    global ROOT
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    ROOT = os.path.abspath(args.root)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # returns when the test process closes our stdin or ends
    server.shutdown()


if __name__ == "__main__":
    main()
