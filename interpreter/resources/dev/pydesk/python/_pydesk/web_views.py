"""Live views used by `pyscript.web`: an element's CSS classes (set-like), its inline style (dict-like), the options
of a select/datalist/optgroup, and the same for a whole collection of elements.

They read the DOM each time instead of keeping a copy, so they never go stale when the page (or another wrapper of
the same element) changes it; PyScript 0.7.31 keeps a Python copy made when the view was first used.
"""

from collections.abc import MutableMapping, MutableSet, Set

from _pydesk import dom


def class_names(classes):
    """Class names from a string ("a b"), or an iterable of such strings; empty names dropped."""
    if classes is None:
        return []
    if isinstance(classes, str):
        return classes.split()
    names = []
    for item in classes:
        names.extend(str(item).split())
    return names


def css_name(name):
    """A CSS property name: `backgroundColor` becomes `background-color`; `--custom` and hyphenated names stay."""
    if "-" in name or name.lower() == name:
        return name
    return "".join("-" + c.lower() if c.isupper() else c for c in name)


def _declared_names(css_text):
    """The property names of a `style.cssText`, in order (semicolons inside quotes or parentheses don't split)."""
    names, start, depth, quote = [], 0, 0, None
    for i, c in enumerate(css_text + ";"):
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == ";" and depth == 0:
            declaration = css_text[start:i]
            start = i + 1
            if ":" in declaration:
                names.append(declaration.split(":", 1)[0].strip())
    return names


