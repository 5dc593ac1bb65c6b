"""The batch engine on Apache Spark: the chunks of articles become the partitions of an RDD;
each task extracts its chunk with :func:`jaanch.batch.local.extract_chunk` in a Spark Python
worker (the pipeline and its models loaded once per worker process, kept across tasks as
Spark reuses its Python workers) and writes its own part of the output folder, so all
partitions run at once and the driver only gathers the part list.

``master`` is any Spark master URL: ``local[2]`` on one machine, ``spark://host:7077`` or
``yarn`` on a cluster, where the executors need Jaanch installed and the output folder must
be one they all see (a shared file system; see ``docs/scale.md``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _task(folder: str, first: int, fmt: str) -> Any:
    def run(numbered: Iterator[tuple[int, list[Any]]]) -> Iterator[dict[str, Any]]:
        from jaanch.batch import output
        from jaanch.batch.local import extract_chunk

        # each chunk carries its own number: a partition may hold more than one
        for index, chunk in numbered:
            res = extract_chunk(chunk)
            yield output.write_part(
                Path(folder), first + index, res["records"], res["articles"], res["errors"], fmt
            )

    return run


def spark_write(
    chunks: list[list[Any]], master: str, folder: Path, first: int, fmt: str = "jsonl"
) -> list[dict[str, Any]]:
    """Extract ``chunks`` on Spark, chunk ``i`` written as part ``first + i``; the parts'
    manifest entries in order."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:  # pragma: no cover - pyspark comes with the spark extra
        raise RuntimeError(
            "the spark engine needs PySpark (pip install 'jaanch[spark]') and Java 17"
        ) from e
    if not chunks:
        return []
    # the workers run this interpreter (where Jaanch is installed), unless told otherwise
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("jaanch batch")
        .config("spark.ui.enabled", "false")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rdd = spark.sparkContext.parallelize(list(enumerate(chunks)), numSlices=len(chunks))
        entries: list[dict[str, Any]] = rdd.mapPartitions(
            _task(str(folder.resolve()), first, fmt)
        ).collect()
    finally:
        spark.stop()
    return sorted(entries, key=lambda e: str(e["part"]))
