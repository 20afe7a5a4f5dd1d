"""Test and benchmark support code (no tests here)."""
