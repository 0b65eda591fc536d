"""``python -m lintnews``: the same command line as the ``lintnews`` script."""

from lintnews.console import main

if __name__ == "__main__":
    main()
