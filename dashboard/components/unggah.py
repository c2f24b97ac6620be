"""An upload field that says, before anything is sent, why a file is refused: dcc.Upload given the field's limits
(max_size, accept) inside a box carrying the limits and the messages' templates for assets/unggah.js, which writes
the refusal into the page's message area (and clears an earlier message as soon as another file is chosen). The
server checks the same limits again (models.umum.batas_unggah)."""
from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from models.umum.batas_unggah import BatasUnggah


def kotak_unggah(ident: str, batas: BatasUnggah, *, pesan: str, bersihkan: Sequence[str] = (), children,
                 className: str = "unggah", **kwargs) -> html.Div:
    """`pesan`: the id whose children show a refusal; `bersihkan`: ids emptied too when another file is chosen."""
    return html.Div(
        dcc.Upload(id=ident, max_size=batas.maks_byte, accept=batas.accept, className=className, children=children,
                   **kwargs),
        className="kotak-unggah",
        **{"data-unggah": ident, "data-unggah-maks": str(batas.maks_byte), "data-unggah-jenis": ",".join(batas.jenis),
           "data-unggah-pesan": pesan, "data-unggah-bersihkan": ",".join(bersihkan),
           "data-pesan-besar": batas.templat_besar, "data-pesan-jenis": batas.templat_jenis})
