import sys

from babeldesk.cli import main

sys.exit(main())
