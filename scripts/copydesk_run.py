"""Shared by the evaluation scripts: run copydesk over JSON objects and parse its records."""
import json
import subprocess


def run_copydesk(binary, objects, *flags, check=True):
    """Feed `objects` (dicts) to `binary` as NDJSON with `flags`; return the records (dicts)."""
    data = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode()
    out = subprocess.run([binary, *flags], input=data, capture_output=True, check=check)
    return [json.loads(line) for line in out.stdout.decode().splitlines()]
