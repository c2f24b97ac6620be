"""The fuzzer's findings as plain regression tests: values no column can hold, made-up offices and
access refusals raised past the policy check give a refusal with its audit row, never a 500."""
from __future__ import annotations

import pytest
from sqlmodel import func, select

from models.akun.akses import kecamatan_bernama
from models.db import session_scope
from models.tables import AuditLog
from tests.conftest import masuk
from tests.dash_util import daftar_callback, nama_argumen, payload, sidik_basis_data


def _ditolak(engine) -> list[tuple[str, int | None, str]]:
    with session_scope(engine) as s:
        return [(a.aksi, a.kecamatan_id, a.keterangan) for a in s.exec(
            select(AuditLog).where(AuditLog.aksi.in_(("akses.ditolak", "aksi.ditolak"))).order_by(AuditLog.id))]


def test_a_record_id_no_column_holds_is_refused_by_every_callback_that_names_a_record(client, app, demo):
    """2^63 (one past the largest key), 1.5 and a 5,000-digit text as the record id of every callback whose policy
    names one (those the admin may call): 403, one `akses.ditolak` row each (before: OverflowError, 500, in dashboard.akses.periksa)."""
    client.get("/_dash-layout")
    masuk(client, "admin")
    dengan_objek = [(k, cb) for k, cb in daftar_callback(app).items()
                    if getattr(cb["callback"], "kebijakan", None) and cb["callback"].kebijakan.objek
                    and (cb["callback"].kebijakan.peran is None or "admin" in cb["callback"].kebijakan.peran)]
    assert len(dengan_objek) >= 5
    for kunci, cb in dengan_objek:
        for nilai in (2**31, 2**63, 1.5, "9" * 5000):
            arg = next(iter(cb["callback"].kebijakan.objek))
            assert arg in nama_argumen(cb)
            sebelum = len(_ditolak(demo))
            r = client.post("/_dash-update-component", json=payload(kunci, cb, {arg: nilai}))
            assert r.status_code == 403, (kunci, nilai, r.get_data(as_text=True)[:300])
            assert r.get_json() == {"galat": "Data ini tidak ada atau bukan milik kantor Anda."}
            assert len(_ditolak(demo)) == sebelum + 1


def test_an_office_named_by_a_value_no_office_can_have_is_no_office(demo):
    with session_scope(demo) as s:
        for nilai in (2**31, 2**63, -1, 0, True, "9" * 5000, "\ud800", "Kali\x00pare", ["Kalipare"], {"a": 1}, "x" * 300):
            assert kecamatan_bernama(s, nilai) == [], nilai
        assert len(kecamatan_bernama(s, "Kalipare")) == 1


def test_a_refused_lhe_of_a_made_up_office_is_audited_without_it(client, demo):
    """/cetak/lhe/0/2025.pdf: the refusal named office 0, whose audit row broke its foreign key (500)."""
    masuk(client, "inspektorat.malang")
    r = client.get("/cetak/lhe/0/2025.pdf")
    assert r.status_code == 403
    assert [(a, k) for a, k, _ in _ditolak(demo)] == [("aksi.ditolak", None)]


def test_an_access_refusal_inside_a_query_is_audited_once(client, app, demo):
    """The Perjanjian Kinerja page's data for "[]" as the office: refused inside the dashboard query (AksesDitolak),
    which left no audit row; now exactly one."""
    client.get("/_dash-layout")
    masuk(client, "admin")
    kunci = next(k for k in daftar_callback(app) if k.startswith("..pk-isi.children"))
    cb = app.callback_map[kunci]
    arg = nama_argumen(cb)[0]
    r = client.post("/_dash-update-component", json=payload(kunci, cb, {arg: []}))
    assert r.status_code == 403
    assert [a for a, _, _ in _ditolak(demo)] == ["akses.ditolak"]


