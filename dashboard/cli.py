"""Command line: `flask --app app:server sop parse|import`, `demo load|generate`, `db upgrade|backup|restore`,
`user create`, `capaian hitung`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from models.db import session_scope
from models.sop.berkas import baca_dokumen_banyak
from models.sop.dokumen import DokumenTidakTerbaca
from models.umum.penolakan import Ditolak

sop_cli = AppGroup("sop", help="Membaca dan menyimpan dokumen SOP.")
demo_cli = AppGroup("demo", help="Data demo.")
db_cli = AppGroup("db", help="Skema basis data.")
user_cli = AppGroup("user", help="Pengguna.")
capaian_cli = AppGroup("capaian", help="Mesin capaian.")
iku_cli = AppGroup("iku", help="Indikator Kinerja Utama.")


def _engine():
    return current_app.extensions["sakip_engine"]


def _settings():
    return current_app.extensions["sakip_settings"]


def _baca_berkas(berkas: tuple[str, ...]) -> list[tuple[str, str | bytes]]:
    """Each file's bytes: a Word document (.docx) or a text export, told apart by their content."""
    hasil: list[tuple[str, str | bytes]] = []
    for b in berkas:
        try:
            hasil.append((b, Path(b).read_bytes()))
        except OSError as e:
            raise click.ClickException(f"{b}: berkas tidak dapat dibaca ({e.__class__.__name__}).") from None
    return hasil


