"""Batch mode: the pipeline on Dask, writing Parquet shards; ``load`` stores them (needs [scale])."""

from .load import iter_records, load_shards
from .run import BatchReport, run_batch

__all__ = ["BatchReport", "iter_records", "load_shards", "run_batch"]
