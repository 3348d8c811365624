#!/usr/bin/env python3
"""Abuse and overload checks against a running Breakeven server (loopback only): every
defect found when the server was tried as an attacker (see README, "Guarantees") as one check, one line
each, then "N passed, N failed". Exit 1 when any check fails.

Usage: scripts/abuse.py http://127.0.0.1:3400 SERVER_PID ADMIN_TOKEN HEADER_TIMEOUT_S
(scripts/abuse.sh starts a fresh release server and runs this). Standard library only.
"""
import http.client, json, socket, sys, threading, time, urllib.request, urllib.error

BASE, PID, TOKEN, HEADER_TIMEOUT = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
STALL_TIMEOUT = float(sys.argv[5]) if len(sys.argv) > 5 else 30.0
HOST, PORT = BASE.split("//")[1].split(":")[0], int(BASE.rsplit(":", 1)[1])
results = []


def check(name):
    def wrap(f):
        t = time.time()
        try:
            ok, detail = f()
        except Exception as e:  # a crash of the check is a failure, with its reason
            ok, detail = False, f"{type(e).__name__}: {e}"
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail} ({time.time() - t:.1f} s)", flush=True)
        return f
    return wrap


WS = None  # this run's workspace key, sent with every request (made in main)


def req(method, path, body=None, headers=None, timeout=30, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    h = {"content-type": "application/json"}
    if WS:
        h["x-workspace-key"] = WS
    h.update(headers or {})
    r = urllib.request.Request(BASE + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(r, timeout=timeout) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def js(b):
    return json.loads(b) if b else None


def rss_mb():
    for line in open(f"/proc/{PID}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def raw_conn(data, wait):
    """Sends raw bytes; returns (answer, closed by the server)."""
    s = socket.create_connection((HOST, PORT))
    s.sendall(data)
    s.settimeout(wait)
    out, closed = b"", False
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            out += chunk
    except (socket.timeout, ConnectionResetError) as e:
        closed = isinstance(e, ConnectionResetError)
    s.close()
    return out.decode(errors="replace"), closed


def closed_by_server(socks):
    """How many of `socks` the server has closed (EOF or reset); closes them all."""
    closed = 0
    for s in socks:
        s.settimeout(0.5)
        try:
            if s.recv(1) == b"":
                closed += 1
        except ConnectionResetError:
            closed += 1
        except socket.timeout:
            pass
        s.close()
    return closed


def template_doc(t="haiku-vs-4090"):
    _, b, _ = req("POST", "/api/scenarios", {"template": t})
    c = js(b)
    _, b, _ = req("GET", f"/api/scenarios/{c['id']}", headers={"x-edit-key": c["edit_key"]})
    return c, js(b)["document"]


def worst_valid(doc):
    """Every count at its cap (50 task types, 20 tiers, 20 configurations, 30 ranges)."""
    d = json.loads(json.dumps(doc))
    d["task_types"] = [dict(doc["task_types"][0], name=f"task {i}", calls_per_month=10000 * (i + 1),
                            output_tokens=100 + 10 * i, cached_input_share=0.3, batch_share=0.2,
                            quality_floor=1 + i % 3, peak_to_average=1.5) for i in range(50)]
    d["api_tiers"] = [doc["api_tiers"][i % len(doc["api_tiers"])] for i in range(20)]
    d["gpu_configs"] = [doc["gpu_configs"][i % len(doc["gpu_configs"])] for i in range(20)]
    d["ranges"] = [{"path": f"task_types[{i}].calls_per_month", "low": 5000, "high": 20000 * (i + 1)} for i in range(30)]
    return d


# Every check works in this run's workspace (its key goes with every request).
WS = js(req("POST", "/api/workspaces", {"name": "abuse checks"})[1])["key"]


created, DOC = template_doc()


@check("H1 restore of a 300 MB body without a token: refused before reading it, memory flat")
def _():
    before = rss_mb()
    s = socket.create_connection((HOST, PORT))
    s.sendall(b"POST /api/admin/restore HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n")
    s.settimeout(5)
    answer = s.recv(4096).decode(errors="replace")
    sent = 0
    try:  # keep sending: the server must not be reading it
        for _ in range(300):
            s.sendall(b"\0" * 1_000_000)
            sent += 1
    except OSError:
        pass
    s.close()
    grew = rss_mb() - before
    ok = (" 413 " in answer.split("\r\n")[0] or " 401 " in answer.split("\r\n")[0] or " 404 " in answer.split("\r\n")[0]) and grew < 64
    return ok, f"answer '{answer.splitlines()[0] if answer else 'none'}', {sent} MB pushed before the close, RSS +{grew:.0f} MB"


@check("H1 restore with a wrong token: 401 before reading the body")
def _():
    answer, closed = raw_conn(b"POST /api/admin/restore HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\nContent-Length: 1000000\r\n\r\n{", 5)
    return " 401 " in answer.split("\r\n")[0] and closed, answer.splitlines()[0] if answer else "no answer"


@check("H2 10,000 task types x 30 configurations: refused at once by the caps")
def _():
    d = dict(DOC, task_types=[{"calls_per_month": 1, "output_tokens": 1}] * 10000, gpu_configs=[{}] * 30)
    t = time.time()
    st, b, _ = req("POST", "/api/evaluate", {"document": d})
    took = time.time() - t
    e = js(b)
    return st == 422 and took < 2 and e["errors"][0]["path"] == "task_types", f"{st} in {took * 1000:.0f} ms: {e['errors'][0]['message']}"


@check("H2 two largest valid documents evaluating: /healthz still answers under 100 ms")
def _():
    body = {"document": worst_valid(DOC), "curve_points": 1024}
    done = []
    def run():
        done.append(req("POST", "/api/evaluate", body, timeout=120)[0])
    ts = [threading.Thread(target=run) for _ in range(2)]
    t0 = time.time()
    for t in ts:
        t.start()
    time.sleep(0.05)
    worst = 0.0
    n = 0
    while any(t.is_alive() for t in ts) or n < 5:
        t = time.time()
        st, _, _ = req("GET", "/healthz", timeout=10)
        worst = max(worst, time.time() - t)
        n += 1
        if st != 200:
            return False, f"/healthz answered {st}"
        time.sleep(0.02)
        if n > 2000:
            break
    for t in ts:
        t.join()
    took = time.time() - t0
    return worst < 0.1 and done == [200, 200], f"evaluations {done} in {took:.2f} s; {n} health checks, slowest {worst * 1000:.0f} ms"


@check("H5 extreme valid-looking numbers (a peak 1e308 times the average, a range to 1e308): refused at the field; /healthz answers")
def _():
    import copy
    out = []
    for what, edit, chart in [
        ("peak", lambda d: d["task_types"][0].__setitem__("peak_to_average", 1e308), None),
        ("utilisation", lambda d: d["gpu_configs"][0].__setitem__("target_utilisation", 5e-324), None),
        ("range", lambda d: d.__setitem__("ranges", [{"path": "task_types[0].output_tokens", "low": 0, "high": 1e308}]), {"kind": "tornado"}),
    ]:
        d = copy.deepcopy(DOC)
        edit(d)
        body = {"document": d}
        if chart:
            body["chart"] = chart
        # Twice, as many as this machine has cores: before, each held a core for good.
        for _ in range(2):
            st, b, _ = req("POST", "/api/render", body, timeout=10)
            out.append((what, st))
    t = time.time()
    st, _, _ = req("GET", "/healthz", timeout=10)
    took = time.time() - t
    ok = st == 200 and took < 1 and all(s == 422 for _, s in out)
    return ok, f"renders {out}; /healthz {st} in {took * 1000:.0f} ms"


@check("H3 3,000 configurations at 2,048 points: refused, small answer")
def _():
    st, b, _ = req("POST", "/api/evaluate", {"document": dict(DOC, gpu_configs=[{}] * 3000), "curve_points": 2048})
    return st == 422 and len(b) < 2000, f"{st}, {len(b)} bytes"


@check("H3 curve points capped at 1,024")
def _():
    st, b, _ = req("POST", "/api/evaluate", {"document": DOC, "curve_points": 100000})
    n = len(js(b)["curves"]["calls"])
    return st == 200 and n == 1024, f"{n} points, {len(b) // 1000} KB"


@check(f"H4 300 silent sockets are closed after the header timeout; /healthz served meanwhile")
def _():
    socks = []
    for _ in range(300):
        s = socket.create_connection((HOST, PORT))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    st, _, _ = req("GET", "/healthz", timeout=HEADER_TIMEOUT + 10)
    time.sleep(HEADER_TIMEOUT + 1.5)
    closed = closed_by_server(socks)
    return st == 200 and closed == 300, f"/healthz {st}; {closed} of 300 closed by the server"


@check("H4 50 sockets that send nothing at all are closed after the header timeout")
def _():
    socks = [socket.create_connection((HOST, PORT)) for _ in range(50)]
    time.sleep(HEADER_TIMEOUT + 1.5)
    closed = closed_by_server(socks)
    return closed == 50, f"{closed} of 50 closed by the server"


@check("H4 a head trickled one line a second is cut off")
def _():
    s = socket.create_connection((HOST, PORT))
    s.sendall(b"GET /healthz HTTP/1.1\r\n")
    t = time.time()
    cut = False
    for i in range(int(HEADER_TIMEOUT) + 10):
        try:
            s.sendall(f"X-Slow-{i}: 1\r\n".encode())
        except OSError:
            cut = True
            break
        time.sleep(1)
    s.close()
    return cut and time.time() - t < HEADER_TIMEOUT + 5, f"cut after {time.time() - t:.1f} s"


@check("H4 a client that asks for 40 MB of answers and reads nothing is cut off")
def _():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect((HOST, PORT))
    s.sendall(b"GET /pkg/breakeven.wasm HTTP/1.1\r\nHost: x\r\n\r\n" * 16)
    time.sleep(STALL_TIMEOUT + 2)
    s.settimeout(10)
    got, closed = 0, False
    try:
        while True:
            b = s.recv(65536)
            if not b:
                closed = True
                break
            got += len(b)
    except ConnectionResetError:
        closed = True
    except OSError:
        pass
    s.close()
    return closed and got < 16 * 2_000_000, f"closed={closed} after {got / 1e6:.1f} MB read"


@check("H4 an upload at 1 byte a second is cut off with 408")
def _():
    s = socket.create_connection((HOST, PORT))
    s.sendall(f"POST /api/benchmarks?name=slow.json HTTP/1.1\r\nHost: x\r\nX-Workspace-Key: {WS}\r\nContent-Length: 100000\r\n\r\n".encode())
    t = time.time()
    s.settimeout(0.01)
    answer = b""
    while time.time() - t < 40:
        try:
            s.sendall(b" ")
        except OSError:
            break
        try:
            answer += s.recv(4096)
            if answer:
                break
        except (socket.timeout, BlockingIOError):
            pass
        time.sleep(1)
    s.close()
    line = answer.decode(errors="replace").split("\r\n")[0]
    return " 408 " in line, f"'{line}' after {time.time() - t:.1f} s"


@check("M2 server functions answer bad arguments with 400 and {error, message}")
def _():
    bad = [("/sfn/list_scenarios", b'{"query":5}'), ("/sfn/save_scenario", b'{"id":"x","key":"y","base_revision":1,"document":{"horizon_months":"24"}}'),
           ("/sfn/list_scenarios", b""), ("/sfn/list_scenarios", b'{"query":'), ("/sfn/save_scenario", b'{"id":"x","key":"y","base_revision":NaN,"document":{}}')]
    got = []
    for p, raw in bad:
        st, b, _ = req("POST", p, raw=raw)
        e = js(b)
        got.append(st == 400 and e["error"] == "bad_request" and e["message"].startswith("the request could not be read"))
    return all(got), f"{sum(got)} of {len(got)} answered 400 bad_request"


@check("M3 CSV cells never start a formula")
def _():
    d = dict(DOC, name='=HYPERLINK("http://evil.example","x")')
    d["gpu_configs"] = [dict(DOC["gpu_configs"][0], name="@SUM(1+1)*cmd|' /C calc'!A0")] + DOC["gpu_configs"][1:]
    _, b, _ = req("POST", "/api/scenarios", {"document": d})
    _, csv, _ = req("GET", f"/v/{js(b)['view_token']}/export.csv")
    cells = [c.lstrip('"') for line in csv.decode("utf-8-sig").split("\r\n") for c in line.split(",")]
    live = [c for c in cells if c[:1] in ("=", "+", "@", "\t")]
    return not live, f"{len(live)} live formula cells"


@check("M4 a 1,000,000-character name is refused")
def _():
    st, b, _ = req("POST", "/api/scenarios", {"document": dict(DOC, name="N" * 1_000_000)}, headers={})
    return st in (413, 422), f"{st} {js(b)['error']}"


@check("L1 a 50,001-character search answers")
def _():
    st1, _, _ = req("POST", "/sfn/list_scenarios", {"workspace": WS, "query": "a" * 50001})
    st2, _, _ = req("GET", "/api/benchmarks?q=" + "b" * 50001)
    return st1 == 200 and st2 == 200, f"list_scenarios {st1}, /api/benchmarks {st2}"


@check("L3 a chunked body over the limit gets the JSON 413")
def _():
    body = json.dumps({"document": {"name": "x" * 2_097_152}}).encode()
    c = http.client.HTTPConnection(HOST, PORT, timeout=10)
    c.putrequest("POST", "/api/evaluate")
    c.putheader("content-type", "application/json")
    c.putheader("transfer-encoding", "chunked")
    c.endheaders()
    try:
        for i in range(0, len(body), 65536):
            part = body[i:i + 65536]
            c.send(f"{len(part):x}\r\n".encode() + part + b"\r\n")
        c.send(b"0\r\n\r\n")
    except OSError:
        pass
    r = c.getresponse()
    e = json.loads(r.read())
    return r.status == 413 and e["error"] == "too_large", f"{r.status} {e['message']}"


@check("L4 an upload declaring 250 MB is refused at once, unread")
def _():
    t = time.time()
    answer, closed = raw_conn(b"POST /api/benchmarks?name=big.json HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 250000000\r\n\r\n", 5)
    line = answer.split("\r\n")[0]
    return " 413 " in line and "100 Continue" not in answer and closed and time.time() - t < 2, f"'{line}', closed={closed}"


@check("L5 a restore with a bad row is refused whole")
def _():
    st, b, _ = req("GET", "/api/admin/backup", headers={"authorization": f"Bearer {TOKEN}"})
    backup = js(b)
    backup["scenarios"][0]["edit_key"] = ""
    st, b, _ = req("POST", "/api/admin/restore", backup, headers={"authorization": f"Bearer {TOKEN}"})
    e = js(b)
    return st == 422 and e["error"] == "bad_file", f"{st} {e['message'][:90]}"


@check("L6 catalog entries get the scenario checks")
def _():
    st, b, _ = req("POST", "/sfn/add_custom_entry", {"workspace": WS, "item": {"kind": "api_tier", "data": {"name": "x", "batch_discount": 5, "long_context_input_multiplier": 100, "cache_write_per_mtok": -1, "output_per_mtok": 1e300}}})
    return st == 422, f"{st}, {len(js(b).get('errors', []))} field errors"


@check("L7 an array is not a document (JSON API and server functions)")
def _():
    st, b, _ = req("POST", "/api/evaluate", {"document": []})
    st2, b2, _ = req("POST", "/sfn/create_copy", {"document": []})
    return st == 422 and st2 == 400, f"{st} {js(b)['errors'][0]['message']}; create_copy {st2}"


@check("M5 a catalog entry is listed and deleted only with its workspace's key")
def _():
    price = {"workspace": WS, "item": {"kind": "cloud_price", "data": {"provider": "Abuse", "gpu": "h100-sxm", "hourly_usd": 2, "note": ""}}}
    _, b, _ = req("POST", "/sfn/add_custom_entry", price)
    added = js(b)
    other = js(req("POST", "/api/workspaces", {"name": "another team"})[1])["key"]
    _, b, _ = req("POST", "/sfn/list_custom_entries", {"access": {"Workspace": {"token": other}}})
    leaked = "Abuse" in b.decode()
    st, b, _ = req("POST", "/sfn/delete_custom_entry", {"workspace": other, "id": added["id"]})
    st_none, _, _ = req("POST", "/sfn/delete_custom_entry", {"workspace": "", "id": added["id"]})
    st_ok, _, _ = req("POST", "/sfn/delete_custom_entry", {"workspace": WS, "id": added["id"]})
    return st == 404 and st_none == 404 and st_ok == 200 and not leaked, \
        f"another workspace {st}, no key {st_none}, its workspace {st_ok}, listed elsewhere: {leaked}"


@check("L8 a malformed body says what was wrong")
def _():
    st, b, _ = req("POST", "/api/evaluate", raw=b"{not json")
    m = js(b)["message"]
    return st == 400 and m.startswith("the request could not be read") and "reached" not in m, m[:80]


@check("L9 bidirectional and zero-width characters leave names")
def _():
    _, b, _ = req("POST", "/api/scenarios", {"document": dict(DOC, name="Invoice \u202egnp.exe\u200b")})
    _, v, _ = req("GET", f"/api/views/{js(b)['view_token']}")
    name = js(v)["document"]["name"]
    return name == "Invoice gnp.exe", repr(name)


@check("L10 keyed pages and answers carry Cache-Control: no-store")
def _():
    _, _, h1 = req("GET", f"/s/{created['id']}?key={created['edit_key']}")
    _, _, h2 = req("GET", f"/api/scenarios/{created['id']}", headers={"x-edit-key": created["edit_key"]})
    cc = (h1.get("Cache-Control") or h1.get("cache-control"), h2.get("Cache-Control") or h2.get("cache-control"))
    return cc == ("no-store", "no-store"), str(cc)


# Last: it spends this address's create, copy and catalog budgets.
@check("M1 create, copy and catalog writes are limited at the browser's URLs")
def _():
    out = []
    into = {"Workspace": {"token": WS}}
    for path, body in [("/sfn/create_from_template", {"workspace": WS, "template": "blank"}), ("/sfn/create_copy", {"document": DOC, "into": into}),
                       ("/sfn/add_custom_entry", {"workspace": WS, "item": {"kind": "cloud_price", "data": {"provider": "A", "gpu": "h100-sxm", "hourly_usd": 2, "note": ""}}})]:
        codes = [req("POST", path, body)[0] for _ in range(70)]
        out.append((path, codes.count(429)))
    return all(n > 0 for _, n in out), ", ".join(f"{p}: {n} x 429" for p, n in out)


failed = results.count(False)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