@sop_cli.command("parse")
@click.argument("berkas", nargs=-1, required=True, type=click.Path(dir_okay=False))
def sop_parse(berkas: tuple[str, ...]) -> None:
    """Cetak JSON prosedur dari satu atau beberapa dokumen SOP (.docx atau teks); tidak menyimpan apa pun."""
    try:
        prosedur = baca_dokumen_banyak(_baca_berkas(berkas), menit_per_hari=_settings().menit_per_hari)
    except DokumenTidakTerbaca as e:
        raise click.ClickException(str(e)) from None
    json.dump([p.as_json() for p in prosedur], sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@sop_cli.command("import")
@click.argument("berkas", nargs=-1, required=True, type=click.Path(dir_okay=False))
def sop_import(berkas: tuple[str, ...]) -> None:
    """Simpan SOP dari dokumen .docx atau teks (mengimpor dua kali tidak mengubah apa pun)."""
    from models.migrasi import pastikan_skema
    from models.sop.register import impor_dokumen
    from seed import kurasi_pelaksana

    pastikan_skema(_engine())
    try:
        with session_scope(_engine(), jam_kerja=_settings().jam_kerja) as s:
            hasil = impor_dokumen(s, _baca_berkas(berkas), kurasi=kurasi_pelaksana(),
                                  menit_per_hari=_settings().menit_per_hari)
    except (DokumenTidakTerbaca, Ditolak) as e:
        raise click.ClickException(f"{e} Tidak ada yang disimpan.") from None
    for h in hasil:
        click.echo(h.kalimat())
        for c in h.catatan:
            click.echo(f"  catatan: {c}")


@demo_cli.command("load")
@click.option("--jika-kosong", is_flag=True, help="Lewati tanpa galat bila basis data sudah berisi.")
def demo_load(jika_kosong: bool) -> None:
    """Isi basis data kosong dengan data demo (SOP dan kantor dari dokumen contoh)."""
    from models.migrasi import pastikan_skema
    from seed.demo import basis_data_kosong, muat_demo

    pastikan_skema(_engine())
    if not basis_data_kosong(_engine()):
        if jika_kosong:
            click.echo("Basis data sudah berisi; data demo tidak dimuat.")
            return
        raise click.ClickException("Basis data sudah berisi SOP; data demo hanya dimuat ke basis data kosong.")
    click.echo(muat_demo(_engine(), menit_per_hari=_settings().menit_per_hari))


@demo_cli.command("generate")
@click.option("--kabupaten", default="Malang", show_default=True, help="Kabupaten yang diberi riwayat.")
@click.option("--kecamatan", "jumlah", default=33, show_default=True, type=click.IntRange(min=1),
              help="Jumlah kecamatan; kecamatan nyata kabupaten ditambahkan menurut abjad sampai jumlah ini.")
@click.option("--years", "tahun", default=5, show_default=True, type=click.IntRange(1, 20),
              help="Jumlah tahun riwayat, berakhir tahun ini.")
@click.option("--seed", default=1, show_default=True, type=int, help="Benih acak: benih sama, data sama.")
@click.option("--sintetis", default=0, show_default=True, type=click.IntRange(min=0),
              help="Tambahan kecamatan sintetis (skala provinsi), masing-masing membawa riwayat salah satu kecamatan "
                   "baru kabupaten ini, ditulis massal, dalam kabupaten sintetis berisi 30 kecamatan.")
@click.option("--jika-kosong", is_flag=True, help="Lewati tanpa galat bila kabupaten ini sudah berisi riwayat.")
def demo_generate(kabupaten: str, jumlah: int, tahun: int, seed: int, sintetis: int, jika_kosong: bool) -> None:
    """Buat riwayat demo (realisasi, langkah SOP, evaluasi, tindak lanjut) melalui fungsi domain."""
    from models.migrasi import pastikan_skema
    from seed.riwayat import PESAN_ADA_RIWAYAT, RiwayatDitolak, alasan_menolak, buat_riwayat
    from seed.sintetis import buat_sintetis

    pastikan_skema(_engine())
    alasan = alasan_menolak(_engine(), kabupaten)
    if alasan and jika_kosong:
        click.echo(f"Kabupaten {kabupaten} sudah berisi riwayat; riwayat demo tidak dibuat." if alasan == PESAN_ADA_RIWAYAT
                   else "Basis data bukan basis data demo; riwayat demo tidak dibuat.")
        return
    try:
        if alasan:
            raise RiwayatDitolak(alasan)
        hasil = buat_riwayat(_engine(), kabupaten=kabupaten, kecamatan=jumlah, tahun=tahun, seed=seed,
                             menit_per_hari=_settings().menit_per_hari, jam_kerja=_settings().jam_kerja,
                             tulis=click.echo)
        click.echo(hasil.kalimat())
        if sintetis:
            click.echo(buat_sintetis(_engine(), dari=kabupaten, jumlah=sintetis, jam_kerja=_settings().jam_kerja,
                                     tulis=click.echo).kalimat())
    except RiwayatDitolak as e:
        raise click.ClickException(str(e)) from None


@demo_cli.command("sintetis")
@click.option("--dari", default="Malang", show_default=True, help="Kabupaten berriwayat demo yang diikuti.")
@click.option("--kecamatan", "jumlah", required=True, type=int, help="Jumlah kecamatan sintetis yang ditambahkan.")
@click.option("--per-kabupaten", default=30, show_default=True, type=int, help="Kecamatan per kabupaten sintetis.")
def demo_sintetis(dari: str, jumlah: int, per_kabupaten: int) -> None:
    """Tambahkan kecamatan sintetis (skala provinsi) yang membawa riwayat kecamatan baru kabupaten DARI, ditulis massal."""
    from models.migrasi import pastikan_skema
    from seed.riwayat import RiwayatDitolak
    from seed.sintetis import buat_sintetis

    pastikan_skema(_engine())
    try:
        hasil = buat_sintetis(_engine(), dari=dari, jumlah=jumlah, per_kabupaten=per_kabupaten,
                              jam_kerja=_settings().jam_kerja, tulis=click.echo)
    except RiwayatDitolak as e:
        raise click.ClickException(str(e)) from None
    click.echo(hasil.kalimat())


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Terapkan migrasi Alembic sampai versi terbaru."""
    from models.migrasi import pastikan_skema

    pastikan_skema(_engine())
    click.echo("Skema basis data mutakhir.")


@db_cli.command("backup")
@click.argument("berkas", type=click.Path(dir_okay=False))
def db_backup(berkas: str) -> None:
    """Cadangkan seluruh basis data ke BERKAS (SQLite: salinan daring; PostgreSQL: pg_dump format custom)."""
    from models.umum.cadangan import cadangkan

    url = _engine().url.render_as_string(hide_password=False)
    try:
        hasil = cadangkan(url, berkas, tulis=click.echo)
    except Ditolak as e:
        raise click.ClickException(f"{e} Tidak ada berkas cadangan yang ditulis.") from None
    click.echo(f"Cadangan ditulis: {hasil} ({hasil.stat().st_size / 1e6:.1f} MB).")


@db_cli.command("restore")
@click.argument("berkas", type=click.Path(dir_okay=False))
@click.option("--ya", is_flag=True, help="Jangan bertanya lagi: isi basis data diganti dengan cadangan.")
def db_restore(berkas: str, ya: bool) -> None:
    """Ganti seluruh isi basis data dengan cadangan BERKAS, lalu mutakhirkan skemanya."""
    from models.db import dispose_engine
    from models.migrasi import pastikan_skema
    from models.umum.cadangan import pulihkan

    engine = _engine()
    url = engine.url.render_as_string(hide_password=False)
    if not ya:
        click.confirm(f"Seluruh isi basis data diganti dengan {berkas}. Lanjutkan?", abort=True)
    engine.dispose()  # no pooled connection may hold the old content
    dispose_engine(url)
    try:
        pulihkan(url, berkas, tulis=click.echo)
    except Ditolak as e:
        raise click.ClickException(f"{e} Basis data tidak diubah.") from None
    pastikan_skema(engine)
    click.echo(f"Basis data dipulihkan dari {berkas}; skema mutakhir.")


@user_cli.command("create")
@click.option("--username", required=True, help="Nama pengguna (tanpa spasi).")
@click.option("--nama", required=True, help="Nama lengkap.")
@click.option("--role", "role_kode", default="admin", show_default=True, help="Kode peran, mis. admin, camat.")
@click.option("--kecamatan", default=None, help="Nama kecamatan (untuk pengguna kantor).")
@click.option("--kabupaten", default=None, help="Nama kabupaten (untuk pengguna kabupaten atau kecamatan).")
@click.password_option("--password", help="Kata sandi (ditanyakan bila tidak diberikan).")
def user_create(username, nama, role_kode, kecamatan, kabupaten, password) -> None:
    """Buat pengguna, mis. admin pertama instalasi baru."""
    from sqlmodel import select

    from models.akun.pengguna import buat_pengguna
    from models.akun.peran import TINGKAT_KABUPATEN
    from models.migrasi import pastikan_skema
    from models.sop.register import pastikan_peran
    from models.tables import Kabupaten, Kecamatan

    pastikan_skema(_engine())
    try:
        with session_scope(_engine(), jam_kerja=_settings().jam_kerja) as s:
            pastikan_peran(s)
            kab = s.exec(select(Kabupaten).where(Kabupaten.nama == kabupaten)).first() if kabupaten else None
            if kabupaten and kab is None:
                raise Ditolak(f'Kabupaten "{kabupaten}" tidak ada.')
            kec = None
            if kecamatan:
                q = select(Kecamatan).where(Kecamatan.nama == kecamatan)
                kec = s.exec(q.where(Kecamatan.kabupaten_id == kab.id) if kab else q).first()
                if kec is None:
                    raise Ditolak(f'Kecamatan "{kecamatan}" tidak ada.')
            buat_pengguna(s, username=username, nama=nama, password=password, role_kode=role_kode,
                          kecamatan_id=kec.id if kec else None,
                          kabupaten_id=kab.id if kab and role_kode in TINGKAT_KABUPATEN else None)
    except Ditolak as e:
        raise click.ClickException(f"{e} Pengguna tidak dibuat.") from None
    click.echo(f"Pengguna {username.strip().lower()} dibuat.")


@capaian_cli.command("hitung")
@click.argument("berkas", type=click.Path(dir_okay=False, allow_dash=True))
def capaian_hitung(berkas: str) -> None:
    """Hitung capaian per triwulan dan tahun dari CSV (lihat README) dan cetak CSV hasilnya."""
    from models.kinerja.capaian_csv import hitung_csv

    try:
        teks = sys.stdin.read() if berkas == "-" else Path(berkas).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise click.ClickException(f"{berkas}: berkas tidak dapat dibaca ({e.__class__.__name__}).") from None
    try:
        click.echo(hitung_csv(teks), nl=False)
    except Ditolak as e:
        raise click.ClickException(f"{berkas}: {e}") from None


@iku_cli.command("import")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False))
def iku_import(berkas: str) -> None:
    """Tambahkan IKU dari berkas TOML ([[iku]] seperti seed/iku.toml); yang sudah ada tidak diubah."""
    import tomllib

    from models.kinerja.iku import pastikan_iku

    try:
        definisi = tomllib.loads(Path(berkas).read_text(encoding="utf-8")).get("iku", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise click.ClickException(f"{berkas}: berkas tidak dapat dibaca ({e}).") from None
    try:
        with session_scope(_engine(), jam_kerja=_settings().jam_kerja) as s:
            n = pastikan_iku(s, definisi)
    except Ditolak as e:
        raise click.ClickException(f"{berkas}: {e} Tidak ada yang disimpan.") from None
    click.echo(f"{n} IKU baru disimpan, {len(definisi) - n} sudah ada.")


def register_cli(server: Flask) -> None:
    for grup in (sop_cli, demo_cli, db_cli, user_cli, capaian_cli, iku_cli):
        server.cli.add_command(grup)
