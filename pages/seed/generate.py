"""Generated stand-ins for the launch publications' covers and PDF files, marked on their face as samples."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from pages.seed.content import SAMPLE_TITLE_PREFIX

COVER_SIZE = (600, 848)
COVER_MARGIN = 48
COVER_BACKGROUND = (0, 74, 128)
WHITE = (255, 255, 255)
# The sample band: black on yellow (contrast 19:1), across the whole cover so no crop hides it.
SAMPLE_BAND = (255, 221, 0)
BLACK = (0, 0, 0)
SAMPLE_WORD = "SAMPLE"
SAMPLE_COVER_NOTICE = "To be replaced by the published cover"
SAMPLE_FILE_NOTICE = (
    "This file is a sample made when the website was set up. It is not the published document: "
    "replace it with the published PDF."
)


def sample_cover_png(title, imprint="UNODC"):
    """A sample cover, PNG bytes: the title in white on UN blue, "SAMPLE" in large black letters on a yellow band."""
    width, height = COVER_SIZE
    image = Image.new("RGB", COVER_SIZE, COVER_BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([COVER_MARGIN, COVER_MARGIN, width - COVER_MARGIN, COVER_MARGIN + 10], fill=WHITE)
    font = ImageFont.load_default(size=44)
    y = 130
    for line in _wrap_to_width(draw, title, font, width - 2 * COVER_MARGIN):
        draw.text((COVER_MARGIN, y), line, font=font, fill=WHITE)
        y += 56
    band_top = min(max(y + 40, 420), height - 330)  # above the imprint, over a very long title if need be
    draw.rectangle([0, band_top, width, band_top + 200], fill=SAMPLE_BAND)
    draw.text((width / 2, band_top + 80), SAMPLE_WORD, font=ImageFont.load_default(size=120), fill=BLACK, anchor="mm")
    notice_font = ImageFont.load_default(size=26)
    draw.text((width / 2, band_top + 165), SAMPLE_COVER_NOTICE, font=notice_font, fill=BLACK, anchor="mm")
    draw.text((COVER_MARGIN, height - 110), imprint, font=ImageFont.load_default(size=32), fill=WHITE)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def _wrap_to_width(draw, text, font, max_width):
    lines = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _pdf_string(text):
    """A PDF literal string in WinAnsiEncoding; characters it lacks become '?'."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", "replace") + b")"


RED = b"0.7 0 0"  # on white: contrast 7:1
BLACK_FILL = b"0 0 0"


def sample_pdf(title, paragraphs):
    """A one-page PDF that says first, in large red letters, that it is a sample to be replaced."""
    stamp = [(b"F2", 72, RED, SAMPLE_WORD)]
    stamp += [(b"F2", 14, RED, line) for line in textwrap.wrap(SAMPLE_FILE_NOTICE, width=64)]
    return text_pdf(title, paragraphs, stamp=stamp, info_title=SAMPLE_TITLE_PREFIX + title)


def text_pdf(title, paragraphs, stamp=(), info_title=None):
    """A one-page A4 PDF with real (selectable, searchable) text: the stamp lines (font, size, colour, text) if
    any, the title in bold, then the paragraphs."""
    lines = [*stamp, (b"F1", 11, BLACK_FILL, "")] if stamp else []
    lines += [(b"F2", 18, BLACK_FILL, line) for line in textwrap.wrap(title, width=48)]
    for paragraph in paragraphs:
        lines.append((b"F1", 11, BLACK_FILL, ""))
        lines += [(b"F1", 11, BLACK_FILL, line) for line in textwrap.wrap(paragraph, width=90)]
    stream = b"BT\n56 790 Td\n"
    for font, size, colour, line in lines:
        stream += b"/%s %d Tf\n%s rg\n0 -%d Td\n%s Tj\n" % (font, size, colour, size + 6, _pdf_string(line))
    stream += b"ET"

    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        font % b"Helvetica",
        font % b"Helvetica-Bold",
        b"<< /Title %s /Producer (UNODC launch content loader) >>" % _pdf_string(info_title or title),
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref_at = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, len(objects)))
    output.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return output.getvalue()
