"""The batched DOM steps behind `pyscript.web` and `when`: each function here is one crossing to the page.

From a worker every crossing waits for the page's thread, so finding ten elements, or making a button with an id,
two classes and a label, is one crossing instead of ten or five (see DomAccess.java and boot.js's `web*` helpers).
"""

import _pydesk
from _pydesk.jsproxy import _ERROR, JsException, JsProxy, to_js_arg, to_python

_dom = _pydesk.js.dom()


def _check(result):
    # A selector the page cannot parse is a plain JsException, as in PyScript (its suite checks the exact type);
    # boot.js makes WebKit's message name the selector.
    if result is _ERROR:
        raise JsException(_pydesk.js.lastError())
    return result


def ref(node):
    """The JsRef of a JsProxy (what DomAccess takes)."""
    return object.__getattribute__(node, "_js_ref")


def elements(how, arg, nodes):
    """[(JsProxy, lower-case tag name), ...] for `how` (boot.js's `elementsBy`) applied to `arg` and `nodes`."""
    flat = _check(_dom.elements(how, arg, [ref(node) for node in nodes]))
    size = len(flat)
    return [(JsProxy(flat[i]), flat[i + 1]) for i in range(0, size, 2)]


def spec(classes, style, properties):
    """The flat list boot.js's `applySpec` reads: (name, value) properties, class names, (name, value) styles."""
    flat = [len(properties)]
    for name, value in properties:
        flat.append(name)
        flat.append(to_js_arg(value))
    flat.append(len(classes))
    flat.extend(classes)
    flat.append(len(style))
    for name, value in style:
        flat.append(name)
        flat.append(value)
    return flat


def build(tag, flat_spec, children):
    """A new element: `flat_spec` (see `spec`) applied, then `children` (HTML strings or JsRefs) added in order."""
    return JsProxy(_check(_dom.build(tag, flat_spec + children)))


def update(nodes, flat_spec):
    _check(_dom.update([ref(node) for node in nodes], flat_spec))


def append(node, items):
    """Appends `items` (JsRefs of nodes or of lists of nodes, or text) to `node`."""
    _check(_dom.append(ref(node), items))


def listen(node, name, callback_id, options=None):
    """Adds a registered callback as a listener of `name`; False when the element has no such event."""
    return bool(_check(_dom.listen(ref(node), name, callback_id, options)))


def inner_text(node):
    """`node.innerText` without the trailing line breaks WebKit adds after block children (see boot.js)."""
    return to_python(_check(_dom.innerText(ref(node))))
