"""The one way a route sends a file: its Content-Disposition is written by Werkzeug's own header encoder from
`models.umum.nama_berkas.nama_unduhan` (a slug of letters, digits and dashes plus the extension), so no name typed
into the product can add a parameter to the header."""
from __future__ import annotations

from pathlib import Path

from flask import Response, send_file

from models.umum.nama_berkas import nama_unduhan


def kirim_data(data: bytes, *, nama: str, ekstensi: str, mimetype: str, inline: bool = False) -> Response:
    """Bytes made by the product (a PDF, a workbook, a CSV) as a download (or shown, `inline`) named `nama`."""
    jawaban = Response(data, mimetype=mimetype)
    jawaban.headers.set("Content-Disposition", "inline" if inline else "attachment",
                        filename=nama_unduhan(nama, ekstensi))
    return jawaban


def kirim_berkas(lokasi: Path, *, nama: str, mimetype: str, inline: bool = False) -> Response:
    """A stored file (an attachment, a published scan) under the name it was uploaded with, as a slug."""
    return send_file(lokasi, mimetype=mimetype, as_attachment=not inline, download_name=nama_unduhan(nama))
