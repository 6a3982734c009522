"""The static comparison pages: plain HTML, plotly.js and the captured figures.

Two pages draw the overview's figures (``el.data`` / ``el.layout`` captured in the browser)
with one ``Plotly.newPlot`` each, and nothing else:

* ``standard``: plotly.js as plotly.py ships it (``plotly/package_data/plotly.min.js``, the
  full bundle that ``fig.write_html()`` uses) — "a plain static HTML page with plotly.js",
  the reference of issue #7's target.
* ``same-bundle``: the dashboard's own ``assets/vendor/a-plotly.min.js`` partial bundle, so
  the difference from the dashboard is Dash and React alone.

Both load the dashboard's zh-CN locale file and are served by the dashboard's own server
(``bench_server.py``), brotli-compressed like its assets.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import plotly

STANDARD_PLOTLY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PAGES = {"standard": "static plotly.js page, standard bundle",
         "same-bundle": "static plotly.js page, the dashboard's partial bundle"}


def write_static_pages(static_dir: Path, figures: list[dict[str, Any]],
                       app_scripts: list[str]) -> dict[str, str]:
    """Write both pages; returns ``name -> URL path``. ``app_scripts`` are the dashboard's
    plotly.js and locale URLs, in order."""
    shutil.copyfile(STANDARD_PLOTLY, static_dir / "plotly.min.js")
    locale = [s for s in app_scripts if "locale" in s]
    scripts = {"standard": ["/__bench__/plotly.min.js", *locale], "same-bundle": app_scripts}
    figs = [{"data": f["data"], "layout": f["layout"], "config": f["config"]} for f in figures]
    (static_dir / "figures.js").write_text(
        "var FIGURES = " + json.dumps(figs, ensure_ascii=False) + ";\n"
        "FIGURES.forEach(function (f, i) {\n"
        "  Plotly.newPlot('g' + i, f.data, f.layout, f.config);\n"
        "});\n",
        encoding="utf-8",
    )
    css = "\n".join(f"#g{i} {{ height: {max(int(f.get('height') or 450), 100)}px; }}"
                    for i, f in enumerate(figures))
    (static_dir / "figures.css").write_text(css + "\n", encoding="utf-8")
    divs = "\n".join(f'<div id="g{i}" class="bench-graph"></div>' for i in range(len(figures)))
    urls = {}
    for name, srcs in scripts.items():
        tags = "\n".join(f'<script src="{src}"></script>' for src in srcs)
        (static_dir / f"{name}.html").write_text(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>static plotly.js baseline ({name})</title>"
            '<link rel="stylesheet" href="/__bench__/figures.css">\n'
            f"{tags}\n</head><body>\n{divs}\n"
            '<script src="/__bench__/figures.js"></script>\n</body></html>\n',
            encoding="utf-8",
        )
        urls[name] = f"/__bench__/{name}.html"
    return urls