def test_a_route_refusal_after_the_policy_is_audited_once(client, demo):
    """/realisasi/templat.xlsx without a valid year refuses (403) after its policy check passed: one audit row."""
    masuk(client, "evapor.poncokusumo")
    r = client.get("/realisasi/templat.xlsx?tahun=abc&triwulan=1")
    assert r.status_code == 403
    assert [a for a, _, _ in _ditolak(demo)] == ["akses.ditolak"]
    with session_scope(demo) as s:
        assert s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "akses.ditolak")).one() == 1


@pytest.mark.parametrize("pengguna, awalan, nilai, pesan", [
    ("admin", "..pengguna-tabel.children", {"cari": ["a"]}, "Teks pencarian tidak sah."),
    ("admin", "..pengguna-tabel.children", {"cari": 5}, "Teks pencarian tidak sah."),
    ("camat.poncokusumo", "..anggaran-kolom-kode_program.value", {"anggaran_id": 2**63},
     "Sub kegiatan tidak ditemukan pada DPA kantor ini; muat ulang halaman."),
    ("camat.poncokusumo", "..pk-pesan.children@", {"pihak": [[]], "tahun": 2025, "_n": 1}, "Pihak pertama tidak sah."),
    ("admin", "libur-tabel.children", {"tahun": "abc"}, "Pilih tahunnya."),
    ("admin", "libur-tabel.children", {"tahun": 10**20}, "Tahun tidak sah."),
    ("kabupaten.malang", "..jadwal-pesan.children", {"kewajiban": "renja", "sop": {"a": 1}}, "Nama SOP tidak sah."),
    ("kabupaten.malang", "..jadwal-pesan.children", {"kewajiban": "renja", "mulai": [float("inf"), 1, 1]},
     "Lengkapi tahun, bulan dan tanggal, atau kosongkan ketiganya."),
    ("admin", "..baru-pesan.children", {"username": "uji.baru", "nama": "Uji", "sandi": "Kopi-Hitam-Pagi-77",
                                        "peran": {"a": 1}}, "Peran tidak sah."),
    ("kabupaten.malang", "..akip-lke-pesan.children", {"isi": "data:;base64,AAAA", "nama_berkas": ["lke.toml"],
                                                       "tahun": 2026}, "LKE diunggah sebagai berkas .toml"),
    ("kabupaten.malang", "..pegawai-pratinjau.children", {"isi": "data:;base64,AAAA", "kecamatan": "Poncokusumo"},
     "Kecamatan harus bilangan bulat."),
])
def test_a_value_of_the_wrong_type_is_refused_in_words(client, app, demo, pengguna, awalan, nilai, pesan):
    """The fuzzer's minimal examples: a list or a number as a search text (`.strip()`, 500), 2^63 as a DPA row
    (OverflowError, 500), a list as the PK's first party (a list bound into SQL, 500), "abc" or 10^20 as the year of
    the days-off list (int(), 500), an object as the SAKIP calendar's SOP name (`.strip()`, 500), infinity as a
    calendar date (int(), OverflowError), an object as a new user's role (session.get, 500), a list as an uploaded
    LKE's file name (`.strip()`, 500), an office's name where Impor Pegawai reads its id (PostgreSQL: invalid input
    for type integer, 500)."""
    client.get("/_dash-layout")
    masuk(client, pengguna)
    kunci = next(k for k in daftar_callback(app) if k.startswith(awalan)
                 and set(nilai) - {"_n"} <= set(nama_argumen(app.callback_map[k]))
                 and (awalan != "..pk-pesan.children@" or "alasan" in nama_argumen(app.callback_map[k])))
    sebelum = sidik_basis_data(demo)
    r = client.post("/_dash-update-component", json=payload(kunci, app.callback_map[kunci], nilai))
    assert r.status_code == 200 and pesan in r.get_data(as_text=True)  # in the answer or the page's message area
    assert sidik_basis_data(demo) == sebelum
    assert [a for a, _, _ in _ditolak(demo)] == ["aksi.ditolak"]
