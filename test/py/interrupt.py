"""Interrupt a running %bench through jupyter_client, as the stop button does, and report.

usage: interrupt.py [--after N] [--cwd DIR] [--sigint]

Starts the wasmlab kernel, runs a long sweep bound to `df`, sends the interrupt once the
progress bar shows N finished runs (as Jupyter's stop button does: an interrupt_request
message, or with --sigint a SIGINT to the kernel process alone, as from a terminal), then asks the kernel how many rows `df` holds. Prints JSON:
the reply status, seconds from interrupt to reply, runs done when interrupted, rows kept,
the kernel's stderr lines, and any processes still running under the kernel.
"""
import argparse
import json
import os
import re
import signal
import time

from jupyter_client import KernelManager

SWEEP = "%bench -b gemm,crc32,quicksort,2mm,3mm,atax,bicg -r all --reps 20 -o df"


def descendants(pid: int) -> list:
    """Processes below pid (from /proc), as 'pid comm'."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z":
            continue
        children.setdefault(int(fields[1]), []).append((int(d), comm))
    out, todo = [], [pid]
    while todo:
        for c, comm in children.get(todo.pop(), []):
            out.append(f"{c} {comm}")
            todo.append(c)
    return out


def run(kc, code, timeout=120):
    """Execute code; return (reply content, stdout text, stderr text)."""
    msg_id = kc.execute(code)
    out, err = [], []
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "stream":
            (out if m["content"]["name"] == "stdout" else err).append(m["content"]["text"])
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    return shell_reply(kc, msg_id, timeout), "".join(out), "".join(err)


def shell_reply(kc, msg_id, timeout):
    while True:
        m = kc.get_shell_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") == msg_id:
            return m["content"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--after", type=int, default=3)
    ap.add_argument("--cwd", default=os.getcwd())
    ap.add_argument("--sigint", action="store_true")
    a = ap.parse_args()
    km = KernelManager(kernel_name="wasmlab")
    km.start_kernel(cwd=a.cwd)
    kc = km.client()
    kc.start_channels()
    result = {}
    try:
        kc.wait_for_ready(timeout=120)
        msg_id = kc.execute(SWEEP)
        done_at = total = None
        t_int = t_idle = None
        stderr, bar = [], ""
        deadline = time.time() + 900
        while time.time() < deadline:
            m = kc.get_iopub_msg(timeout=900)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            t = m["msg_type"]
            if t == "stream" and m["content"]["name"] == "stderr":
                stderr.append(m["content"]["text"])
            if t in ("display_data", "update_display_data"):
                bar = m["content"]["data"].get("text/plain", "")
                p = re.search(r"\] (\d+)/(\d+) ", bar)
                if p and t_int is None and int(p.group(1)) >= a.after:
                    done_at, total = int(p.group(1)), int(p.group(2))
                    if a.sigint:
                        os.kill(km.provisioner.process.pid, signal.SIGINT)
                    else:
                        km.interrupt_kernel()
                    t_int = time.time()
            if t == "status" and m["content"]["execution_state"] == "idle":
                t_idle = time.time()
                break
        reply = shell_reply(kc, msg_id, 60)
        time.sleep(0.5)  # let killed children be reaped
        left = descendants(km.provisioner.process.pid)
        rows, out, err = run(kc, "df.shape[0]")
        ok_rows = run(kc, "df['status'].values.filter((s: string) => s === 'ok').length")[1]
        after = run(kc, "1 + 1")
        result = {
            "interrupted_at_done": done_at,
            "total": total,
            "interrupt_to_idle_s": None if t_int is None or t_idle is None else round(t_idle - t_int, 3),
            "reply_status": reply["status"],
            "rows": out.strip(),
            "rows_stderr": err.strip(),
            "ok_rows": ok_rows.strip(),
            "last_bar": bar,
            "stderr": "".join(stderr).strip(),
            "processes_left": left,
            "kernel_alive_after": after[1].strip(),
        }
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
