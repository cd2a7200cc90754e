"""`pyscript.web`: the page's elements as Python objects, as PyScript 0.7.31 offers them.

- `page`: `page["id"]` / `page["#id"]` (an Element or None), `page.find(selector)` (an ElementCollection),
  `page.title`, `page.html`, `page.head`, `page.body`, `page.append(...)`.
- One class per HTML tag: `div`, `button`, `input_`, `select`, ... (`del_`, `map_`, `object_`, `input_` carry an
  underscore): `web.button("Go", id="b", classes=["x"], style={"color": "red"}, on_click=handler)`. Positional
  arguments of container tags are children: Elements, collections, or HTML strings.
- `Element`: DOM attributes as Python attributes (`for_` is `htmlFor`, `class_` is `className`), `find`,
  `classes` (set-like), `style` (dict-like), `parent`, `children`, `append`, `clone`, `show_me`, `update`,
  `[index]`, `[slice]`, `["id"]`, events as `element.on_click` (a `pyscript.Event`).
- `ElementCollection`: indexing, slicing, `["id"]`, iteration, `len`, `find`, `update_all`, and attribute broadcast
  (`items.innerHTML = "x"` sets every element; `items.classes`, `items.style` act on all).
- `select`, `datalist`, `optgroup`: `.options` (`add`, `remove`, `clear`, `selected`, indexing, iteration).

Each step is as few crossings to the page as it can be (see `_pydesk.dom`): a worker pays a thread hop for each.
"""

import _pydesk
from _pydesk import dom
from _pydesk.jsproxy import JsProxy
from _pydesk.web_views import (
    Classes,
    ClassesCollection,
    Options,
    Style,
    StyleCollection,
    class_names,
    css_name,
)
from pyscript.context import document
from pyscript.events import Event
from pyscript.ffi import is_none

__all__ = ["CONTAINER_TAGS", "VOID_TAGS", "Classes", "ContainerElement", "Element", "ElementCollection", "Event",
           "HasOptions", "Options", "Page", "Style", "page"]


def _wrap_if_not_none(dom_element):
    """The Element for a DOM element, or None for None/null/undefined."""
    return None if is_none(dom_element) else Element.wrap_dom_element(dom_element)


def _find_by_id(dom_node, target_id):
    """The Element with this id (a leading "#" is optional) inside `dom_node`, or None."""
    element_id = target_id[1:] if target_id.startswith("#") else target_id
    found = dom.elements("id", element_id, [dom_node])
    return Element.wrap_dom_element(*found[0]) if found else None


def _find_and_wrap(dom_node, selector):
    """The elements inside `dom_node` that match the CSS `selector`, as an ElementCollection."""
    return ElementCollection._of(dom.elements("find", selector, [dom_node]))


def _dom_name(name):
    """The DOM name of a Python attribute name: one trailing underscore dropped, `for` and `class` mapped."""
    if name.endswith("_"):
        name = name[:-1]
    return {"for": "htmlFor", "class": "className"}.get(name, name)


def _js_value(value):
    return value._dom_element if isinstance(value, Element) else value


def _split_options(classes, style, attributes):
    """(spec for boot.js, {on_name: handler}) from the arguments of a constructor or `update`."""
    events, properties, styles = {}, [], []
    for name, value in attributes.items():
        if value is None:
            continue  # a keyword given None is left unset
        if name.startswith("on_"):
            events[name] = value
        else:
            properties.append((_dom_name(name), _js_value(value)))
    if isinstance(style, str):
        properties.insert(0, ("style", style))
    elif style:
        styles = [(css_name(key), str(value)) for key, value in style.items()]
    names = class_names(classes)
    if not (names or styles or properties):
        return None, events
    return dom.spec(names, styles, properties), events


