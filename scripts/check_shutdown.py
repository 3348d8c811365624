#!/usr/bin/env python3
"""Graceful shutdown under load: SIGTERM while clients save; every acknowledged save
must be answered in full and be present after a restart, and the server must exit 0.

Usage: scripts/check_shutdown.py [path/to/breakeven]   (standard library only)
"""
import json, os, signal, subprocess, sys, tempfile, threading, time, urllib.request, urllib.error, http.client

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/breakeven"
PORT = int(os.environ.get("SHUTDOWN_PORT", "3201"))
BASE = f"http://127.0.0.1:{PORT}"


def start(db):
    env = dict(os.environ, DATABASE_URL=f"sqlite:{db}", BREAKEVEN_ADDR=f"127.0.0.1:{PORT}", RUST_LOG="warn")
    p = subprocess.Popen([BIN], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(200):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1).read()
            return p
        except Exception:
            time.sleep(0.05)
    raise SystemExit("server did not start: " + p.stderr.read().decode(errors="replace")[-2000:])


def call(method, path, body=None, key=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={"content-type": "application/json"})
    if key:
        req.add_header("x-edit-key", key)
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, json.loads(r.read())


def main():
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "shutdown.db")
    server = start(db)
    scenarios = []
    for i in range(16):
        _, c = call("POST", "/api/scenarios", {"template": "haiku-vs-4090"})
        _, cur = call("GET", f"/api/scenarios/{c['id']}", key=c["edit_key"])
        scenarios.append((c["id"], c["edit_key"], cur["document"]))
    acked = {}  # id -> list of (revision, document)
    broken = []
    stop = threading.Event()

    def worker(sid, key, doc):
        rev = 1
        n = 0
        while not stop.is_set():
            n += 1
            doc = dict(doc, name=f"save {n} of {sid[:6]}")
            try:
                status, body = call("PUT", f"/api/scenarios/{sid}", {"base_revision": rev, "document": doc}, key)
                rev = body["revision"]
                acked.setdefault(sid, []).append((rev, json.loads(json.dumps(doc))))
            except urllib.error.URLError as e:
                if isinstance(e.reason, ConnectionRefusedError):
                    return  # the server has stopped listening: expected after SIGTERM
                broken.append(repr(e))
                return
            except (http.client.RemoteDisconnected, ConnectionResetError) as e:
                # Acceptable only for a request the server never started handling.
                broken.append(repr(e))
                return

    threads = [threading.Thread(target=worker, args=s) for s in scenarios]
    for t in threads:
        t.start()
    time.sleep(1.0)
    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=30)
    stop.set()
    for t in threads:
        t.join(timeout=15)
    total = sum(len(v) for v in acked.values())
    print(f"shutdown: {total} saves acknowledged before SIGTERM took effect; exit code {code}")
    if code != 0:
        raise SystemExit(f"server exited with {code}: " + server.stderr.read().decode(errors="replace")[-2000:])
    # Restart and check every acknowledged revision, byte for byte (as parsed JSON).
    server = start(db)
    try:
        for sid, key, _ in scenarios:
            for rev, doc in acked.get(sid, []):
                revs = {r["revision"] for r in call("GET", f"/api/scenarios/{sid}/revisions", key=key)[1]}
                if rev not in revs:
                    raise SystemExit(f"acknowledged revision {rev} of {sid} is missing")
            if acked.get(sid):
                last_rev, last_doc = acked[sid][-1]
                _, cur = call("GET", f"/api/scenarios/{sid}", key=key)
                if cur["revision"] != last_rev or cur["document"] != last_doc:
                    raise SystemExit(f"{sid}: current revision {cur['revision']} differs from the last acknowledged {last_rev}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if broken:
        print(f"shutdown: {len(broken)} client(s) saw a dropped connection: {broken[:3]}")
    print("shutdown: every acknowledged save is present after restart")


if __name__ == "__main__":
    main()
