"""The search engine under the library: Whoosh and the parts of it made faster here.

The only package that imports ``whoosh``; it imports nothing else of ``reader``.
"""
