"""Shared test settings: a fixed hypothesis budget so CI time stays bounded."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")  # plots render off-screen in tests

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("WSIOT_HYPOTHESIS_PROFILE", "ci"))
