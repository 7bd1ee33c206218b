"""Execute a notebook on the wasmlab kernel with nbclient and print its outputs as JSON.

usage: notebook_outputs.py NOTEBOOK [--out EXECUTED.ipynb] [--timeout S]

Who runs it: the kernel tests (test/notebook-helpers.ts executeNotebook and runCells), with
the checkout's .venv python, to run a notebook they wrote or one of test/notebooks/.

Errors are allowed (the tests assert on them); each cell's outputs are printed as
{"cells": [{"source", "outputs": [{"type", "name"?, "text"?, "data"?}]}]}.
"""
import argparse
import json
import sys

import nbformat
from nbclient import NotebookClient


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--out")
    ap.add_argument("--timeout", type=int, default=600)
    a = ap.parse_args()
    nb = nbformat.read(a.notebook, as_version=4)
    client = NotebookClient(nb, kernel_name="wasmlab", allow_errors=True, timeout=a.timeout,
                            resources={"metadata": {"path": "."}})
    client.execute()
    if a.out:
        nbformat.write(nb, a.out)
    cells = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        outs = []
        for o in c.get("outputs", []):
            d = {"type": o.output_type}
            if o.output_type == "stream":
                d["name"] = o.name
                d["text"] = o.text
            elif o.output_type in ("display_data", "execute_result"):
                # Shorten big payloads (inlined plotly.js) but keep what tests look at.
                d["data"] = {k: (v if len(json.dumps(v)) < 200_000 else {"truncated": len(json.dumps(v)),
                                  "head": json.dumps(v)[:2000]}) for k, v in o.data.items()}
            elif o.output_type == "error":
                d["ename"] = o.ename
                d["evalue"] = o.evalue
            outs.append(d)
        cells.append({"source": c.source, "execution_count": c.get("execution_count"), "outputs": outs})
    json.dump({"cells": cells}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
