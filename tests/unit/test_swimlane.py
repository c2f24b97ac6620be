"""Tests for the SOP swimlane flowchart SVG (dashboard.components.swimlane)."""

import copy
import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.components.swimlane import swimlane_svg

NS = "{http://www.w3.org/2000/svg}"

LANES = ["Camat", "Sekretaris", "Kasi Ekbang", "Sub. Evapor"]
STEPS = [
    {"urutan": 1, "no": "1", "pelaksana": ["Kasi Ekbang"], "keputusan": False,
     "kembali_ke": None, "waktu": "1 jam",
     "kegiatan": "Menyiapkan bahan-bahan meliputi daftar hadir, foto dokumentasi dan berita "
                 "acara terkait pelaksanaan Musrenbangcam."},
    {"urutan": 2, "no": "2", "pelaksana": ["Kasi Ekbang"], "keputusan": False,
     "kembali_ke": None, "waktu": "15 Menit",
     "kegiatan": "Menyampaikan hasil data awal kepada Sekretariat untuk dianalisa."},
    {"urutan": 3, "no": "1", "pelaksana": ["Sub. Evapor"], "keputusan": True,
     "kembali_ke": 1, "waktu": "30 Menit",
     "kegiatan": "Melakukan analisa Data Kinerja. Apabila data belum sesuai maka "
                 "dikonsultasikan ulang kepada Kasi Ekbang."},
    {"urutan": 4, "no": "2", "pelaksana": ["Sub. Evapor"], "keputusan": False,
     "kembali_ke": None, "waktu": "15 Menit",
     "kegiatan": "Melaporkan Hasil Pengumpulan Data Kinerja tersebut kepada Sekretaris "
                 "Kecamatan (Sekcam)"},
    {"urutan": 5, "no": "3", "pelaksana": ["Sekretaris", "Camat"], "keputusan": True,
     "kembali_ke": 3, "waktu": "30 Menit",
     "kegiatan": "Sekcam melaporkan kepada Camat tentang Data Kinerja tersebut. Camat "
                 "melakukan persetujuan atau memberi catatan perbaikan."},
    {"urutan": 6, "no": "4", "pelaksana": ["Sub. Evapor"], "keputusan": False,
     "kembali_ke": None, "waktu": "5 Menit",
     "kegiatan": "Hasil persetujuan dari pimpinan dikembalikan untuk disimpan."},
]


def step(urutan, pelaksana, kegiatan="Kegiatan", keputusan=False, kembali_ke=None, **extra):
    return {"urutan": urutan, "no": str(urutan), "kegiatan": kegiatan, "pelaksana": pelaksana,
            "keputusan": keputusan, "kembali_ke": kembali_ke, "waktu": "10 Menit", **extra}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def symbols(root, kind=None):
    out = []
    for g in root.iter(f"{NS}g"):
        classes = g.get("class", "").split()
        if "simbol" in classes and (kind is None or kind in classes):
            out.append(g)
    return out


def centre(g) -> tuple[float, float]:
    m = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", g.get("transform"))
    assert m, g.get("transform")
    return float(m.group(1)), float(m.group(2))


def half_size(g) -> tuple[float, float]:
    """Half width/height of a symbol's shape (rect or diamond polygon)."""
    rect = g.find(f"{NS}rect")
    if rect is not None:
        return float(rect.get("width")) / 2, float(rect.get("height")) / 2
    pts = [tuple(map(float, p.split(","))) for p in g.find(f"{NS}polygon").get("points").split()]
    return max(abs(x) for x, _ in pts), max(abs(y) for _, y in pts)


def bbox(g):
    (cx, cy), (hw, hh) = centre(g), half_size(g)
    return cx - hw, cy - hh, cx + hw, cy + hh


def points(path) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+),([-\d.]+)", path.get("d"))]


def arrows(root, cls="panah"):
    return [p for p in root.iter(f"{NS}path") if cls in p.get("class", "").split()]


