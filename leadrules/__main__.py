"""`python -m leadrules` runs the command line."""

from leadrules.cli.main import main

main()
