#!/usr/bin/env python3
"""Build the country outlines of the desk's map: crates/desk/assets/world.json.

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain), as
shipped inside the geopandas 0.14.4 wheel (geopandas/datasets/naturalearth_lowres, the last
release that ships it). Only the wheel's data files are read: geopandas itself (and its
dependencies) need not be importable, so install it without them:

    pip install --no-deps geopandas==0.14.4 pycountry==26.2.16
    python3 scripts/build_world.py

The outlines are projected equirectangularly (x = longitude, y = -latitude, cut at 85 N and
60 S: Antarctica is left out), simplified (Douglas-Peucker, 0.35 degrees), rounded to half a
degree and written as SVG path data with relative coordinates, keyed by ISO 3166-1 alpha-2
(the code in the records' `country`). The output is byte-identical on every run.
"""

import importlib.metadata
import json
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The pinned-package check shared with the gazetteer scripts.
sys.path.insert(0, str(ROOT / "crates" / "tag" / "data"))
from datalib import require  # noqa: E402

PINS = {"geopandas": "0.14.4", "pycountry": "26.2.16"}
OUT = ROOT / "crates" / "desk" / "assets" / "world.json"
SCALE = 2  # units per degree
NORTH, SOUTH = 85.0, -60.0
TOLERANCE = 0.35  # degrees
# Natural Earth's -99 codes (no ISO code of their own) that the records still name.
EXTRA = {"Kosovo": "XK"}


def dataset(name):
    dist = importlib.metadata.distribution("geopandas")
    return Path(dist.locate_file(f"geopandas/datasets/naturalearth_lowres/naturalearth_lowres.{name}"))


def read_dbf(path):
    data = path.read_bytes()
    n, header_len, record_len = struct.unpack("<xxxxIHH", data[:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        row, off = {}, 1
        for name, size in fields:
            row[name] = rec[off:off + size].decode("utf-8", "replace").strip()
            off += size
        rows.append(row)
    return rows


def read_shp(path):
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _, length = struct.unpack(">II", data[pos:pos + 8])
        body = data[pos + 8: pos + 8 + length * 2]
        pos += 8 + length * 2
        kind = struct.unpack("<i", body[:4])[0]
        if kind == 0:
            shapes.append([])
            continue
        assert kind == 5, f"polygon expected, got shape type {kind}"
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{nparts}i", body[44:44 + 4 * nparts])) + [npoints]
        base = 44 + 4 * nparts
        points = [struct.unpack("<dd", body[base + 16 * i: base + 16 * i + 16]) for i in range(npoints)]
        shapes.append([points[parts[i]:parts[i + 1]] for i in range(nparts)])
    return shapes


def simplify(points, tol):
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = 0.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, at = d, i
        if at is not None and best > tol:
            keep[at] = True
            stack.append((a, at))
            stack.append((at, b))
    return [p for p, k in zip(points, keep) if k]


def path(rings):
    out = []
    for ring in rings:
        pts = simplify(ring, TOLERANCE)
        grid = []
        for lon, lat in pts:
            lat = min(NORTH, max(SOUTH, lat))
            p = (round((lon + 180) * SCALE), round((NORTH - lat) * SCALE))
            if not grid or grid[-1] != p:
                grid.append(p)
        if len(grid) > 1 and grid[0] == grid[-1]:
            grid.pop()
        if len(grid) < 3 or all(y == grid[0][1] for _, y in grid):
            continue  # too small to draw, or all cut away (Antarctica)
        x0, y0 = grid[0]
        cmd = [f"M{x0} {y0}l"]
        nums = []
        for (px, py), (qx, qy) in zip(grid, grid[1:]):
            nums.append(f"{qx - px} {qy - py}")
        cmd.append(" ".join(nums).replace(" -", "-"))
        cmd.append("z")
        out.append("".join(cmd))
    return "".join(out)


def main():
    for package, version in PINS.items():
        require(package, version)
    import pycountry

    rows = read_dbf(dataset("dbf"))
    shapes = read_shp(dataset("shp"))
    assert len(rows) == len(shapes)
    countries = {}
    for row, rings in zip(rows, shapes):
        a3, name = row["iso_a3"], row["name"]
        code = EXTRA.get(name)
        if code is None:
            c = pycountry.countries.get(alpha_3=a3)
            if c is None:
                print(f"skipped: {name} ({a3})", file=sys.stderr)
                continue
            code = c.alpha_2
        d = path(rings)
        if d:
            countries[code] = countries.get(code, "") + d
    world = {
        "source": "Natural Earth 1:110m Admin 0 - Countries (public domain), simplified",
        "width": 360 * SCALE,
        "height": round((NORTH - SOUTH) * SCALE),
        "scale": SCALE,
        "north": NORTH,
        "countries": dict(sorted(countries.items())),
    }
    OUT.write_text(json.dumps(world, separators=(",", ":"), ensure_ascii=True) + "\n")
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size} bytes")


main()
