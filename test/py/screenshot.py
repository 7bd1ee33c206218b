"""Export an executed notebook to HTML with nbconvert, open it in headless Chromium, save a PNG.

usage: screenshot.py EXECUTED.ipynb|PAGE.html OUT.png [--height PX] [--dom]

(An .html page, e.g. one `wasmlab publish` wrote, is opened as it is.)

Prints JSON: the HTML and PNG paths, the PNG size, and how many pixels have plotly's first
trace colour (#1f77b4): a rendered bar plot has thousands, a blank or failed one none. With
--dom, also the DOM after the page's scripts ran (Chromium's --dump-dom): `rendered_plots`, how
many figure divs plotly drew into (class js-plotly-plot with an SVG), and `plot_titles`. The
browser runs without network (its background networking off, a fresh profile, and no host name resolves), so a
plot that shows came from the page's own folder: plotly.js inlined, or a site's shared file.
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

import nbformat
from nbconvert import HTMLExporter


# No name resolves: anything a page fetches from the network fails, so what draws came from the
# page and files beside it.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND"


def png_pixels(path):
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes): width, height, rows of bytes, channels."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype = hdr[0], hdr[1], hdr[2], hdr[3]
    assert depth == 8 and ctype in (2, 6), f"unsupported PNG (depth {depth}, colour type {ctype})"
    ch = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * ch
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        ft, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - ch] if x >= ch else 0
            b = prev[x]
            c = prev[x - ch] if x >= ch else 0
            if ft == 1:
                line[x] = (line[x] + a) & 255
            elif ft == 2:
                line[x] = (line[x] + b) & 255
            elif ft == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, rows, ch


def count_colour(path, rgb, tol=12):
    w, h, rows, ch = png_pixels(path)
    n = 0
    for line in rows:
        for x in range(0, w * ch, ch):
            if abs(line[x] - rgb[0]) <= tol and abs(line[x + 1] - rgb[1]) <= tol and abs(line[x + 2] - rgb[2]) <= tol:
                n += 1
    return w, h, n


def dom_plots(chromium, html):
    """Plots plotly drew, read from the DOM after the scripts ran."""
    import re
    profile = tempfile.mkdtemp(prefix="wasmlab-chromium-")
    try:
        r = subprocess.run([
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", OFFLINE,
            "--virtual-time-budget=15000", "--dump-dom", "file://" + html,
        ], check=True, capture_output=True, timeout=180, text=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    dom = r.stdout
    drawn = re.findall(r'<div id="wasmlab-plot-[0-9a-f]+"[^>]*class="[^"]*js-plotly-plot', dom)
    titles = re.findall(r'class="gtitle"[^>]*>(.*?)</text>', dom)
    return {"rendered_plots": len(drawn), "plot_titles": titles}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("png")
    ap.add_argument("--height", type=int, default=2400)
    ap.add_argument("--dom", action="store_true")
    a = ap.parse_args()
    if a.notebook.endswith(".html"):
        html = os.path.abspath(a.notebook)
    else:
        nb = nbformat.read(a.notebook, as_version=4)
        body, _ = HTMLExporter().from_notebook_node(nb)
        html = os.path.splitext(os.path.abspath(a.png))[0] + ".html"
        with open(html, "w") as f:
            f.write(body)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("chromium is not installed: apt-get install -y chromium")
    profile = tempfile.mkdtemp(prefix="wasmlab-chromium-")
    try:
        subprocess.run([
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", OFFLINE,
            "--hide-scrollbars", f"--window-size=1280,{a.height}", "--virtual-time-budget=15000",
            f"--screenshot={os.path.abspath(a.png)}", "file://" + html,
        ], check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    w, h, n = count_colour(a.png, (0x1F, 0x77, 0xB4))
    out = {"html": html, "png": os.path.abspath(a.png), "width": w, "height": h, "plotly_blue_pixels": n}
    if a.dom:
        out.update(dom_plots(chromium, html))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
