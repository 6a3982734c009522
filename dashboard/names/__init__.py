"""English for what reports name in Chinese: indicator names (a glossary of the genre's terms,
suggestions a reviewer confirms, how a name is shown on an English page) and units."""
