"""Generated stand-ins for the launch publications' covers and PDF files."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

COVER_SIZE = (600, 848)
COVER_BACKGROUND = (0, 62, 107)


def cover_png(title, subtitle="UNODC"):
    """A plain cover: the title in white on UN blue, PNG bytes."""
    image = Image.new("RGB", COVER_SIZE, COVER_BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, COVER_SIZE[0] - 40, 52], fill=(255, 255, 255))
    title_font = ImageFont.load_default(size=40)
    y = 120
    for line in textwrap.wrap(title, width=22):
        draw.text((48, y), line, font=title_font, fill=(255, 255, 255))
        y += 52
    draw.text((48, COVER_SIZE[1] - 100), subtitle, font=ImageFont.load_default(size=32), fill=(255, 255, 255))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def _pdf_string(text):
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return "(" + escaped.encode("latin-1", "replace").decode("latin-1") + ")"


def text_pdf(title, paragraphs):
    """A one-page PDF with real (selectable, searchable) text: the title, then the paragraphs."""
    lines = [("F2", 18, line) for line in textwrap.wrap(title, width=50)]
    for paragraph in paragraphs:
        lines.append(("F1", 11, ""))
        lines += [("F1", 11, line) for line in textwrap.wrap(paragraph, width=90)]
    commands = ["BT", "56 780 Td"]
    for font, size, line in lines:
        commands += [f"/{font} {size} Tf", f"0 -{size + 6} Td", f"{_pdf_string(line)} Tj"]
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref_at = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at))
    return output.getvalue()
