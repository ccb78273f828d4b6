"""Static files under content-hashed names with long cache lifetimes, and compressed responses.

`register(app)` makes `url_for('static', filename='css/forum.css')` give
`/static/css/forum.<digest>.css`, served with `Cache-Control: public, max-age=31536000, immutable`;
plain names still work with a short lifetime (the design system's CSS names its fonts and icons
relatively). CSS, JS and SVG are sent brotli- or gzip-compressed, compressed once per process;
HTML pages are compressed as they leave (see `compression` for when, and why not always).
"""
from flask import Flask

from forum.assets import compression, static_view


def register(app: Flask) -> None:
    static_view.register(app)
    compression.register_html_compression(app)
