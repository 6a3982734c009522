"""In-year figures entered by statistics-office staff: parsed, checked, reviewed, audited.

Plain Python and SQLAlchemy; no Dash. The pages wire callbacks to these functions.
"""
