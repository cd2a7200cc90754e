"""The batched DOM steps behind `pyscript.web` and `when`: each function here is one crossing to the page.

From a worker every crossing waits for the page's thread, so finding ten elements, or making a button with an id,
two classes and a label, is one crossing instead of ten or five (see DomAccess.java and boot.js's `web*` helpers).
"""

import _pydesk

_dom = _pydesk.js.dom()


def ref(node):
    """What DomAccess takes for a node: the JsProxy itself."""
    return node


def elements(how, arg, nodes):
    """[(JsProxy, lower-case tag name), ...] for `how` (boot.js's `elementsBy`) applied to `arg` and `nodes`."""
    # A selector the page cannot parse raises a plain JsException, as in PyScript (its suite checks the exact type);
    # boot.js makes WebKit's message name the selector.
    flat = _dom.elements(how, arg, list(nodes))
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]


def spec(classes, style, properties):
    """The flat list boot.js's `applySpec` reads: (name, value) properties, class names, (name, value) styles."""
    flat = [len(properties)]
    for name, value in properties:
        flat.append(name)
        flat.append(value)
    flat.append(len(classes))
    flat.extend(classes)
    flat.append(len(style))
    for name, value in style:
        flat.append(name)
        flat.append(value)
    return flat


def build(tag, flat_spec, children):
    """A new element: `flat_spec` (see `spec`) applied, then `children` (HTML strings or nodes) added in order."""
    return _dom.build(tag, flat_spec + children)


def update(nodes, flat_spec):
    _dom.update(list(nodes), flat_spec)


def append(node, items):
    """Appends `items` (nodes, lists of nodes, or text) to `node`."""
    _dom.append(node, items)


def listen(node, name, callback_id, options=None):
    """Adds a registered callback as a listener of `name`; False when the element has no such event."""
    return _dom.listen(node, name, callback_id, options)


def inner_text(node):
    """`node.innerText` without the trailing line breaks WebKit adds after block children (see boot.js)."""
    return _dom.innerText(node)