def assert_route_avoids_boxes(root, path):
    """No segment of a return arrow runs through a symbol (the target's edge excepted)."""
    steps = by_step(root)
    dst = steps[path.get("data-ke")][0]
    pts = points(path)
    for k, ((xa, ya), (xb, yb)) in enumerate(zip(pts, pts[1:])):
        assert xa == xb or ya == yb  # orthogonal
        for g in symbols(root):
            if k == len(pts) - 2 and g is dst:
                continue
            x0, y0, x1, y1 = bbox(g)
            crosses = (min(xa, xb) < x1 - 1 and max(xa, xb) > x0 + 1
                       and min(ya, yb) < y1 - 1 and max(ya, yb) > y0 + 1)
            assert not crosses, (path.get("data-dari"), path.get("data-ke"), g.get("data-urutan"))


def by_step(root):
    """urutan -> list of symbol <g> of that step, in document order."""
    out: dict[str, list] = {}
    for g in symbols(root):
        out.setdefault(g.get("data-urutan"), []).append(g)
    return out


@pytest.fixture(scope="module")
def example():
    return parse(swimlane_svg(LANES, STEPS))


def test_root_is_standalone_svg_with_viewbox():
    svg = swimlane_svg(LANES, STEPS, width=1280)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    w, h = root.get("width"), root.get("height")
    assert w == "1280" and int(h) > 600
    assert root.get("viewBox") == f"0 0 1280 {h}"
    assert root.get("style") == "max-width:100%;height:auto"
    assert root.get("font-family") == "system-ui, sans-serif"


def test_lane_headers_and_columns(example):
    headers = [t for t in example.iter(f"{NS}text") if t.get("class") == "kepala-lajur"]
    assert [h.get("data-lane") for h in headers] == LANES
    assert ["".join(h.itertext()) for h in headers] == LANES
    lanes = [r for r in example.iter(f"{NS}rect") if r.get("class") == "lajur"]
    assert [float(r.get("width")) for r in lanes] == [300.0] * 4
    assert [float(r.get("x")) for r in lanes] == [0.0, 300.0, 600.0, 900.0]
    assert len({r.get("fill") for r in lanes}) == 2  # alternating backgrounds


def test_one_symbol_per_step_and_pelaksana(example):
    steps = by_step(example)
    for st in STEPS:
        gs = steps[str(st["urutan"])]
        assert [g.get("data-lane") for g in gs] == st["pelaksana"]
        assert all(g.get("data-no") == st["no"] for g in gs)
    assert len(symbols(example, "proses")) + len(symbols(example, "keputusan")) == 7


def test_two_terminators_in_first_and_last_lane(example):
    terms = symbols(example, "terminator")
    assert [(g.get("data-urutan"), g.get("data-lane")) for g in terms] == [
        ("mulai", "Kasi Ekbang"), ("selesai", "Sub. Evapor")]
    assert ["".join(g.find(f"{NS}text").itertext()) for g in terms] == ["Mulai", "Selesai"]
    rect = terms[0].find(f"{NS}rect")
    assert float(rect.get("rx")) == float(rect.get("height")) / 2  # capsule


def test_decisions_are_diamonds(example):
    decisions = symbols(example, "keputusan")
    assert [(g.get("data-urutan"), g.get("data-lane")) for g in decisions] == [
        ("3", "Sub. Evapor"), ("5", "Camat")]
    for g in decisions:
        poly = g.find(f"{NS}polygon")
        assert poly is not None and len(poly.get("points").split()) == 4
        assert g.find(f"{NS}rect") is None
    for g in symbols(example, "proses"):
        assert g.find(f"{NS}polygon") is None and g.find(f"{NS}rect") is not None


def test_symbols_lie_inside_their_lane_column(example):
    lane_w = 1200 / len(LANES)
    for g in symbols(example):
        i = LANES.index(g.get("data-lane"))
        x0, _, x1, _ = bbox(g)
        assert i * lane_w < x0 < x1 < (i + 1) * lane_w, g.get("data-urutan")
        assert centre(g)[0] == pytest.approx((i + 0.5) * lane_w)


def test_rows_go_downward_without_overlap(example):
    order = ["mulai"] + [str(s["urutan"]) for s in STEPS] + ["selesai"]
    steps = by_step(example)
    rows = [[bbox(g) for g in steps[u]] for u in order]
    for upper, lower in zip(rows, rows[1:]):
        assert max(b[3] for b in upper) < min(b[1] for b in lower)


