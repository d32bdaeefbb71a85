"""The package version, kept apart so that ``rcpack --version`` imports nothing else."""

__version__ = "0.1.0"
