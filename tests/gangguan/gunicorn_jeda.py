"""gunicorn configuration for the kill tests over HTTP (tests/integration/test_gangguan_http.py).

Each worker holds any commit whose transaction has written an audit row of the armed kind, with every write
flushed, until the process is killed. The test arms it by writing "<aksi LIKE pattern> <last audit id>" to the file
GANGGUAN_PASANG names; a held commit reports the audit count its transaction sees in GANGGUAN_SIAP. Unarmed, the
server is the product's own.
"""
from __future__ import annotations

import os
import time
from pathlib import Path


def post_worker_init(worker) -> None:  # noqa: ANN001 (gunicorn's hook)
    from sqlalchemy import event, text
    from sqlmodel import Session

    pasang, siap = Path(os.environ["GANGGUAN_PASANG"]), Path(os.environ["GANGGUAN_SIAP"])

    @event.listens_for(Session, "before_commit")
    def _tahan(session) -> None:  # noqa: ANN001
        if not pasang.exists():
            return
        aksi, sejak = pasang.read_text().split()
        session.flush()  # every write of the unit is in the database, uncommitted
        if not session.execute(text("SELECT count(*) FROM auditlog WHERE id > :i AND aksi LIKE :a"),
                               {"i": int(sejak), "a": aksi}).scalar():
            return
        # Whole or not at all: the test polls for the file and reads it at once.
        sementara = siap.with_suffix(".tmp")
        sementara.write_text(str(session.execute(text("SELECT count(*) FROM auditlog")).scalar()))
        os.replace(sementara, siap)
        while True:
            time.sleep(0.05)
