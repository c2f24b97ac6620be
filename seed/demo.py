"""The demo database: the seed offices and their SOPs (later work adds users and history)."""
from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from models.db import session_scope
from models.sop_register import impor_dokumen
from models.tables import Sop
from seed import dokumen_seed, kurasi_pelaksana


class BasisDataTidakKosong(RuntimeError):
    """The demo is loaded only into an empty database."""


def basis_data_kosong(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return (s.exec(select(func.count(Sop.id))).one() or 0) == 0


def muat_demo(engine: Engine, *, menit_per_hari: int = 480) -> str:
    """Fill an empty database with the demo; one transaction."""
    if not basis_data_kosong(engine):
        raise BasisDataTidakKosong("Basis data sudah berisi SOP; data demo hanya dimuat ke basis data kosong.")
    dokumen = [(p.name, p.read_text(encoding="utf-8")) for p in dokumen_seed()]
    with session_scope(engine) as s:
        hasil = impor_dokumen(s, dokumen, kurasi=kurasi_pelaksana(), menit_per_hari=menit_per_hari)
    disimpan = sum(1 for h in hasil if h.status in ("baru", "revisi"))
    kantor = len({h.prosedur.kecamatan for h in hasil if h.status == "baru"})
    return f"Data demo dimuat: {disimpan} SOP dari {kantor} kecamatan."