def _children(items, html_strings):
    """JsRefs (and text, or HTML strings for a constructor) for items that may be Elements, collections, lists,
    DOM nodes or NodeLists, and plain values."""
    out = []
    for item in items:
        if isinstance(item, Element):
            out.append(dom.ref(item._dom_element))
        elif isinstance(item, ElementCollection):
            out.extend(dom.ref(element._dom_element) for element in item)
        elif isinstance(item, (list, tuple)):
            out.extend(_children(item, html_strings))
        elif isinstance(item, JsProxy):
            out.append(dom.ref(item))
        elif isinstance(item, (str, int, float, bool)):
            out.append(item)
        elif html_strings:
            out.append(str(item))
        else:
            raise TypeError(f"Cannot append {type(item).__name__} to element.")
    return out


class Element:
    """An HTML element: a new one (`web.div("text", id="x")`) or one of the page (`web.page["x"]`). DOM
    attributes and methods are Python attributes; the DOM element itself is `_dom_element`."""

    element_classes_by_tag_name = {}
    """Tag name -> Element subclass, used when wrapping elements found in the page."""

    @classmethod
    def get_tag_name(cls):
        """The HTML tag of this class (its name without underscores: `input_` is `input`)."""
        return cls.__name__.replace("_", "")

    @classmethod
    def register_element_classes(cls, element_classes):
        for element_class in element_classes:
            cls.element_classes_by_tag_name[element_class.get_tag_name()] = element_class

    @classmethod
    def unregister_element_classes(cls, element_classes):
        for element_class in element_classes:
            cls.element_classes_by_tag_name.pop(element_class.get_tag_name(), None)

    @classmethod
    def wrap_dom_element(cls, dom_element, tag=None):
        """The Element subclass for the DOM element's tag (or Element for an unknown tag), around it."""
        if tag is None:
            tag = str(dom_element.tagName).lower()
        element_class = cls.element_classes_by_tag_name.get(tag, cls)
        if element_class.__init__ in _PLAIN_INITS:
            # what __init__ would do for a bare DOM element, without its Python-level work (a page finds many)
            element = object.__new__(element_class)
            attributes = element.__dict__
            attributes["_dom_element"] = dom_element
        else:
            element = element_class(dom_element=dom_element)
        element._tag = tag
        return element

    _tag = _classes = _style = _on_events = None

    def __init__(self, dom_element=None, classes=None, style=None, **kwargs):
        self._setup(dom_element, classes, style, kwargs, ())

    def _setup(self, dom_element, classes, style, attributes, children):
        spec, events = _split_options(classes, style, attributes)
        if is_none(dom_element):
            self._tag = type(self).get_tag_name()
            self._dom_element = dom.build(self._tag, spec or dom.spec([], [], []), _children(children, True))
        else:
            self._dom_element = dom_element
            if spec:
                dom.update([dom_element], spec)
            if children:
                self.append(*children)
        for name, handler in events.items():
            self.get_event(name).add_listener(handler)

    @property
    def tag(self):
        """The element's tag name, lower case (`"div"`)."""
        if self._tag is None:
            self._tag = str(self._dom_element.tagName).lower()
        return self._tag

    def __eq__(self, other):
        return isinstance(other, Element) and other._dom_element == self._dom_element

    __hash__ = None

    def __repr__(self):
        name = type(self).__name__
        return f"<web.{name}>" if name.rstrip("_") == self.tag else f"<web.{name} <{self.tag}>>"

    def __getitem__(self, key):
        """`element[0]`, `element[1:3]`: children; `element["id"]` / `element["#id"]`: a descendant by id, or
        None."""
        if isinstance(key, (int, slice)):
            return self.children[key]
        if isinstance(key, str):
            return _find_by_id(self._dom_element, key)
        raise TypeError(f"Element indices must be integers, slices, or strings, not {type(key).__name__}.")

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name.startswith("on_"):
            return self.get_event(name)
        if name == "innerText":
            return dom.inner_text(self._dom_element)
        try:
            return getattr(self._dom_element, _dom_name(name))
        except AttributeError:
            raise AttributeError(f"'{type(self).__name__}' element has no attribute '{name}'") from None

    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        elif name.startswith("on_"):
            self.get_event(name).add_listener(value)
        elif name == "classes":
            self._dom_element.setAttribute("class", " ".join(class_names(value)))
        elif name == "style":
            self._dom_element.style.cssText = value if isinstance(value, str) else ""
            if not isinstance(value, str):
                self.update(style=value)
        else:
            setattr(self._dom_element, _dom_name(name), _js_value(value))

    def get_event(self, name):
        """The `pyscript.Event` for a DOM event, `on_click` for `click`: triggered with the DOM event each time
        it happens. An element that has no such event raises ValueError."""
        if not name.startswith("on_"):
            raise ValueError("Event names must start with 'on_'.")
        if self._on_events is None:
            self._on_events = {}
        event = self._on_events.get(name)
        if event is None:
            event = Event()
            event_name = name[3:]
            callback_id = _pydesk.js.registerCallback(_trigger(event))
            if not dom.listen(self._dom_element, event_name, callback_id):
                _pydesk.js.releaseCallback(callback_id)
                raise ValueError(f"Element has no '{event_name}' event.")
            self._on_events[name] = event
        return event

    @property
    def children(self):
        """The child elements, as an ElementCollection."""
        return ElementCollection._of(dom.elements("children", None, [self._dom_element]))

    @property
    def classes(self):
        """The CSS classes, as a live set (`add`, `remove`, `discard`, `toggle`, `in`, ...)."""
        if self._classes is None:
            self._classes = Classes(self)
        return self._classes

    @property
    def style(self):
        """The inline style, as a live dict of CSS property names (`style["font-size"] = "16px"`)."""
        if self._style is None:
            self._style = Style(self)
        return self._style

    @property
    def parent(self):
        """The parent Element, or None."""
        found = dom.elements("parent", None, [self._dom_element])
        return Element.wrap_dom_element(*found[0]) if found else None

    def append(self, *items):
        """Appends Elements, collections, lists of them, DOM nodes, NodeLists, and text (str, int, float, bool)."""
        children = _children(items, False)
        if children:
            dom.append(self._dom_element, children)

    def clone(self, clone_id=None):
        """A deep copy (not in the page until appended), with id `clone_id`, or with no id: two elements with one
        id would make `page["id"]` ambiguous."""
        found = dom.elements("clone", clone_id, [self._dom_element])
        return Element.wrap_dom_element(*found[0])

    def find(self, selector):
        """The descendants that match the CSS `selector`, as an ElementCollection (maybe empty)."""
        return _find_and_wrap(self._dom_element, selector)

    def show_me(self):
        """Scrolls the element into view."""
        self._dom_element.scrollIntoView()

    def update(self, classes=None, style=None, **kwargs):
        """Adds `classes`, sets `style` properties, DOM attributes and `on_*` handlers, in one go."""
        spec, events = _split_options(classes, style, kwargs)
        if spec:
            dom.update([self._dom_element], spec)
        for name, handler in events.items():
            self.get_event(name).add_listener(handler)


