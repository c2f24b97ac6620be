"""Carrying work through the state machine in tests, the way the people of the office would."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from models.kinerja.realisasi import ajukan
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.tables import Realisasi, SopLangkah, User


def sahkan(s: Session, *, realisasi_id: int, pengisi: User, camat: User, pada: datetime) -> Realisasi:
    """Submit a figure and let the Camat (who may act at every step of the office) carry it to the end."""
    eks = ajukan(s, realisasi_id=realisasi_id, oleh=pengisi, pada=pada)
    while (rec := catatan_terbuka(s, eks.id)) is not None:
        if s.get(SopLangkah, rec.langkah_id).keputusan:
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=camat, pada=pada)
        else:
            selesaikan(s, catatan_id=rec.id, oleh=camat, pada=pada)
    return s.get(Realisasi, realisasi_id)
