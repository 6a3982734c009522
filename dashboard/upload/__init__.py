"""Next year's report added in the app: read an uploaded file, stage its extraction for
review, publish it as a data version, export it as the files a developer commits.

Plain Python (no Dash): ``documents`` (file → text), ``metadata`` (prefilled sources entry),
``staging`` (the data version the upload would make), ``queue`` (what a reviewer must look
at), ``store`` (uploads and decisions in the database), ``export`` (files for ``seeds/``),
``web`` (the Flask routes: the upload form's POST and the export download).
"""
