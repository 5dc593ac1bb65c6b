"""``jaanch batch``: the extraction pipeline over many articles at once, written to an output
folder that ``jaanch ingest DIR`` loads without extracting again.

:mod:`~jaanch.batch.local` runs the pipeline on a process pool (the pipeline and its models
loaded once per worker process); :mod:`~jaanch.batch.output` is the folder's layout.
"""
