"""Shared by the build scripts: the pinned-package check, ASCII folding and the names the
tagger's data files already hold."""
import importlib.metadata
import os
import sys
import unicodedata


def require(package, version):
    """Exit with the pip command to run unless `package` is installed at exactly `version`
    (the output must be reproducible byte for byte)."""
    try:
        have = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        have = None
    if have != version:
        sys.exit(f"need {package}=={version} (have {have}): pip install {package}=={version}")


def ascii_fold(s):
    """`s` without its accents (combining marks dropped after NFD)."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


GIVEN_COLUMNS = [("given_names.tsv", 0), ("world_given_names.tsv", 0)]


def taken_names(here, columns=None):
    """Every given name, surname, place, town and demonym of the data files in `here`, lower
    case: a name list built later leaves these out (`Ford`, `Dell`, `Europe`). `columns`, when
    given, are the (file, column) pairs to read instead (`GIVEN_COLUMNS`: given names only)."""
    columns = columns or GIVEN_COLUMNS + [
        ("surnames.tsv", 0), ("places.tsv", 1), ("places.tsv", 2), ("towns.tsv", 1),
        ("demonyms.tsv", 0)]
    out = set()
    for path, column in columns:
        with open(os.path.join(here, path), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                fields = line.rstrip("\n").split("\t")
                if len(fields) > column:
                    out.add(fields[column].lower())
    return out


def write_names(path, header, names):
    """Write `names` to `path`: the comment line `header`, then the names sorted without
    regard to case, one a line (the same bytes on every run)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("# " + header + "\n")
        for n in sorted(names, key=lambda s: (s.lower(), s)):
            f.write(n + "\n")


PLACE_COLUMNS = ["geonameid", "name", "asciiname", "kind", "country", "lat", "lon", "population",
                 "alt", "code", "admin1", "members"]


def write_place_rows(dest, rows, what):
    """Write `rows` (lists of the columns of places.tsv) to `dest` under a header line."""
    with open(dest, "w", encoding="utf-8", newline="\n") as f:
        f.write("#" + "\t".join(PLACE_COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{dest}: {len(rows)} {what}")


def place_names(here, files, keep=lambda row: True):
    """Every name, ASCII name and alternate of the place files `files` in `here`, case-folded;
    only of the rows (lists of the columns of places.tsv) that `keep` accepts, when given."""
    known = set()
    for name in files:
        with open(os.path.join(here, name), encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) > 8 and not line.startswith("#") and keep(p):
                    for n in [p[1], p[2], *p[8].split("|")]:
                        if n:
                            known.add(n.casefold())
    return known
