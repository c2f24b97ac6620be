"""A worker process for the kill tests: it carries out one unit of work of the product on DATABASE_URL, exactly as
the callbacks do after their checks (one session_scope, one transaction), and stops just before the commit, every
write flushed to the database, until it is killed or told to go on.

    python -m tests.gangguan.pekerja <database-url> <excel|persetujuan|sop> <ready-file> <go-on-file> <input-file>
"""
from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import event, text
from sqlmodel import Session


def main() -> None:
    url, kerja, siap, lanjut, masukan = sys.argv[1:6]
    from models.db import get_engine, session_scope
    from tests.fabrik import pengguna

    @event.listens_for(Session, "before_commit")
    def _tunggu(session):  # noqa: ANN001
        session.flush()  # every write of the unit is in the database, uncommitted
        # The audit log as this transaction sees it: every unit of work writes to it, so the count shows that
        # the writes are there, still uncommitted, when the kill comes.
        Path(siap).write_text(str(session.execute(text("SELECT count(*) FROM auditlog")).scalar()))
        while not Path(lanjut).exists():
            time.sleep(0.05)

    from models.jenis_kerja import muat

    muat()  # every kind of work registered with the state machine, as create_app does

    engine = get_engine(url)
    data = Path(masukan).read_bytes()
    with session_scope(engine) as s:
        if kerja == "excel":
            from models.kinerja.excel import baca, terapkan

            evapor = pengguna(s, peran="kasubag_evapor")
            baris = baca(s, data, kecamatan_id=evapor.kecamatan_id, tahun=2025, triwulan=1,
                         hari_ini=date(2025, 4, 7))
            terapkan(s, baris, kecamatan_id=evapor.kecamatan_id, tahun=2025, triwulan=1, oleh=evapor,
                     hari_ini=date(2025, 4, 7))
        elif kerja == "persetujuan":
            from models.sop.alur import putuskan

            camat = pengguna(s, peran="camat")
            putuskan(s, catatan_id=int(data.decode()), setuju=True, oleh=camat)
        elif kerja == "sop":
            from models.sop.register import impor_dokumen

            admin = pengguna(s, peran="admin")
            impor_dokumen(s, [("kalipare.docx", data)], oleh=admin)
        else:
            raise SystemExit(f"kerja tidak dikenal: {kerja}")
    print("selesai", flush=True)


if __name__ == "__main__":
    main()
