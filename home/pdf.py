"""A tiny PDF writer for the demo documents the loader generates.

Demo PDFs need only a title and some lines of text, in Turkish too, and pulling a
PDF toolkit and a TTF font onto every machine for that is not worth it. The PDF
core font Helvetica has every Turkish glyph; a /Differences encoding maps the
six letters WinAnsi lacks (ğ Ğ ş Ş ı İ) onto free codes.
"""

_EXTRA_GLYPHS = {
    "ğ": "gbreve",
    "Ğ": "Gbreve",
    "ş": "scedilla",
    "Ş": "Scedilla",
    "ı": "dotlessi",
    "İ": "Idotaccent",
}
_EXTRA_CODES = {char: 0x80 + offset for offset, char in enumerate(_EXTRA_GLYPHS)}


def _encode(text):
    out = bytearray()
    for char in text:
        if char in _EXTRA_CODES:
            out.append(_EXTRA_CODES[char])
            continue
        encoded = char.encode("cp1252", errors="replace")
        for byte in encoded:
            if byte in (0x28, 0x29, 0x5C):  # ( ) \ must be escaped in PDF strings
                out.append(0x5C)
            out.append(byte)
    return bytes(out)


def _wrap(line, width=90):
    words, current, lines = line.split(), "", []
    for word in words:
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines


def _text_string(text):
    """A PDF text string in UTF-16 with its byte-order mark (any language's letters)."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode("ascii") + b">"


def make_pdf(title, paragraphs, padding_bytes=0, funding="", disclaimer="", language=""):
    """A one-page A4 PDF with a title and wrapped paragraphs, as bytes.

    ``funding`` puts the EU emblem (vector, ``home.emblem``) at the top with the funding
    statement beside it, as the EU's visibility rules ask of publications;
    ``disclaimer`` is printed at the foot of the page. ``padding_bytes`` appends an
    uncompressed comment stream, to make files of a given size for download benchmarks.
    The document information names the title (what a reader's tab and a search engine
    show) and, with ``language``, the catalogue says which language it is written in."""
    from .emblem import pdf_operators

    text_lines = []
    for paragraph in paragraphs:
        text_lines.extend(_wrap(paragraph))
        text_lines.append("")
    content = bytearray()
    top = 780
    if funding:
        content += pdf_operators(56, 746, 40).encode("ascii") + b"\n"
        y = 772
        for line in _wrap(funding, 70):
            content += b"BT /F1 11 Tf 128 %d Td (" % y + _encode(line) + b") Tj ET\n"
            y -= 14
        top = 700
    content += b"BT /F1 16 Tf 56 %d Td (" % top + _encode(title) + b") Tj ET\n"
    y = top - 30
    for line in text_lines[:55]:
        content += b"BT /F1 10 Tf 56 %d Td (" % y + _encode(line) + b") Tj ET\n"
        y -= 13
    if disclaimer:
        y = 70
        for line in _wrap(disclaimer, 100):
            content += b"BT /F1 8 Tf 56 %d Td (" % y + _encode(line) + b") Tj ET\n"
            y -= 10
    differences = " ".join(f"{code} /{_EXTRA_GLYPHS[char]}" for char, code in _EXTRA_CODES.items())
    lang = b" /Lang " + _text_string(language) if language else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + lang + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + bytes(content) + b"\nendstream",
        (
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
            f"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [{differences}] >> >>"
        ).encode("ascii"),
        b"<< /Title " + _text_string(title) + b" >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if padding_bytes:
        pdf += b"%" + b"0" * 78 + b"\n" * 1
        line = b"%" + b"x" * 78 + b"\n"
        pdf += line * (padding_bytes // len(line))
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)