def test_two_pelaksana_step_shares_a_row_and_hands_over(example):
    first, second = by_step(example)["5"]
    assert centre(first)[1] == centre(second)[1]
    assert "proses" in first.get("class") and "keputusan" in second.get("class")
    (hand,) = arrows(example, "panah-serah")
    assert (hand.get("data-dari"), hand.get("data-ke")) == ("5", "5")
    pts = points(hand)
    assert pts[0] == (bbox(first)[0], centre(first)[1])  # left side of Sekretaris box
    assert pts[-1] == (bbox(second)[2], centre(second)[1])  # right vertex of the diamond


def test_forward_arrows_chain_all_steps(example):
    flow = arrows(example, "panah-lanjut")
    order = ["mulai"] + [str(s["urutan"]) for s in STEPS] + ["selesai"]
    assert [(p.get("data-dari"), p.get("data-ke")) for p in flow] == list(zip(order, order[1:]))
    steps = by_step(example)
    for p in flow:
        pts = points(p)
        src, dst = steps[p.get("data-dari")][-1], steps[p.get("data-ke")][0]
        assert pts[0] == (centre(src)[0], bbox(src)[3])  # leaves bottom centre
        assert pts[-1] == (centre(dst)[0], bbox(dst)[1])  # enters top centre
        for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
            assert xa == xb or ya == yb  # orthogonal routing
        assert p.get("marker-end") == "url(#panah-ujung)"
    markers = [m.get("id") for m in example.iter(f"{NS}marker")]
    assert markers == ["panah-ujung", "panah-ujung-tidak"]


def test_return_arrows_go_back_around_the_boxes(example):
    back = arrows(example, "panah-tidak")
    assert sorted((p.get("data-dari"), p.get("data-ke")) for p in back) == [("3", "1"), ("5", "3")]
    steps = by_step(example)
    for p in back:
        assert p.get("stroke") == "#c62828"
        assert p.get("marker-end") == "url(#panah-ujung-tidak)"
        pts = points(p)
        src, dst = steps[p.get("data-dari")][-1], steps[p.get("data-ke")][0]
        assert pts[0][1] == centre(src)[1] and pts[0][0] in (bbox(src)[0], bbox(src)[2])
        assert pts[-1][1] < centre(dst)[1]  # arrives at the target's side, upper half
        assert_route_avoids_boxes(example, p)
    tidak = [t for t in example.iter(f"{NS}text") if t.get("class") == "label-tidak"]
    ya = [t for t in example.iter(f"{NS}text") if t.get("class") == "label-ya"]
    assert [t.text for t in tidak] == ["Tidak", "Tidak"] and [t.text for t in ya] == ["Ya", "Ya"]
    assert {t.get("fill") for t in tidak} == {"#c62828"} and {t.get("fill") for t in ya} == {"#2e7d32"}


def test_titles_carry_full_text_and_waktu_is_shown(example):
    g = by_step(example)["3"][0]
    title = g.find(f"{NS}title").text
    assert STEPS[2]["kegiatan"] in title and "30 Menit" in title
    waktu = [t.text for t in example.iter(f"{NS}text") if t.get("class") == "waktu"]
    assert waktu == [s["waktu"] for s in STEPS]


def test_long_kegiatan_is_wrapped_and_ellipsised():
    text = " ".join(["Pemeriksaan kelengkapan berkas permohonan"] * 8)  # ~330 chars
    root = parse(swimlane_svg(["A", "B"], [step(1, ["A"], text)]))
    g = by_step(root)["1"][0]
    lines = [t for t in g.find(f"{NS}text") if t.get("x") == "0"]
    body = ["".join(t.itertext()) for t in lines[1:]]
    assert "".join(lines[0].itertext()) == "1"
    assert len(body) == 3 and all(len(s) <= 26 for s in body)
    assert body[-1].endswith("…")
    assert text in g.find(f"{NS}title").text


