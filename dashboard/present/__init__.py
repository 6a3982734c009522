"""Presentation mode: slide selection (deck), figure styling (style), slides, navbar launcher."""
