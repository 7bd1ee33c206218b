"""Execute a notebook on the wasmlab kernel with parameters, through papermill.

usage: notebook_publish.py INPUT OUTPUT [--param NAME JSON]... [--cwd DIR] [--timeout S]

Who runs it: `wasmlab notebook run` and `wasmlab publish` (src/publish/publish.ts), with the
checkout's .venv python, once per study notebook.

papermill has no translator for TypeScript (FACTS): this one writes each parameter as an
assignment to the variable the notebook's `parameters` cell declares (`size = "mini";`), in a
cell papermill injects after it. Values are JSON, so strings, numbers, booleans, lists and
objects keep their types.
"""
import argparse
import json
import sys

import papermill as pm
from papermill.translators import Translator, papermill_translators


class TypeScriptTranslator(Translator):
    @classmethod
    def translate_escaped_str(cls, str_val):
        return json.dumps(str_val)

    @classmethod
    def translate_none(cls, val):
        return "null"

    @classmethod
    def translate_dict(cls, val):
        return json.dumps(val)

    @classmethod
    def translate_list(cls, val):
        return json.dumps(val)

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        # An assignment, not a declaration: the parameters cell declared it with `let`.
        return f"{name} = {str_val};"


papermill_translators.register("typescript", TypeScriptTranslator)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--param", nargs=2, action="append", default=[], metavar=("NAME", "JSON"))
    ap.add_argument("--cwd")
    ap.add_argument("--timeout", type=int, default=7200)
    a = ap.parse_args()
    params = {name: json.loads(value) for name, value in a.param}
    try:
        pm.execute_notebook(a.input, a.output, parameters=params, kernel_name="wasmlab", language="typescript",
                            cwd=a.cwd, execution_timeout=a.timeout, progress_bar=False, log_output=False)
    except pm.PapermillExecutionError as e:
        print(f"{a.input}: cell {e.exec_count} failed: {e.ename}: {e.evalue}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
