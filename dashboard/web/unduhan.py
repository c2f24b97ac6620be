"""File routes (the `unduhan` Blueprint): the quarter's Excel template, the year's targets' template, the dashboards'
tables and attached evidence, each checked like a callback."""
from __future__ import annotations

from flask import Blueprint, request
from flask_login import current_user
from sqlmodel import col, select

from dashboard.akses import Kebijakan, periksa
from dashboard.components.saringan import saringan_halaman
from dashboard.data import pengaturan, sesi
from dashboard.web.kirim import kirim_berkas, kirim_data
from models.akun.akses import AksesDitolak
from models.akun.peran import PERAN_KANTOR
from models.dasbor.laporan import BERANDA_SETAHUN, SEKABUPATEN, SETAHUN, TABEL, ke_csv, ke_xlsx, ke_xlsx_banyak
from models.dasbor.perbandingan import TABEL_PERBANDINGAN, pdf_rekap, per_kabupaten, rekap
from models.dasbor.tabel_akip import tabel_rekap_akip
from models.kinerja.excel import templat
from models.perencanaan import target_excel
from models.tables import Kabupaten, Kecamatan, Lampiran, User
from models.tindak_lanjut.rekap_akip import PENGLIHAT, rekap_akip
from models.umum.isian import bulat
from models.umum.penolakan import Ditolak
from models.umum.periode import label_periode

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLAT = Kebijakan(peran=PERAN_KANTOR)
TABEL_DASBOR = Kebijakan(kecamatan=("kecamatan",))
LAMPIRAN = Kebijakan(objek={"lampiran_id": Lampiran})
REKAP_AKIP = Kebijakan(peran=PENGLIHAT, objek={"kabupaten": Kabupaten})

bp = Blueprint("unduhan", __name__)


def _bilangan(nama: str, batas: range) -> int:
    try:
        v = bulat(request.args.get(nama, ""), label=nama, minimum=batas.start, maksimum=batas.stop - 1)
    except Ditolak:
        raise AksesDitolak(f"Parameter {nama} tidak sah.") from None
    assert v is not None  # wajib
    return v


def _satu_kabupaten(s, sar):
    """The comparison's offices of one kabupaten: offices are compared within their kabupaten. The view holds one
    (a kabupaten user's own, or the one the admin named: `kabupaten` or `kecamatan=kabupaten:<name>` in the address,
    checked against the user's scope by baca_saringan); the admin's view of every kabupaten asks for one."""
    bagian = per_kabupaten(s, sar)
    if len(bagian) != 1:
        raise AksesDitolak("Kabupaten ini tidak ada dalam lingkup Anda.")
    return bagian[0][2]


@bp.route("/realisasi/templat.xlsx")
def unduh_templat():
    periksa(TEMPLAT, {}, sasaran="rute templat")
    tahun, triwulan = _bilangan("tahun", range(2000, 2101)), _bilangan("triwulan", range(1, 5))
    with sesi() as s:
        user = s.get(User, current_user.id)
        kec = s.get(Kecamatan, user.kecamatan_id)
        data = templat(s, kecamatan_id=kec.id, tahun=tahun, triwulan=triwulan)
    return kirim_data(data, nama=f"realisasi {kec.nama} {label_periode(tahun, triwulan)}", ekstensi="xlsx",
                      mimetype=XLSX)


@bp.route("/iku/templat-target.xlsx")
def unduh_templat_target():
    """The year's targets and Rencana Aksi of the signed-in user's own office, to fill and import on IKU & Target."""
    periksa(TEMPLAT, {}, sasaran="rute templat target")
    tahun = _bilangan("tahun", range(2000, 2101))
    with sesi() as s:
        user = s.get(User, current_user.id)
        kec = s.get(Kecamatan, user.kecamatan_id)
        data = target_excel.templat(s, kecamatan_id=kec.id, tahun=tahun)
    return kirim_data(data, nama=f"target {kec.nama} {tahun}", ekstensi="xlsx", mimetype=XLSX)


