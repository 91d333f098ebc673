"""`python -m pipeline` is the same as the `stagepipe` console script."""

from pipeline.cli import main

if __name__ == "__main__":
    main()
