"""What a page's HTML asks of the browser: its CSS and JS, blocking scripts, and how images are offered."""

from html.parser import HTMLParser

# Script types a browser runs; anything else (application/ld+json...) is a data block.
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
MODERN_IMAGE_TYPES = {"image/avif", "image/webp"}


class PageCheck(HTMLParser):
    """Parses one page. After feed(): ``stylesheets``, ``scripts`` (URLs) and the lists of problems."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets, self.scripts = [], []
        self.blocking_scripts, self.unsized_images, self.eager_images, self.legacy_images = [], [], [], []
        self.image_count = 0
        self._in_head = self._in_main = False
        self._picture_sources = None  # the <source> types of the <picture> being read, if any
        self._main_images = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("head", "main"):
            setattr(self, f"_in_{tag}", True)
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        elif tag == "script":
            self._script(attrs)
        elif tag == "picture":
            self._picture_sources = set()
        elif tag == "source" and self._picture_sources is not None:
            self._picture_sources.add((attrs.get("type") or "").lower())
        elif tag == "img":
            self._image(attrs)

    def handle_endtag(self, tag):
        if tag in ("head", "main"):
            setattr(self, f"_in_{tag}", False)
        elif tag == "picture":
            self._picture_sources = None

    def _script(self, attrs):
        kind = (attrs.get("type") or "").lower()
        if kind not in JS_TYPES:
            return
        if attrs.get("src"):
            self.scripts.append(attrs["src"])
        # An external script without defer/async, or any inline one, stops the parser until it has run.
        deferred = attrs.get("src") and ("defer" in attrs or "async" in attrs or kind == "module")
        if self._in_head and not deferred:
            self.blocking_scripts.append(attrs.get("src") or "inline script")

    def _image(self, attrs):
        self.image_count += 1
        label = attrs.get("src") or "img without src"
        if not (attrs.get("width") and attrs.get("height")):
            self.unsized_images.append(label)
        # Without a browser there is no fold: the first image of <main> may be in view (and should
        # load at once, being the likely largest paint); every other image is taken to be below it.
        if self._in_main:
            self._main_images += 1
        may_be_in_view = self._in_main and self._main_images == 1
        if not may_be_in_view and (attrs.get("loading") or "").lower() != "lazy":
            self.eager_images.append(label)
        # The <img> is the fallback; a <source> of the same <picture> must offer AVIF or WebP.
        if not (self._picture_sources and self._picture_sources & MODERN_IMAGE_TYPES):
            self.legacy_images.append(label)


def check(html):
    parser = PageCheck()
    parser.feed(html)
    parser.close()
    return parser
