"""``python -m eventwire``: the same command line as ``eventwire``."""
from eventwire.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
