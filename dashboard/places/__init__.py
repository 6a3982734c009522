"""Several places and several years read together, from the snapshot alone.

* ``compare``: the places stating figures for one year, side by side and ranked (/compare);
* ``record``: one place's targets of every year with what became of them (/record);
* ``bars``: the small bar charts both pages draw; ``files``: their CSV downloads.

The tables are pure pandas (no Dash), computed once per snapshot (its memo) and shared by
the pages, their slides and the downloads, so all three always say the same thing.
"""
