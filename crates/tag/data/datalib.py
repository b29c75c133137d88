"""Shared by build_names.py and build_towns.py: the pinned-package check and ASCII folding."""
import importlib.metadata
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