def test_text_is_escaped():
    lanes = ['Kasi "Trantib" & <Ketertiban>', "Camat"]
    kegiatan = 'Cek A & B <lampiran> "asli" & \'fotokopi\''
    svg = swimlane_svg(lanes, [step(1, [lanes[0]], kegiatan, keputusan=True),
                               step(2, ["Camat"], "R&D <x>", keputusan=True, kembali_ke=1)])
    assert "<lampiran>" not in svg and "&amp; B &lt;lampiran&gt;" in svg
    root = parse(svg)
    steps = by_step(root)
    assert steps["1"][0].get("data-lane") == lanes[0]
    assert kegiatan in steps["1"][0].find(f"{NS}title").text
    assert "R&D <x>" in "".join(steps["2"][0].find(f"{NS}text").itertext())
    headers = [t for t in root.iter(f"{NS}text") if t.get("class") == "kepala-lajur"]
    assert "".join(headers[0].itertext()) == lanes[0]


def test_unassigned_step_is_dashed_in_first_lane():
    root = parse(swimlane_svg(["A", "B"], [step(1, ["B"]), step(2, []), step(3, [], keputusan=True)]))
    for u in ("2", "3"):
        (g,) = by_step(root)[u]
        assert g.get("data-lane") == "A" and "belum-ditetapkan" in g.get("class").split()
        shape = g.find(f"{NS}rect") if u == "2" else g.find(f"{NS}polygon")
        assert shape.get("stroke-dasharray")
        assert "belum ditetapkan" in "".join(g.find(f"{NS}text").itertext())
    (g,) = by_step(root)["1"]
    assert g.find(f"{NS}rect").get("stroke-dasharray") is None


def test_same_lane_and_long_returns_on_seven_lanes():
    lanes = [f"Pelaksana {i}" for i in range(1, 8)]
    steps = [step(i, [lanes[(i * 3) % 7]] if i % 4 else [lanes[i % 7], lanes[(i + 3) % 7]],
                  "Langkah & uji <%d> " % i * 12, keputusan=i % 3 == 0,
                  kembali_ke=max(1, i - 1 - i % 5) if i % 3 == 0 else None)
             for i in range(1, 16)]
    root = parse(swimlane_svg(lanes, steps, width=1280))
    assert len(symbols(root, "terminator")) == 2
    assert len(arrows(root, "panah-tidak")) == 5
    lane_w = 1280 / 7
    for g in symbols(root):
        i = lanes.index(g.get("data-lane"))
        x0, _, x1, _ = bbox(g)
        assert i * lane_w < x0 < x1 < (i + 1) * lane_w
    for p in arrows(root, "panah-tidak"):
        assert_route_avoids_boxes(root, p)


def test_return_into_two_pelaksana_step_detours_around_its_partner():
    # Target step 1 is drawn in A and C; the return from D must not cut through C's box.
    steps = [step(1, ["A", "C"]), step(2, ["D"], keputusan=True, kembali_ke=1),
             step(3, ["B", "A"], keputusan=True, kembali_ke=1)]
    root = parse(swimlane_svg(["A", "B", "C", "D"], steps))
    back = arrows(root, "panah-tidak")
    assert sorted((p.get("data-dari"), p.get("data-ke")) for p in back) == [("2", "1"), ("3", "1")]
    for p in back:
        assert_route_avoids_boxes(root, p)
    # Both arrive at the side of the first symbol (lane A) of step 1.
    a_box = bbox(by_step(root)["1"][0])
    assert {points(p)[-1][0] for p in back} <= {a_box[0], a_box[2]}


def test_unknown_lane_raises():
    with pytest.raises(ValueError, match='pelaksana "Lurah" tidak ada di kolom SOP'):
        swimlane_svg(LANES, [step(1, ["Lurah"])])


@pytest.mark.parametrize("kembali_ke, pesan", [(2, "sebelumnya"), (1, "sebelumnya"),
                                               (9, "tidak ada")])
def test_bad_kembali_ke_raises(kembali_ke, pesan):
    steps = [step(1, ["Camat"], keputusan=True, kembali_ke=kembali_ke), step(2, ["Camat"])]
    with pytest.raises(ValueError, match=pesan):
        swimlane_svg(LANES, steps)


def test_deterministic_and_self_contained():
    a = swimlane_svg(LANES, STEPS)
    b = swimlane_svg(copy.deepcopy(LANES), copy.deepcopy(STEPS))
    assert a == b
    assert "href" not in a and "<image" not in a and "@import" not in a and "http" not in (
        a.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    assert set(re.findall(r"url\(([^)]*)\)", a)) == {"#panah-ujung", "#panah-ujung-tidak"}
