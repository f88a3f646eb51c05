"""Large archives: each document analysed on its own (in worker processes or on a Dask
cluster), kept on disk, and joined across the archive at the end.

outline.py    what is kept in memory of each document, and the join: cluster → keys
spool.py      every document's analysis on disk until the report is written
executors.py  where documents are analysed: here, a process pool, a Dask cluster
progress.py   documents/s and the time left, on a terminal
"""
