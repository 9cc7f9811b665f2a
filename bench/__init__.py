"""Benchmark harness for issue 9 ("Speed at national scale"): synthetic data (``synth``) and the timer (``run``).

Nothing here is imported by the generator; it drives the real CLI from outside, as a maintainer would.
"""
