import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent
# The shared reference data sit beside the repository; LAWGOV_SHARED names another place.
SHARED = Path(os.environ.get("LAWGOV_SHARED") or ROOT.parent / "shared")

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60)
settings.register_profile("thorough", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=600)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
