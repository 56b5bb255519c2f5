"""Markdown components for the side-hip guide.

Plain Python-Markdown extensions, so both MkDocs and its successor Zensical
can run them (neither hooks nor plugins are needed).
"""