@bp.route("/unduh/<nama>.<format_berkas>")
def unduh_tabel(nama: str, format_berkas: str):
    """Any table of the dashboards for the view in the address, as the page shows it."""
    periksa(TABEL_DASBOR, request.args.to_dict(), sasaran=f"rute unduh {nama}")
    semua = TABEL | TABEL_PERBANDINGAN
    if nama == "perbandingan-rekap" and format_berkas in ("xlsx", "pdf"):
        return _unduh_rekap(format_berkas)
    if nama not in semua or format_berkas not in ("csv", "xlsx"):
        return "Tabel tidak dikenal.", 404, {"Content-Type": "text/plain; charset=utf-8"}
    with sesi() as s:
        sar = saringan_halaman(s, request.args.to_dict(), setahun=nama in SETAHUN | BERANDA_SETAHUN,
                               bawaan_setahun=nama not in BERANDA_SETAHUN)
        if nama in TABEL_PERBANDINGAN or nama in SEKABUPATEN:
            sar = _satu_kabupaten(s, sar)
        tabel = semua[nama](s, sar)
        kantor = s.get(Kecamatan, sar.kecamatan_id).nama if sar.kecamatan_id else "semua-kecamatan"
    berkas = f"{nama} {kantor} {sar.tahun} tw{sar.triwulan}"
    if format_berkas == "csv":
        return kirim_data(ke_csv(tabel), nama=berkas, ekstensi="csv", mimetype="text/csv; charset=utf-8")
    return kirim_data(ke_xlsx(tabel), nama=berkas, ekstensi="xlsx", mimetype=XLSX)


def _unduh_rekap(format_berkas: str):
    """Perbandingan Kecamatan's tables as one workbook (a sheet per section) or one PDF, as on the screen."""
    with sesi() as s:
        sar = _satu_kabupaten(s, saringan_halaman(s, request.args.to_dict()))
        if format_berkas == "pdf":
            data, jenis = pdf_rekap(s, sar), "application/pdf"
        else:
            data, jenis = ke_xlsx_banyak(rekap(s, sar), ["Kepatuhan", "Capaian", "Proses SOP", "Pengesahan",
                                                         "Tindak lanjut", "Anggaran"]), XLSX
        kantor = s.get(Kecamatan, sar.kecamatan_id).nama if sar.kecamatan_id else "semua-kecamatan"
    return kirim_data(data, nama=f"perbandingan {kantor} {sar.tahun} tw{sar.triwulan}", ekstensi=format_berkas,
                      mimetype=jenis)


@bp.route("/evaluasi-akip/rekap.<format_berkas>")
def unduh_rekap_akip(format_berkas: str):
    """The Evaluasi AKIP recap of a kabupaten's year as on its page (kabupaten users, evaluators, the admin)."""
    periksa(REKAP_AKIP, request.args.to_dict(), sasaran="rute rekap evaluasi akip")
    if format_berkas not in ("csv", "xlsx"):
        return "Format tidak dikenal.", 404, {"Content-Type": "text/plain; charset=utf-8"}
    kab_id, tahun = _bilangan("kabupaten", range(1, 2**31)), _bilangan("tahun", range(2000, 2101))
    with sesi() as s:
        kab = s.get(Kabupaten, kab_id)
        kantor = s.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == kab_id).order_by(col(Kecamatan.nama)))
        tabel = tabel_rekap_akip(rekap_akip(s, kecamatan_ids=list(kantor.all()), tahun=tahun), kab.nama)
    berkas = f"rekap evaluasi akip {kab.nama} {tahun}"
    if format_berkas == "csv":
        return kirim_data(ke_csv(tabel), nama=berkas, ekstensi="csv", mimetype="text/csv; charset=utf-8")
    return kirim_data(ke_xlsx(tabel), nama=berkas, ekstensi="xlsx", mimetype=XLSX)


@bp.route("/lampiran/<int:lampiran_id>")
def unduh_lampiran(lampiran_id: int):
    periksa(LAMPIRAN, {"lampiran_id": lampiran_id}, sasaran="rute lampiran")
    with sesi() as s:
        x = s.get(Lampiran, lampiran_id)
        lokasi, nama, jenis = x.lokasi, x.nama_berkas, x.jenis
    return kirim_berkas(pengaturan().upload_dir / lokasi, nama=nama, mimetype=jenis)
