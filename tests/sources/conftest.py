"""Fixtures only; what they are built from lives in helpers.py."""

from __future__ import annotations
