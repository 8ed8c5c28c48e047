"""Pages read as HTML, not as text: tests find elements by tag and attributes, so markup that means
the same (attribute order, whitespace, quoting) cannot fail them, and markup that differs can."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def __getitem__(self, name):
        return self.attrs[name]

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    @property
    def text(self):
        """The text inside, its whitespace collapsed as HTML does: a no-break space is text, and stays."""
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return re.sub(r"[ \t\n\r\f]+", " ", "".join(parts)).strip(" ")

    def find_all(self, tag=None, **attrs):
        """Descendants in document order with that tag and those attribute values (``class_`` for ``class``)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if (tag is None or child.tag == tag) and all(child.get(k) == v for k, v in wanted.items()):
                    found.append(child)
                found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag=None, **attrs):
        """The first such descendant, or None."""
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag is ignored.
        element = self.current
        while element is not None and element.tag != tag:
            element = element.parent
        if element is not None and element.parent is not None:
            self.current = element.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    """The document's root element."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
