"""The one-page brief for meetings (``/brief``, ``/brief.pdf``): one A4 portrait page with
the headline figures, the target table, one chart and the source of every number.

* ``content.py`` — pure: snapshot and query values → a frozen :class:`content.Brief`;
* ``svg.py`` — pure: the chart as a static SVG string (no script, so a PDF waits for nothing);
* ``html.py`` — pure: a Brief → a complete HTML document, every text escaped;
* ``pdf.py`` — the HTML printed by headless Chromium, with a time limit;
* ``printer.py`` — prints off the request path: one Chromium per host, a bounded queue;
* ``cache.py`` — printed PDFs kept per data version and normalised query (the database's
  ``rendered_briefs`` shared by every worker, else the snapshot's memo);
* ``routes.py`` — the Flask routes, registered by ``create_app``.
"""
