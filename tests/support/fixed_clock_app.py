"""Test-only entry: serve the app with the one clock held at a given day.

    python tests/support/fixed_clock_app.py 2026-11-30 <streamlit run arguments...>

Holds `logic.clock` at that date (noon in London) for the whole server process, then hands over
to Streamlit's own command line. Only tests/support/served_app.py starts it; production app.py
reads no setting that moves the clock.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from logic import clock

    day = date.fromisoformat(sys.argv[1])
    held = clock.fixed(day)  # kept referenced: a collected generator would put the clock back
    held.__enter__()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[2:]]
    sys.exit(cli.main())
