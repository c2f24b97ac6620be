"""The Word documents the product prints (PK, LHE): an A4 portrait page in the house font, and a centred line."""
from __future__ import annotations

from typing import Any


def dokumen_a4(judul: str) -> Any:
    """A new python-docx Document: A4 portrait, margins 20/20/15/15 mm, Arial 10 pt, titled `judul`."""
    from docx import Document
    from docx.shared import Mm, Pt

    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name, gaya.font.size = "Arial", Pt(10)
    bagian = doc.sections[0]
    bagian.page_width, bagian.page_height = Mm(210), Mm(297)
    for sisi, mm in (("left_margin", 20), ("right_margin", 20), ("top_margin", 15), ("bottom_margin", 15)):
        setattr(bagian, sisi, Mm(mm))
    doc.core_properties.title = judul
    return doc


def baris_tengah(doc: Any, teks: str, *, tebal: bool = True, ukuran: float | None = None) -> None:
    """One centred paragraph, bold unless not `tebal`, in `ukuran` points when given."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = par.add_run(teks)
    run.bold = tebal
    if ukuran:
        run.font.size = Pt(ukuran)