def _trigger(event):
    def called_from_js(*args):
        event.trigger(args[0] if args else None)

    return called_from_js


_PLAIN_INITS = (Element.__init__,)


class ContainerElement(Element):
    """An element that has children: positional arguments (or `children=[...]`) are Elements, collections or HTML
    strings, added in order. Iterating over it gives its children."""

    def __init__(self, *args, children=None, dom_element=None, style=None, classes=None, **kwargs):
        self._setup(dom_element, classes, style, kwargs, list(args) + list(children or ()))

    def __iter__(self):
        return iter(self.children)


_PLAIN_INITS += (ContainerElement.__init__,)


class ElementCollection:
    """A list of Elements: indexing, slicing (a new collection), `["id"]` (an element of the collection, or inside
    one), iteration, `len`, `find`, `update_all`. Reading an attribute gives the list of every element's value;
    setting one sets it on every element."""

    @classmethod
    def wrap_dom_elements(cls, dom_elements):
        """An ElementCollection of DOM elements (a NodeList, HTMLCollection or a list of DOM elements)."""
        if isinstance(dom_elements, JsProxy):
            return cls._of(dom.elements("items", None, [dom_elements]))
        nodes = list(dom_elements)
        return cls._of(dom.elements("each", None, nodes) if nodes else [])

    @classmethod
    def _of(cls, pairs):
        wrap = Element.wrap_dom_element
        return cls([wrap(node, tag) for node, tag in pairs])

    def __init__(self, elements):
        object.__setattr__(self, "_elements", elements if isinstance(elements, list) else list(elements))

    def __eq__(self, other):
        return isinstance(other, ElementCollection) and other._elements == self._elements

    __hash__ = None

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._elements[key]
        if isinstance(key, slice):
            return ElementCollection(self._elements[key])
        if isinstance(key, str):
            element_id = key[1:] if key.startswith("#") else key
            if not self._elements:
                return None
            found = dom.elements("idSelf", element_id, self._dom_elements())
            return Element.wrap_dom_element(*found[0]) if found else None
        raise TypeError(f"Collection indices must be integers, slices, or strings, not {type(key).__name__}")

    def __iter__(self):
        return iter(self._elements)

    def __len__(self):
        return len(self._elements)

    def __repr__(self):
        return f"{type(self).__name__} (length: {len(self._elements)}) {self._elements}"

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return [getattr(element, name) for element in self._elements]

    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        elif name.startswith("on_") or name in ("classes", "style"):
            for element in self._elements:
                setattr(element, name, value)
        elif self._elements:
            dom.update(self._dom_elements(), dom.spec([], [], [(_dom_name(name), _js_value(value))]))

    def _dom_elements(self):
        return [element._dom_element for element in self._elements]

    @property
    def elements(self):
        """The Elements, as a list."""
        return self._elements

    @property
    def classes(self):
        """The classes of all the elements (`items.classes.add("done")` adds to each)."""
        return ClassesCollection(self)

    @property
    def style(self):
        """The inline style of all the elements (`items.style["color"] = "red"` sets each)."""
        return StyleCollection(self)

    def find(self, selector):
        """The descendants of every element that match the CSS `selector`, as one ElementCollection."""
        if not self._elements:
            return ElementCollection([])
        return ElementCollection._of(dom.elements("find", selector, self._dom_elements()))

    def update_all(self, classes=None, style=None, **kwargs):
        """`update(...)` on every element: the classes, style and attributes in one crossing for all of them."""
        spec, events = _split_options(classes, style, kwargs)
        if spec and self._elements:
            dom.update(self._dom_elements(), spec)
        for element in self._elements:
            for name, handler in events.items():
                element.get_event(name).add_listener(handler)


