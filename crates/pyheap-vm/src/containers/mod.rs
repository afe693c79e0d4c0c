//! CPython 3.11 container tables (dict, set, list growth) over pyheap-mem storage.
