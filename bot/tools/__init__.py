"""Tools for the team, not used while serving people: evaluation (``make eval``), the benchmark
(``make bench``), rule generation (``make rules``), the quiet launcher, the process runner and the
scale-out cluster profile."""
