"""Kinds of file that exist only for tests: each is what a new kind's module looks like."""