class HasOptions:
    """Mixin of select, datalist and optgroup: `.options`."""

    @property
    def options(self):
        """The element's options (`add`, `remove`, `clear`, `selected`, indexing, iteration)."""
        return Options(self)


class canvas(ContainerElement):
    """HTML <canvas>, with `download()` and `draw()`."""

    def download(self, filename="snapped.png"):
        """Downloads the canvas as a PNG image named `filename`."""
        link = a(download=filename, href=self._dom_element.toDataURL())  # noqa: F821 (made below)
        self.append(link)
        link._dom_element.click()

    def draw(self, what, width=None, height=None):
        """Draws an image source (an img, video or canvas Element, or a DOM image source), scaled to
        `width` x `height` when given."""
        if isinstance(what, Element):
            what = what._dom_element
        context = self._dom_element.getContext("2d")
        if width or height:
            context.drawImage(what, 0, 0, width, height)
        else:
            context.drawImage(what, 0, 0)


class video(ContainerElement):
    """HTML <video>, with `snap()`."""

    def snap(self, to=None, width=None, height=None):
        """Draws the current frame onto a canvas (`to`: a canvas Element, a DOM canvas, a selector, or None for a
        new canvas) and returns that canvas Element."""
        width = width or self.videoWidth
        height = height or self.videoHeight
        if is_none(to):
            to = canvas(width=width, height=height)
        elif isinstance(to, Element):
            if to.tag != "canvas":
                raise TypeError("Element to snap to must be a canvas.")
        elif isinstance(to, str):
            found = page.find(to)
            if not len(found):
                raise TypeError(f"No element with selector {to} to snap to.")
            if found[0].tag != "canvas":
                raise TypeError("Element to snap to must be a canvas.")
            to = found[0]
        elif str(getattr(to, "tagName", "")).upper() == "CANVAS":
            to = canvas(dom_element=to)
        else:
            raise TypeError("Element to snap to must be a canvas.")
        to.draw(self, width, height)
        return to


