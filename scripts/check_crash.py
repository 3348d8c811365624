#!/usr/bin/env python3
"""Crash safety under load: 64 clients create, edit, save, evaluate and export; the
server is killed with SIGKILL mid-run and restarted on the same database. Afterwards
every save that got a success answer must be present byte for byte, PRAGMA
integrity_check must say ok, and no request may have been answered with a 5xx.

Usage: scripts/check_crash.py SERVER_BIN LOAD_BIN [seconds] [kill-at-seconds]
  (the load driver is `cargo build -p server --example load`; standard library only)
"""
import json, os, signal, sqlite3, subprocess, sys, tempfile, time, urllib.request

BIN, LOAD = sys.argv[1], sys.argv[2]
SECONDS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
KILL_AT = float(sys.argv[4]) if len(sys.argv) > 4 else SECONDS / 2
PORT = int(os.environ.get("CRASH_PORT", "3202"))
BASE = f"http://127.0.0.1:{PORT}"


def start(db, log):
    env = dict(os.environ, DATABASE_URL=f"sqlite:{db}", BREAKEVEN_ADDR=f"127.0.0.1:{PORT}", RUST_LOG="warn",
               BREAKEVEN_CREATES_PER_MINUTE="0", BREAKEVEN_COPIES_PER_MINUTE="0", BREAKEVEN_SAVES_PER_MINUTE="0", LEPTOS_SITE_ROOT="target/site")
    p = subprocess.Popen([BIN], env=env, stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(400):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1).read()
            return p
        except Exception:
            time.sleep(0.025)
    raise SystemExit("server did not start")


def main():
    tmp = tempfile.mkdtemp()
    db, acks, report = (os.path.join(tmp, n) for n in ("crash.db", "acks.jsonl", "load.json"))
    log = open(os.path.join(tmp, "server.log"), "wb")
    server = start(db, log)
    load = subprocess.Popen([LOAD, "--url", BASE, "--clients", "64", "--seconds", str(SECONDS), "--ack-log", acks, "--json", report])
    time.sleep(KILL_AT)
    acked_before_kill = sum(1 for _ in open(acks))
    server.send_signal(signal.SIGKILL)
    server.wait()
    killed_at = time.time()
    server = start(db, log)
    print(f"crash: SIGKILL after {KILL_AT:.0f} s ({acked_before_kill} saves acknowledged by then); restarted in {time.time() - killed_at:.2f} s")
    load.wait()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)

    con = sqlite3.connect(db)
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    missing, differ, total = 0, 0, 0
    for line in open(acks):
        a = json.loads(line)
        total += 1
        row = con.execute("SELECT document FROM scenario_revisions WHERE scenario_id = ? AND revision = ?", (a["id"], a["revision"])).fetchone()
        if row is None:
            missing += 1
        elif row[0] != a["document"]:
            differ += 1
    con.close()
    r = json.load(open(report))
    fivexx = sum(e["http_5xx"] for e in r["endpoints"].values())
    print(f"crash: {total} acknowledged saves checked: {missing} missing, {differ} different; integrity_check: {integrity}; 5xx answers: {fivexx}")
    # Backup and restore of the crashed database: the copy holds the same rows.
    copy = os.path.join(tmp, "restored.db")
    env = dict(os.environ, RUST_LOG="warn")
    subprocess.run([BIN, "backup", os.path.join(tmp, "backup.json")], env=dict(env, DATABASE_URL=f"sqlite:{db}"), check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "restore", os.path.join(tmp, "backup.json")], env=dict(env, DATABASE_URL=f"sqlite:{copy}"), check=True, stdout=subprocess.DEVNULL)
    q = "SELECT scenario_id, revision, document FROM scenario_revisions ORDER BY scenario_id, revision"
    same = sqlite3.connect(db).execute(q).fetchall() == sqlite3.connect(copy).execute(q).fetchall()
    print(f"crash: backup + restore of the crashed database {'matches' if same else 'DIFFERS'} row for row")
    if acked_before_kill == 0:
        print("crash: no save was acknowledged before the kill: the kill was not tested")
    ok = acked_before_kill > 0 and total > 0 and missing == 0 and differ == 0 and integrity == "ok" and fivexx == 0 and same
    if not ok:
        raise SystemExit("crash check FAILED (files in " + tmp + ")")
    print("crash: ok")


if __name__ == "__main__":
    main()
