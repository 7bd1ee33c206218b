"""Write test/notebooks/magics.ipynb, test/notebooks/figures.ipynb and notebooks/quickstart.ipynb (unexecuted).

usage: make_notebooks.py CHECKOUT

The notebooks are plain files; this only makes them easy to change consistently.
test/kernel.test.ts asserts on the magics notebook's cells by position: keep them in step.
"""
import nbformat, sys
def nb(cells):
    n = nbformat.v4.new_notebook()
    n.metadata["kernelspec"] = {"name": "wasmlab", "display_name": "TypeScript (wasmlab)", "language": "typescript"}
    n.metadata["language_info"] = {"name": "typescript", "file_extension": ".ts"}
    out = []
    for c in cells:
        if c.startswith("#md "):
            out.append(nbformat.v4.new_markdown_cell(c[4:]))
        else:
            out.append(nbformat.v4.new_code_cell(c))
    n.cells = out
    return n

# The test notebook: test/kernel.test.ts asserts on each cell by its position (see CELLS there).
magics = nb([
    "%config reps=2 size=mini",
    "%bench -b gemm,crc32 -r native,wasmtime:cranelift -o df",
    "wl.plot.slowdown(df)",
    """%%bench -r wasmtime:cranelift,wazero:compiler -o adhoc
#include <stdio.h>
#include "wasmlab.h"

int main(void) {
  unsigned long long s = 0;
  wl_kernel_begin();
  for (unsigned i = 0; i < 2000000; i++) s += (unsigned long long)i * i % 7;
  wl_kernel_end();
  printf("%llu\\n", s);
  return 0;
}""",
    "%bench -b gemm --bogus",
    "1 + 1",
    "%bench -b nosuchbench -r native",
    """%%bench -r wasmtime:cranelift
#include <stdio.h>
int main(void) {
  int x = 1
  printf("%d\\n", x);
}""",
    "const n: number = df.shape[0];\nn",
    "df.head(2)",
    "%lsmagic",
    "%bench?",
    "[...new Set(adhoc['runtime'].values)].sort().join(',')",
    'import * as tslab from "tslab";\ntslab.display.html("<b>tslab display works</b>")',
    "const v = await new Promise<number>((r) => setTimeout(() => r(42), 10));\nv",
    "%bench -b gemm -r nosuchruntime",
])
nbformat.write(magics, sys.argv[1] + "/test/notebooks/magics.ipynb")

# The figures notebook: test/figures-kernel.test.ts asserts on each cell by its position.
figures = nb([
    "#md # Figures\n\nEvery figure kind on synthetic rows (a markdown cell: nbconvert must export it too).",
    "const rows = wl.synthetic({ benchmarks: 5, reps: 5, opts: ['O0', 'O2'] });\nconst o2 = rows.filter((r) => r.opt === 'O2');\nrows.length",
    "wl.plot.geomean(o2)",
    "wl.plot.tiers(o2)",
    "wl.plot.olevels(rows)",
    "wl.plot.heatmap(o2)",
    "wl.plot.reps(o2)",
    "wl.plot.ipc(o2)",
    "wl.plot.memory(o2)",
    "wl.plot.ratios(o2, { baseline: { sameTarget: 'no-aot' } })",
    "const df = await wl.frame(o2);\nwl.plot.geomean(df, { title: 'from a DataFrame' })",
    "wl.report(o2).geomeans.map((g) => g.verdict).join('\\n')",
    "wl.plot.geomean(o2, { baseline: 'wasmer' })",
    "const frames = [await wl.summarize(o2), await wl.compare(o2), await wl.geomeans(o2), await wl.counters(o2), await wl.ranking(o2), await wl.pivot(o2, { value: 'kernel_s' })];\nframes.map((f) => f.shape.join('x')).join(' ')",
])
nbformat.write(figures, sys.argv[1] + "/test/notebooks/figures.ipynb")

quick = nb([
    "#md # wasmlab quickstart\n\nThe kernel is TypeScript (tslab) with magics; `%lsmagic` lists them, `%help bench` (or `%bench?`) explains one. Every magic's result is a DataFrame; `-o NAME` keeps it in a variable for TypeScript cells.",
    "%runtimes",
    "#md A small sweep: three benchmarks at the `mini` size on a few runtimes, three measured repetitions each. The progress bar updates in place; the stop button ends the sweep and keeps the rows measured so far.",
    "%bench -b gemm,crc32,quicksort -r native,wasmtime:cranelift,wasmtime:winch,wazero:compiler,wasmi --size mini --reps 3 -o runs",
    "#md Slowdown over native (median of the program's own kernel timer over the repetitions), on a log scale:",
    "wl.plot.slowdown(runs)",
    "#md The same numbers as a frame, and plain TypeScript over the rows:",
    "const sd = await wl.slowdown(runs);\nsd",
    """const ok = runs.query(runs['status'].eq('ok'));
const worst = (await wl.slowdown(ok)).sortValues('slowdown', { ascending: false }).head(1);
`slowest target: ${worst['target'].values[0]} on ${worst['benchmark'].values[0]} (${Number(worst['slowdown'].values[0]).toFixed(1)}x native)`""",
])
nbformat.write(quick, sys.argv[1] + "/notebooks/quickstart.ipynb")

