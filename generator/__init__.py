"""Peer Support Policy Atlas: YAML jurisdiction files to a static site."""

__version__ = "0.1.0"
