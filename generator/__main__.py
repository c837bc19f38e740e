import sys

from generator.cli import main

# guarded: worker processes started with "spawn" import this module too
if __name__ == "__main__":
    sys.exit(main())