class Classes(MutableSet):
    """An element's CSS classes as a set: `add`, `remove` (warns in the console when the class is missing, as in
    PyScript), `discard`, `clear`, `in`, `len`, iteration, comparison with sets; also `toggle`, `contains` and
    `replace` as on the DOM's classList. `add("a b")` adds two classes."""

    def __init__(self, element):
        self._element = element
        self._class_list = None

    def _list(self):
        if self._class_list is None:
            self._class_list = self._element._dom_element.classList
        return self._class_list

    def _names(self):
        value = self._element._dom_element.getAttribute("class")
        return list(dict.fromkeys(value.split())) if value else []

    @classmethod
    def _from_iterable(cls, iterable):
        return set(iterable)  # `classes | {"x"}` and friends give a plain set

    def __contains__(self, name):
        return name in self._names()

    def __iter__(self):
        return iter(self._names())

    def __len__(self):
        return len(self._names())

    def __eq__(self, other):
        if isinstance(other, (Set, set, frozenset)):
            return set(self._names()) == set(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return f"Classes({set(self._names())!r})"

    def add(self, *names):
        names = class_names(names)
        if names:
            dom.update([self._element._dom_element], dom.spec(names, [], []))

    def remove(self, *names):
        present = self._names()
        names = class_names(names)
        for name in names:
            if name not in present:
                from pyscript.context import window

                window.console.warn(f"Class '{name}' not found in element classes.")
        found = [name for name in names if name in present]
        if found:
            self._list().remove(*found)

    def discard(self, *names):
        names = class_names(names)
        if names:
            self._list().remove(*names)

    def clear(self):
        self._element._dom_element.setAttribute("class", "")

    def toggle(self, name, force=None):
        """Adds `name` if missing, else removes it (or adds for `force=True`, removes for `force=False`); returns
        whether the class is there afterwards."""
        return self._list().toggle(name) if force is None else self._list().toggle(name, bool(force))

    def contains(self, name):
        return name in self

    def replace(self, old, new):
        """Replaces class `old` by `new`; returns False (and changes nothing) when `old` is not there."""
        return self._list().replace(old, new)


class Style(MutableMapping):
    """An element's inline style as a dict of CSS property names (`style["background-color"] = "red"`; camelCase
    names work too). Values read back as the page's CSS serialisation (`#f0f0f0` reads `rgb(240, 240, 240)`, as
    `getPropertyValue` gives it in JavaScript); a property that is not set raises KeyError."""

    def __init__(self, element):
        self._element = element
        self._declaration = None

    def _style(self):
        if self._declaration is None:
            self._declaration = self._element._dom_element.style
        return self._declaration

    def __getitem__(self, name):
        value = self._style().getPropertyValue(css_name(name))
        if not value:
            raise KeyError(name)
        return value

    def __setitem__(self, name, value):
        if value is None:
            self._style().removeProperty(css_name(name))
        else:
            self._style().setProperty(css_name(name), str(value))

    def __delitem__(self, name):
        if not self._style().removeProperty(css_name(name)):
            raise KeyError(name)

    def __iter__(self):
        return iter(_declared_names(self._style().cssText or ""))

    def __len__(self):
        return len(_declared_names(self._style().cssText or ""))

    def __repr__(self):
        return f"Style({dict(self)!r})"

    def remove(self, name):
        """Removes a property if it is set (no error otherwise)."""
        self._style().removeProperty(css_name(name))


class Options:
    """The options of a select, datalist or optgroup element: indexing, iteration, `len`, `selected`, `add`,
    `remove`, `clear`."""

    def __init__(self, element):
        self._element = element

    def _is_select(self):
        return self._element.tag == "select"

    @property
    def options(self):
        """The option elements, as a list."""
        from pyscript.web import Element

        return [Element.wrap_dom_element(node, tag) for node, tag in
                dom.elements("options", None, [self._element._dom_element])]

    def __getitem__(self, key):
        return self.options[key]

    def __iter__(self):
        return iter(self.options)

    def __len__(self):
        return len(self.options)

    def __repr__(self):
        options = self.options
        return f"Options (length: {len(options)}) {options}"

    @property
    def selected(self):
        """The selected option, or None when none is."""
        from pyscript.web import Element

        found = dom.elements("selected", None, [self._element._dom_element])
        return Element.wrap_dom_element(*found[0]) if found else None

    def add(self, value=None, html=None, text=None, before=None, **attributes):
        """Adds an option (`value`, `html` content or `text`, other attributes as keywords such as
        `selected=True`) at the end, or before `before` (an index, an option Element or a DOM option)."""
        from pyscript.web import Element, option

        if value:
            attributes["value"] = value
        if html:
            attributes["innerHTML"] = html
        if text:
            attributes["text"] = text
        new = option(**attributes)
        if isinstance(before, Element):
            before = before._dom_element
        if self._is_select():
            self._element._dom_element.add(new._dom_element, before)
            return
        if isinstance(before, int):
            options = self.options
            before = options[before]._dom_element if 0 <= before < len(options) else None
        self._element._dom_element.insertBefore(new._dom_element, before)

    def remove(self, index):
        """Removes the option at `index`."""
        if self._is_select():
            self._element._dom_element.remove(index)
        else:
            self.options[index]._dom_element.remove()

    def clear(self):
        """Removes every option."""
        if self._is_select():
            self._element._dom_element.length = 0
        else:
            for item in self.options:
                item._dom_element.remove()


class ClassesCollection:
    """The classes of every element of a collection: `add`, `remove`, `discard`, `toggle`, `replace` act on each;
    `in` is true when any element has the class; iteration gives the union."""

    def __init__(self, collection):
        self._collection = collection

    def _all(self):
        names = {}
        for element in self._collection:
            names.update(dict.fromkeys(element.classes))
        return list(names)

    def __contains__(self, name):
        return any(name in element.classes for element in self._collection)

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())

    def __str__(self):
        return " ".join(self._all())

    def __repr__(self):
        return f"ClassesCollection({self._all()!r})"

    def contains(self, name):
        return name in self

    def add(self, *names):
        names = class_names(names)
        if names and len(self._collection):
            dom.update([element._dom_element for element in self._collection], dom.spec(names, [], []))

    def remove(self, *names):
        for element in self._collection:
            element.classes.remove(*names)

    def discard(self, *names):
        for element in self._collection:
            element.classes.discard(*names)

    def toggle(self, name, force=None):
        for element in self._collection:
            element.classes.toggle(name, force)

    def replace(self, old, new):
        for element in self._collection:
            element.classes.replace(old, new)


class StyleCollection:
    """The inline style of every element of a collection: `style["color"] = "red"` sets it on each (one crossing),
    `style["color"]` is the list of their values (None where unset), `del` / `remove` unset it on each."""

    def __init__(self, collection):
        self._collection = collection

    def __getitem__(self, name):
        return [element.style.get(name) for element in self._collection]

    def __setitem__(self, name, value):
        if value is None:
            self.remove(name)
        elif len(self._collection):
            dom.update([element._dom_element for element in self._collection],
                       dom.spec([], [(css_name(name), str(value))], []))

    def __delitem__(self, name):
        self.remove(name)

    def remove(self, name):
        for element in self._collection:
            element.style.remove(name)

    def __repr__(self):
        return f"StyleCollection({self._collection!r})"
