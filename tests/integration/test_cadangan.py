"""Backup and restore of the whole database, on SQLite and on PostgreSQL: a backup restored over a changed database
gives back every table as it was; a file that is not a backup changes nothing."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import Kabupaten, User
from tests.dash_util import sidik_basis_data
from tests.fabrik import pengguna


def test_a_backup_restored_over_a_changed_database_gives_back_every_table(app, demo, tmp_path):
    runner = app.server.test_cli_runner()
    berkas = tmp_path / "sakip.cadangan"
    sebelum = sidik_basis_data(demo, kecuali=())  # every table, the audit log included
    r = runner.invoke(args=["db", "backup", str(berkas)])
    assert r.exit_code == 0, r.output
    assert f"Cadangan ditulis: {berkas}" in r.output and "Mencadangkan: 100%" in r.output
    with session_scope(demo) as s:  # the day goes on: an account removed, a kabupaten added
        s.delete(pengguna(s, peran="staf", kecamatan="Kalipare"))
        s.add(Kabupaten(nama="Kabupaten Uji Pemulihan"))
    assert sidik_basis_data(demo, kecuali=()) != sebelum
    r = runner.invoke(args=["db", "restore", str(berkas)], input="n\n")  # asked, and declined
    assert r.exit_code == 1 and sidik_basis_data(demo, kecuali=()) != sebelum
    r = runner.invoke(args=["db", "restore", str(berkas), "--ya"])
    assert r.exit_code == 0, r.output
    assert "Memulihkan: 100%" in r.output and f"Basis data dipulihkan dari {berkas}; skema mutakhir." in r.output
    assert sidik_basis_data(demo, kecuali=()) == sebelum
    with session_scope(demo) as s:
        assert s.exec(select(User).where(User.username == "staf.kalipare")).one().nama


def test_a_file_that_is_not_a_backup_changes_nothing(app, demo, tmp_path):
    palsu = tmp_path / "palsu.cadangan"
    palsu.write_bytes(b"bukan cadangan")
    sebelum = sidik_basis_data(demo, kecuali=())
    r = app.server.test_cli_runner().invoke(args=["db", "restore", str(palsu), "--ya"])
    assert r.exit_code == 1
    assert f"{palsu} bukan cadangan basis data SAKIP" in r.output and "Basis data tidak diubah." in r.output
    assert sidik_basis_data(demo, kecuali=()) == sebelum
    r = app.server.test_cli_runner().invoke(args=["db", "restore", str(tmp_path / "tidak-ada"), "--ya"])
    assert r.exit_code == 1 and "tidak ada" in r.output
