"""Benchmarks: one module each, with ``register(subparsers)`` (``veracity bench NAME``)."""
