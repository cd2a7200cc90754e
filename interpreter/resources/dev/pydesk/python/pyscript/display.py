"""`display()`: show Python values in the page, choosing a MIME type the way PyScript (and IPython) do.

The choice is two data tables: `_RENDERERS` (MIME type -> HTML) and `_REPR_METHODS` (method -> MIME type, in
order of preference). `_repr_mimebundle_` wins over both; a `str` is always escaped `text/plain`.
"""

from pyscript.context import current_target, document

# base64 and io are imported where they are needed: on a cold interpreter each costs tenths of a second.


def _escape(text):
    """HTML-escapes text the way `html.escape` does (quotes included)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    )

__all__ = ["HTML", "display"]


def _image(mime):
    def render(value, meta):
        if isinstance(value, (bytes, bytearray)):
            import base64

            value = base64.b64encode(value).decode("ascii")
        attributes = "".join(f' {name}="{_escape(str(v))}"' for name, v in meta.items())
        return f'<img src="data:{mime};base64,{value}"{attributes}>'

    return render


_RENDERERS = {
    "text/plain": lambda value, meta: _escape(value),
    "text/html": lambda value, meta: value,
    "image/png": _image("image/png"),
    "image/jpeg": _image("image/jpeg"),
    "image/svg+xml": lambda value, meta: value,
    "application/json": lambda value, meta: _json_text(value),
    "application/javascript": lambda value, meta: f"<script>{value}</script>",
}

def _json_text(value):
    """JSON shown as text: a str as it is, any other value (a dict or list, as IPython accepts from _repr_json_)
    as its JSON. Escaped, so JSON that holds markup shows the markup (PyScript 0.7.31 inserts a str as HTML and
    fails on a dict)."""
    if not isinstance(value, str):
        import json

        value = json.dumps(value, default=str)
    return _escape(value)


_REPR_METHODS = (
    ("savefig", "image/png"),
    ("_repr_png_", "image/png"),
    ("_repr_jpeg_", "image/jpeg"),
    ("_repr_svg_", "image/svg+xml"),
    ("_repr_html_", "text/html"),
    ("_repr_json_", "application/json"),
    ("_repr_javascript_", "application/javascript"),
    ("__repr__", "text/plain"),
)


class HTML:
    """Content shown as raw, unescaped HTML by `display()`."""

    def __init__(self, html):
        self._html = html

    def _repr_html_(self):
        return self._html


def _representation(value, method):
    if method == "__repr__":
        return repr(value)
    if not hasattr(value, method):
        return None
    if method == "savefig":
        import base64
        import io

        buffer = io.BytesIO()
        value.savefig(buffer, format="png")
        return base64.b64encode(buffer.getvalue()).decode("ascii")
    return getattr(value, method)()


def _render(value, mime, meta):
    if isinstance(value, tuple):
        value, extra = value
        meta = {**meta, **extra}
    return _RENDERERS[mime](value, meta)


def _html_and_mime(value):
    """The HTML to insert for `value`, and the MIME type it was rendered as."""
    if isinstance(value, str):
        return _escape(value), "text/plain"
    bundle = _representation(value, "_repr_mimebundle_")
    if bundle is not None:
        formats, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        for mime, output in formats.items():
            if mime in _RENDERERS:
                return _render(output, mime, dict(metadata.get(mime, {}))), mime
    for method, mime in _REPR_METHODS:
        output = _representation(value, method)
        if output is not None:
            return _render(output, mime, {}), mime
    return _escape(repr(value)), "text/plain"


def _write(element, value, append):
    content, mime = _html_and_mime(value)
    if not content.strip():
        return
    # an appended <div> is filled before it joins the page: a worker's steps cross one by one, and the page (or a
    # test waiting for the div) must never see it empty
    container = document.createElement("div") if append else element
    if mime in ("text/html", "application/javascript"):
        container.append(document.createRange().createContextualFragment(content))
    else:
        container.innerHTML = content
    if append:
        element.append(container)


def display(*values, target=None, append=True):
    """Shows each value in the element `target` (an id, with or without `#`), or by default in the running
    script's output element (a worker's is made after its script element on first use). `append=False` replaces
    what the target holds. An unknown target raises ValueError."""
    if isinstance(target, str):
        target = target[1:] if target.startswith("#") else target
    elif target is None:
        target = current_target()  # in a worker: PyScript's <script-py id="py-w0-target"> after its script
    element = document.getElementById(target)
    if element is None:
        raise ValueError(f"Cannot find element with id='{target}' in the page.")
    if element.tagName == "SCRIPT" and hasattr(element, "target"):
        element = element.target
    if not append:
        element.replaceChildren()
    for value in values:
        _write(element, value, append)
