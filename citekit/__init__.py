"""citekit: keep the provenance of every figure you cite."""

__version__ = "0.1.0"
