"""SIGKILL the wasmlab kernel in the middle of a %bench, start a new one, run the cell again.

usage: kill_kernel.py --store FILE [--after N] [--cwd DIR]

The kernel and everything under it (launcher, the run in flight) get SIGKILL once the progress
bar shows N finished runs, as when a machine's OOM killer or a crash takes the kernel. A new
kernel then runs the same cell. Prints JSON: runs done when killed, the re-run's closing line,
and the store's row and distinct run_key counts.
"""
import argparse
import json
import os
import re
import signal
import time

from jupyter_client import KernelManager

from interrupt import descendants, run

SWEEP = "%bench -b gemm,crc32,quicksort,atax -r native,wasmtime:cranelift --size small --reps 5 --warmup 0 -o df"


def start(cwd):
    km = KernelManager(kernel_name="wasmlab")
    km.start_kernel(cwd=cwd)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--after", type=int, default=6)
    ap.add_argument("--cwd", default=os.getcwd())
    a = ap.parse_args()
    config = f"%config store={a.store}"
    km, kc = start(a.cwd)
    result = {}
    try:
        run(kc, config)
        msg_id = kc.execute(SWEEP)
        done_at = total = None
        deadline = time.time() + 600
        while time.time() < deadline and done_at is None:
            m = kc.get_iopub_msg(timeout=600)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] in ("display_data", "update_display_data"):
                p = re.search(r"\] (\d+)/(\d+) ", m["content"]["data"].get("text/plain", ""))
                if p and int(p.group(1)) >= a.after:
                    done_at, total = int(p.group(1)), int(p.group(2))
                    pid = km.provisioner.process.pid
                    victims = [pid] + [int(d.split()[0]) for d in descendants(pid)]
                    for v in victims:
                        try:
                            os.kill(v, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
        result["killed_at_done"] = done_at
        result["total"] = total
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    km, kc = start(a.cwd)
    try:
        run(kc, config)
        msg_id = kc.execute(SWEEP)
        last = ""
        while True:
            m = kc.get_iopub_msg(timeout=600)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] in ("display_data", "update_display_data"):
                text = m["content"]["data"].get("text/plain", "")
                if text.startswith("bench"):
                    last = text
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        result["rerun_closing"] = last
        result["rows"] = run(kc, "df.shape[0]")[1].strip()
        q = "%sql -o s SELECT count(*) AS n, count(DISTINCT run_key) AS k FROM runs WHERE NOT superseded"
        run(kc, q)
        result["store_rows"] = run(kc, "s['n'].values[0]")[1].strip()
        result["store_keys"] = run(kc, "s['k'].values[0]")[1].strip()
        result["df_keys_in_store"] = run(kc, "(await wl.sql(`SELECT count(*) AS c FROM runs WHERE NOT superseded AND run_key IN (${df['run_key'].values.map((k: string) => `'${k}'`).join(',')})`))['c'].values[0]")[1].strip()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
