import sys

from burenbot.cli import main

sys.exit(main())
