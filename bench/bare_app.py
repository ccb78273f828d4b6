"""The baseline: a bare Flask app rendering a small template, served like the platform."""
from flask import Flask, render_template_string

app = Flask(__name__)

TEMPLATE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1><ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul></body></html>"""


@app.get("/")
def page():
    return render_template_string(TEMPLATE, title="Spredningsnetværket", items=["Tjek", "Test", "Tilpas"])
