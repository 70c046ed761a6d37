"""Batch runs over folders: discovery and shards, engines (killable local workers, Dask), manifest, resume."""

from .discover import SUPPORTED_SUFFIXES, Input, NameFilter, Shard, discover, is_pattern, output_collisions
from .manifest import (
    FAILED_STATUSES, MANIFEST_NAME, STATUSES, ManifestEntry, count_by_status, export_items, manifest_text, printable,
    read_manifest, write_export, write_manifest,
)
from .engine import Budget, Engine, EngineFactory, EngineName, EngineUnavailable, Lost, engine_named
from .pool import WorkerPool
from .run import DEFAULT_TIMEOUT, default_jobs, run_batch
from .work import parse_file

__all__ = [
    "DEFAULT_TIMEOUT", "Budget", "Engine", "EngineFactory", "EngineName", "EngineUnavailable",
    "FAILED_STATUSES", "MANIFEST_NAME", "STATUSES", "SUPPORTED_SUFFIXES", "Input",
    "Lost", "ManifestEntry", "NameFilter", "Shard", "WorkerPool", "count_by_status", "default_jobs", "discover", "engine_named",
    "export_items", "is_pattern", "manifest_text", "output_collisions", "parse_file", "printable", "read_manifest",
    "run_batch", "write_export", "write_manifest",
]
