import sys
from pathlib import Path

# The bench scripts run as `python bench/run.py`, importing their neighbours by name.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