class datalist(ContainerElement, HasOptions):
    """HTML <datalist>, with `.options`."""


class optgroup(ContainerElement, HasOptions):
    """HTML <optgroup>, with `.options`."""


class select(ContainerElement, HasOptions):
    """HTML <select>, with `.options`."""


# fmt: off
CONTAINER_TAGS = [
    "a", "abbr", "address", "article", "aside", "audio", "b", "blockquote", "body", "button", "caption", "cite",
    "code", "colgroup", "data", "dd", "del", "details", "dialog", "div", "dl", "dt", "em", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
    "html", "i", "iframe", "ins", "kbd", "label", "legend", "li", "main", "map", "mark", "menu", "meta", "meter",
    "nav", "object", "ol", "option", "output", "p", "param", "picture", "pre", "progress", "q", "s", "script",
    "section", "small", "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "template",
    "textarea", "tfoot", "th", "thead", "time", "title", "tr", "u", "ul", "var", "wbr",
]
"""Tags whose elements take children: each is a ContainerElement class of this module."""

VOID_TAGS = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "source", "track"]
"""Tags whose elements take no children: each is an Element class of this module."""
# fmt: on

_KEYWORD_TAGS = ("del", "map", "object", "input")  # Python keywords or builtins: the class name gets a "_"


def _make_tag_classes():
    classes = [canvas, video, datalist, optgroup, select]
    for tags, base in ((CONTAINER_TAGS, ContainerElement), (VOID_TAGS, Element)):
        for tag in tags:
            name = tag + "_" if tag in _KEYWORD_TAGS else tag
            made = type(name, (base,), {"__doc__": f"HTML <{tag}> element.", "__module__": __name__})
            globals()[name] = made
            classes.append(made)
    Element.register_element_classes(classes)


_make_tag_classes()


class Page:
    """The page: `page["id"]`, `page.find(selector)`, `page.title`, `page.html`, `page.head`, `page.body`,
    `page.append(...)` (to the body)."""

    def __init__(self):
        self._parts = {}

    def _part(self, name):
        element = self._parts.get(name)
        if element is None:
            element = self._parts[name] = Element.wrap_dom_element(getattr(document, name))
        return element

    @property
    def html(self):
        """The <html> element."""
        return self._part("documentElement")

    @property
    def head(self):
        return self._part("head")

    @property
    def body(self):
        return self._part("body")

    def __getitem__(self, key):
        """The element with this id (a leading "#" is optional), or None."""
        if not isinstance(key, str):
            raise TypeError(f"page[...] takes an element id (a str), not {type(key).__name__}")
        return _find_by_id(document, key)

    @property
    def title(self):
        return document.title

    @title.setter
    def title(self, value):
        document.title = value

    def append(self, *items):
        """Appends to the body (see `Element.append`)."""
        self.body.append(*items)

    def find(self, selector):
        """The elements of the page that match the CSS `selector`, as an ElementCollection."""
        return _find_and_wrap(document, selector)


page = Page()
"""The current page."""
