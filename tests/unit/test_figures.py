"""Every figure the dashboards draw is valid plotly (checked against plotly's schema) and says what it shows."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import figures
from models.kinerja.mesin import PREDIKAT_BAKU
from models.sop.siklus import StatistikLangkah


def _seri() -> pd.DataFrame:
    return pd.DataFrame({"tahun": [2025] * 4, "triwulan": [1, 2, 3, 4], "target": [95.0] * 4,
                         "realisasi": [90.0, 95.0, None, None],
                         "realisasi_gabungan": [90.0, 92.5, None, None], "capaian_resmi": [94.74, None, None, None],
                         "capaian_sementara": [94.74, 97.37, None, None], "realisasi_id": [11, 12, None, None]})


def test_capaian_chart_marks_official_provisional_and_projection():
    fig = figures.grafik_capaian(_seri(), PREDIKAT_BAKU, (2025, 97.37), "IKU-2 Adminduk", "%")
    go.Figure(fig)  # raises on anything plotly does not know
    jejak = {t.get("name"): t for t in fig["data"]}
    assert jejak["Capaian resmi"]["y"] == [94.74, None, None, None]
    assert jejak["Capaian sementara"]["y"] == [None, 97.37, None, None]
    assert jejak["Capaian resmi"]["customdata"] == [11, 12, None, None]
    assert jejak["Proyeksi akhir tahun 2025"]["text"] == ["97,37%"]
    assert [a["text"] for a in fig["layout"]["annotations"][2:]] == [p.nama for p in PREDIKAT_BAKU]
    assert fig["layout"]["separators"] == ",."


def test_comparison_cycle_timeline_and_role_charts_are_valid():
    df = pd.DataFrame({"kecamatan": ["A", "B", "C"], "capaian": [80.0, 95.5, 97.84], "resmi": [True, False, False],
                       "status": ["resmi", "diajukan", "draf"], "warna": ["#4c9a2a", "#1a7f37", "#1a7f37"]})
    fig = figures.grafik_perbandingan(df, "IKU-1")
    go.Figure(fig)
    # Three states read differently: official, submitted but not approved, entered but never submitted.
    assert fig["data"][0]["text"] == ["80,00%", "95,50% (Dalam proses SOP)", "97,84% (Draf)"]
    langkah = [StatistikLangkah(1, "1", "Menyiapkan", 60, 3, 30.0, 48.0, 1.0, 0.0, 30.0, 1),
               StatistikLangkah(2, "2", "Menyetujui", 15, 1, 285.0, 285.0, 0.0, 0.0, 285.0, 0, True)]
    fig = figures.grafik_siklus(langkah)
    go.Figure(fig)
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["Hambatan"]
    garis = pd.DataFrame({"no": ["1", "2"], "peran": ["Kasi", "Camat"], "percobaan": [1, 2],
                          "posisi_terima": [0, 60], "posisi_mulai": [0, 90], "posisi_selesai": [60, 120],
                          "hasil": ["selesai", None], "selesai_pada": [pd.Timestamp("2024-07-15", tz="UTC"), pd.NaT],
                          "keterangan": ["a", "b"]})
    fig = figures.grafik_garis_waktu(garis, "Judul")
    go.Figure(fig)
    assert fig["data"][1]["x"] == [1.0, 0.5] and fig["data"][1]["base"] == [0.0, 1.5]
    peran = pd.DataFrame({"peran": ["Camat"], "persetujuan": [2], "langkah_lain": [1], "terlambat": [1],
                          "jumlah": [3]})
    go.Figure(figures.grafik_per_peran(peran))
    go.Figure(figures.kosong("Tidak ada"))


def test_capaian_chart_starts_at_the_first_target_or_figure_and_says_when_there_is_none():
    df = pd.concat([_seri().assign(tahun=2024, target=None, realisasi=None, realisasi_gabungan=None,
                                   capaian_resmi=None, capaian_sementara=None, realisasi_id=None), _seri()],
                   ignore_index=True)
    fig = figures.grafik_capaian(df, PREDIKAT_BAKU, None, "IKU-2", "%")
    assert fig["data"][0]["x"][0] == "TW I 2025" and len(fig["data"][0]["x"]) == 4
    kosong = figures.grafik_capaian(df.iloc[:4], PREDIKAT_BAKU, None, "IKU-2", "%")
    assert kosong["data"] == []
    assert kosong["layout"]["annotations"][0]["text"] == "IKU-2: belum ada target maupun realisasi pada periode ini."


def test_the_evaluasi_akip_heatmap_is_valid_and_leaves_offices_without_a_final_evaluation_empty():
    fig = figures.peta_sub_akip(["Kalipare", "Dau"], [("1.1", "Dokumen tersedia"), ("1.2", "Standar")],
                                [[100.0, 75.0], [None, None]], [None, "reviu evaluator"])
    go.Figure(fig)
    data = fig["data"][0]
    assert data["y"] == ["Kalipare", "Dau"]
    assert [(a["y"], a["text"]) for a in fig["layout"]["annotations"]] == [("Dau", "reviu evaluator")]
    assert data["z"] == [[100.0, 75.0], [None, None]] and data["text"] == [["100%", "75%"], ["", ""]]
    assert figures.peta_sub_akip([], [], [], [])["data"] == []


def test_the_capaian_legend_sits_between_the_title_and_the_first_parts_title():
    fig = figures.grafik_capaian(_seri(), PREDIKAT_BAKU, (2025, 97.37), "IKU-2 Adminduk", "%")
    lay = fig["layout"]
    tinggi, atas = lay["height"], lay["margin"]["t"]
    # Measured in pixels from the top of the figure: the title's line, then the legend, then the first part's title
    # (drawn just above the plot, i.e. ending at the top margin).
    judul_bawah = (1 - lay["title"]["y"]) * tinggi + 14 + 6
    legenda = lay["legend"]
    assert legenda["yref"] == "container" and legenda["yanchor"] == "bottom" and legenda["orientation"] == "h"
    legenda_bawah = (1 - legenda["y"]) * tinggi
    sub = lay["annotations"][0]
    assert sub["yref"] == "paper" and sub["y"] == 1.0 and sub["yanchor"] == "bottom"
    # Between the legend's last row and the plot: the first part's 12 px title (about 18 px high) and a gap.
    assert atas - legenda_bawah >= 18 + 4
    # Above it: the five entries one under another (about 17 px each at 10 px, a phone's width) below the title.
    assert legenda["font"]["size"] <= 10
    assert legenda_bawah - 5 * 17 >= judul_bawah + 4

def test_the_comparison_bars_text_is_not_cut():
    df = pd.DataFrame({"kecamatan": ["A", "B", "C"], "capaian": [80.0, 107.74, 97.84], "resmi": [True, False, False],
                       "status": ["resmi", "diajukan", "draf"], "warna": ["#4c9a2a", "#1a7f37", "#1a7f37"]})
    fig = figures.grafik_perbandingan(df, "IKU-1")
    go.Figure(fig)
    batang = fig["data"][0]
    assert batang["textposition"] == "outside" and batang["cliponaxis"] is False
    # The longest label fits in the right margin at about 7 px a character, and the hover says it in full.
    assert fig["layout"]["margin"]["r"] >= 7 * len("107,74% (Dalam proses SOP)")
    assert "%{text}" in batang["hovertemplate"]
